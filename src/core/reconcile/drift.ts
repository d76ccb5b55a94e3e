import type { AuditChange, IndexedUser } from '../../store/store.js';
import type { UpstreamContext } from '../../upstreams/call-record.js';
import type { UpstreamUser } from '../../upstreams/upstream.js';
import { auditChanges } from '../audit-changes.js';
import { recordOwnWrite, type ObjectWrite } from '../audit-recorder.js';
import { isUpstreamError } from '../../upstreams/upstream-error.js';
import { userKey } from '../keyed-lock.js';
import { writeUserAgain } from '../derived-user-write.js';
import type { TenantRuntime } from '../tenant.js';
import { storableUser } from '../user-view.js';
import { userRecords } from '../user-records.js';

/** A user the upstream holds differently from how the bridge last wrote it (an admin's edit in the console). */
export interface DriftItem {
  userId: string;
  userName: string;
  upstreamId: string;
  /** When the bridge last wrote the user: the baseline. */
  since: string;
  /** Per attribute: `before` what the upstream holds now, `after` what the bridge last wrote (what enforcement restores). */
  changes: AuditChange[];
}

/**
 * Drift of one user: what the upstream holds (`up`) against the snapshot of the bridge's last write. A user without a
 * snapshot (adopted, never written through the bridge) has no baseline and never drifts: its console edits are simply
 * read. Pure.
 */
export function driftOf(entry: IndexedUser, up: UpstreamUser): DriftItem | undefined {
  if (!entry.synced) return undefined;
  // userName is unique case-insensitively: an upstream that keeps another case of it has not drifted.
  const changes = auditChanges(up.user, entry.synced.user, up.state, entry.synced.state).filter(
    (c) => !(c.attribute === 'userName' && typeof c.before === 'string' && typeof c.after === 'string' && c.before.toLowerCase() === c.after.toLowerCase()),
  );
  if (changes.length === 0) return undefined;
  return { userId: entry.id, userName: entry.userName, upstreamId: entry.upstreamId, since: entry.synced.at, changes };
}

/**
 * Put a drifted user back as the bridge last wrote it: the snapshot's values overlaid on the user's view, its derived
 * state (profile, role, groups, department) restored as it was. One write; with `ctx.readOnly`, none.
 */
export async function enforceDrift(t: TenantRuntime, entry: IndexedUser, up: UpstreamUser, ctx: UpstreamContext): Promise<ObjectWrite | undefined> {
  const synced = entry.synced;
  if (!synced) return undefined;
  const intent = storableUser(t.upstream.users.merge(entry.resource, { upstreamId: entry.upstreamId, user: synced.user, state: synced.state }));
  const groupNames = await userRecords(t).groupNamesOf(entry.id);
  const write = { user: intent, groupNames, previous: { user: intent, groupNames }, restore: synced.state };
  // The user as it reads now, console edit included: what the audit's "before" shows.
  const now: IndexedUser = { ...entry, resource: storableUser(t.upstream.users.merge(entry.resource, up)), ...(up.state ? { upstreamState: up.state } : {}) };
  const done = await writeUserAgain(t, now, write, ctx, up);
  return done ? { ...done.record, operation: 'enforceDrift', detail: `changed upstream since the bridge wrote it at ${synced.at}` } : undefined;
}

/** A user the scan found drifted, with what the index and the upstream held at that moment. */
export interface DriftCandidate {
  entry: IndexedUser;
  up: UpstreamUser;
  item: DriftItem;
}

/**
 * Confirm each drift the scan found, and under `enforce` write it back, one user at a time under that user's lock:
 * a user the bridge wrote since the scan (its snapshot moved on, or an IdP write was in flight while the page was
 * read) is not drift and is left alone, so a reconcile never reverts an IdP's write. Enforcement reads the user again
 * first and writes only if it still differs. Every write is audited as `who.actor`.
 */
export async function settleDrift(
  t: TenantRuntime,
  candidates: readonly DriftCandidate[],
  ctx: UpstreamContext,
  options: { enforce: boolean; who: { tenant: string; requestId: string; actor: string } },
): Promise<{ confirmed: DriftItem[]; enforced: number; failed: number }> {
  const confirmed: DriftItem[] = [];
  let enforced = 0;
  let failed = 0;
  for (const candidate of candidates) {
    await t.locks.run([userKey(candidate.entry.id)], async () => {
      const entry = await t.store.users.get(t.id, candidate.entry.id);
      if (!entry || entry.deletedAt !== undefined || entry.synced?.at !== candidate.entry.synced?.at) return;
      if (!options.enforce) {
        confirmed.push(candidate.item);
        return;
      }
      const from = ctx.calls.length;
      try {
        const fresh = await t.upstream.users.get(entry.upstreamId, ctx);
        const item = fresh ? driftOf(entry, fresh) : undefined;
        if (!fresh || !item) return;
        confirmed.push(item);
        const write = await enforceDrift(t, entry, fresh, ctx);
        if (write) await recordOwnWrite(t.store, options.who, write, 200, t.now());
        enforced++;
      } catch (e) {
        if (!isUpstreamError(e)) throw e;
        failed++;
        const about = { resourceId: entry.id, resourceName: entry.userName, upstreamId: entry.upstreamId };
        await recordOwnWrite(
          t.store,
          options.who,
          { operation: 'enforceDrift', resourceType: 'User', ...about, calls: ctx.calls.slice(from), detail: e.message },
          e.status ?? 0,
          t.now(),
        );
      }
    });
  }
  return { confirmed, enforced, failed };
}
