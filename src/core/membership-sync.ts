import { setImmediate as nextTurn } from 'node:timers/promises';
import type { IndexedUser, StoredGroup } from '../store/store.js';
import { trailOf } from './audit-recorder.js';
import { writeUserAgain } from './derived-user-write.js';
import { groupNamesAround } from './group-names.js';
import { owedWrites } from './reconcile/owed-writes.js';
import type { RequestContext } from './request-context.js';
import type { TenantRuntime } from './tenant.js';
import { viaUpstream } from './upstream-call.js';

/** Members written between two turns of the event loop. */
const YIELD_EVERY = 25;

/**
 * Group memberships are input to attributes an upstream derives (Zuora REST maps groups to one profileId, OneID to a
 * role, ZIA to its own groups). When a group change affects users, each affected user is written again with its
 * group names before and after; the adapter recomputes only what a mapped group's change moves, and an unmapped group
 * costs no call. Each user written gets its own audit entry.
 */
export function membershipSync(t: TenantRuntime) {
  const { store } = t;
  const owed = owedWrites(t);

  /** Write one user with its group names before and after; its audit entry joins the request's trail. */
  async function writeUser(entry: IndexedUser, before: readonly string[], after: string[], cause: string, rc: RequestContext): Promise<void> {
    const write = { user: entry.resource, groupNames: after, previous: { user: entry.resource, groupNames: before } };
    const from = rc.upstream.calls.length;
    try {
      const done = await viaUpstream(() => writeUserAgain(t, entry, write, rc.upstream));
      if (done) trailOf(rc).derived.push({ ...done.record, detail: cause });
    } catch (e) {
      // A failed write may still have reached the upstream: its attempts are audited as this user's.
      const calls = rc.upstream.calls.slice(from);
      if (calls.length > 0) {
        const failure = e instanceof Error ? e.message : String(e);
        trailOf(rc).derived.push({
          operation: 'updateUser',
          resourceType: 'User',
          resourceId: entry.id,
          resourceName: entry.userName,
          upstreamId: entry.upstreamId,
          calls,
          detail: `${cause}; failed: ${failure}`,
        });
      }
      throw e;
    }
  }

  /**
   * Write every affected user upstream with its group names before and after `before` becomes `next`. Store-kept
   * groups call this before the group is stored, so that an upstream failure leaves the old group in place and the
   * IdP's retry redoes the work. Upstream groups (OneID) call it after the group and its mirror are stored
   * (`oweOnFailure`): a failure then leaves the membership changed and the derived writes owed, recorded for the
   * reconciler's repair pass.
   */
  async function apply(
    affectedUserIds: Iterable<string>,
    before: StoredGroup | undefined,
    next: StoredGroup | undefined,
    rc: RequestContext,
    oweOnFailure = false,
  ): Promise<void> {
    const group = (next ?? before) as StoredGroup;
    const cause = next ? `membership of group "${group.displayName}" changed` : `group "${group.displayName}" deleted`;
    const pending = [...affectedUserIds];
    for (const [i, userId] of pending.entries()) {
      // A change of a thousand members is a thousand writes: let other requests in between (the embedded store
      // answers synchronously, so without this the loop would hold the event loop for the whole group).
      if (i > 0 && i % YIELD_EVERY === 0) await nextTurn();
      const entry = await store.users.get(t.id, userId);
      if (!entry || entry.deletedAt !== undefined) continue;
      const names = await groupNamesAround(t, userId, before, next);
      try {
        await writeUser(entry, names.before, names.after, cause, rc);
      } catch (e) {
        if (oweOnFailure) await owed.record(pending.slice(i), before, next, e);
        throw e;
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
