import { notFound } from '../scim/errors.js';
import type { ScimUser } from '../scim/resource.js';
import type { GroupRef, IndexedUser } from '../store/store.js';
import type { TenantRuntime } from './tenant.js';
import { userViewCache } from './user-view-cache.js';
import { unversionedUser } from './user-view.js';

const NO_GROUPS: readonly GroupRef[] = Object.freeze([]);

/** Index look-ups shared by the user operations. */
export function userRecords(t: TenantRuntime) {
  const { store } = t;
  const render = userViewCache();

  /** The live index entry for a SCIM id, or a 404 (also for ids the IdP deleted: RFC 7644 §3.6). */
  async function loadLive(id: string): Promise<IndexedUser> {
    const entry = await store.users.get(t.id, id);
    if (!entry || entry.deletedAt !== undefined) throw notFound(`User ${id} not found`);
    return entry;
  }

  async function groupsOf(userId: string): Promise<readonly GroupRef[]> {
    // Names only: a user's view must not cost the member lists of the (possibly huge) groups it is in.
    return store.groups.groupsOfUser(t.id, userId);
  }

  async function view(entry: IndexedUser, baseUrl: string): Promise<ScimUser> {
    return render(entry, await groupsOf(entry.id), baseUrl);
  }

  /** The views of many users (a page of a list), their groups read in one go. */
  async function views(entries: readonly IndexedUser[], baseUrl: string): Promise<ScimUser[]> {
    if (entries.length === 0) return [];
    const groups = await store.groups.groupsOfUsers(
      t.id,
      entries.map((e) => e.id),
    );
    return entries.map((e) => render(e, groups.get(e.id) ?? NO_GROUPS, baseUrl));
  }

  /**
   * The view without groups and without `meta.version`, not cached: enough to test a filter that reads neither, at a
   * fraction of the cost (no group look-up, no ETag), for a scan that sees each user once.
   */
  function filterView(entry: IndexedUser, baseUrl: string): ScimUser {
    return unversionedUser(entry, NO_GROUPS, baseUrl);
  }

  async function groupNamesOf(userId: string): Promise<string[]> {
    return (await groupsOf(userId)).map((g) => g.displayName);
  }

  return { loadLive, groupsOf, view, views, filterView, groupNamesOf };
}
