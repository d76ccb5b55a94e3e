import type { StoredGroup } from '../store/store.js';
import type { TenantRuntime } from './tenant.js';

/**
 * A user's group names before and after one group changes from `before` to `next` (undefined: the group was created,
 * or deleted). Derived attributes are recomputed from exactly this pair, so it does not matter whether the store
 * already holds the group's new version: the user's other groups are read, this group is taken from the two versions.
 */
export async function groupNamesAround(
  t: TenantRuntime,
  userId: string,
  before: StoredGroup | undefined,
  next: StoredGroup | undefined,
): Promise<{ before: string[]; after: string[] }> {
  const groupId = (next ?? before)?.id;
  const others = (await t.store.groups.groupsOfUser(t.id, userId)).filter((g) => g.id !== groupId).map((g) => g.displayName);
  const withGroup = (g: StoredGroup | undefined) => (g && g.memberIds.includes(userId) ? [...others, g.displayName] : others);
  return { before: withGroup(before), after: withGroup(next) };
}
