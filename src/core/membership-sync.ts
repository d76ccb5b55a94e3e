import type { StoredGroup } from '../store/store.js';
import type { RequestContext } from './request-context.js';
import type { TenantRuntime } from './tenant.js';
import { viaUpstream } from './upstream-call.js';
import { storableUser } from './user-view.js';
import { sameContent } from '../scim/etag.js';

/**
 * For upstreams without groups, a user's group memberships are input to the upstream write (Zuora REST maps
 * groups to one profileId). When a group change affects users, each affected user is written again with its new
 * group names; the adapter decides whether that changes anything upstream (an unmapped group costs no call).
 */
export function membershipSync(t: TenantRuntime) {
  const { store, upstream } = t;

  /** Group display names of a user once `changed` replaces (or, when `removed`, drops) its stored version. */
  async function groupNamesAfter(userId: string, changed: StoredGroup, removed: boolean): Promise<string[]> {
    const ids = new Set(await store.groups.groupIdsOfUser(t.id, userId));
    ids.delete(changed.id);
    const names: string[] = [];
    for (const id of ids) {
      const g = await store.groups.get(t.id, id);
      if (g) names.push(g.displayName);
    }
    if (!removed && changed.memberIds.includes(userId)) names.push(changed.displayName);
    return names;
  }

  /**
   * Write every affected user upstream with the group names it will have once `next` is stored. Called before the
   * group is stored, so that an upstream failure leaves the old group in place and the IdP's retry redoes the work.
   */
  async function apply(affectedUserIds: Iterable<string>, next: StoredGroup, removed: boolean, rc: RequestContext): Promise<void> {
    for (const userId of affectedUserIds) {
      const entry = await store.users.get(t.id, userId);
      if (!entry || entry.deletedAt !== undefined) continue;
      const groupNames = await groupNamesAfter(userId, next, removed);
      const current = { upstreamId: entry.upstreamId, user: entry.resource };
      const result = await viaUpstream(() => upstream.users.replace(entry.upstreamId, { user: entry.resource, groupNames }, rc.upstream, current));
      const merged = storableUser(upstream.users.merge(entry.resource, result));
      if (!sameContent(merged, entry.resource)) {
        await store.users.put({ ...entry, resource: merged, active: merged.active !== false, lastModified: t.now().toISOString() });
      }
    }
  }

  return { apply };
}

/** Users whose group names change when `before` becomes `after` (a rename touches every member). */
export function affectedUsers(before: StoredGroup | undefined, after: StoredGroup | undefined): Set<string> {
  const was = new Set(before?.memberIds ?? []);
  const is = new Set(after?.memberIds ?? []);
  const renamed = before && after && before.displayName !== after.displayName;
  const out = new Set<string>();
  for (const id of was) if (renamed || !is.has(id)) out.add(id);
  for (const id of is) if (renamed || !was.has(id)) out.add(id);
  return out;
}
