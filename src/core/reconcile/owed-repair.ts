import type { UpstreamContext } from '../../upstreams/call-record.js';
import { isUpstreamError } from '../../upstreams/upstream-error.js';
import type { ObjectWrite } from '../audit-recorder.js';
import { writeUserAgain } from '../derived-user-write.js';
import { userKey } from '../keyed-lock.js';
import type { TenantRuntime } from '../tenant.js';
import { userRecords } from '../user-records.js';
import { owedWrites, type OwedWrite } from './owed-writes.js';

export interface OwedRepairOutcome {
  owed: OwedWrite;
  /** What was (or, in a plan, would be) written; undefined when the upstream already holds it. */
  write?: ObjectWrite;
  /** Why the write failed, when it did; the debt stays for the next pass. */
  error?: string;
  /** The failure's HTTP status (0 without an answer), when it failed. */
  status?: number;
}

/**
 * The repair pass: make the derived writes the bridge owes (recorded when a member's profile or role write failed
 * after its group membership had changed upstream), and nothing else. Each is computed from the group names the
 * user's derived attributes were last computed from, so the adapter moves only what the membership change moves.
 * A paid debt is forgotten; a failed one stays. With `ctx.readOnly` (a plan) nothing is written or forgotten.
 */
export async function repairOwed(t: TenantRuntime, ctx: UpstreamContext): Promise<OwedRepairOutcome[]> {
  const debts = owedWrites(t);
  const records = userRecords(t);
  const outcomes: OwedRepairOutcome[] = [];

  async function repairOne(owed: OwedWrite): Promise<OwedRepairOutcome | undefined> {
    const entry = await t.store.users.get(t.id, owed.userId);
    if (!entry || entry.deletedAt !== undefined) {
      if (!ctx.readOnly) await debts.settle(owed.userId);
      return undefined;
    }
    const from = ctx.calls.length;
    try {
      const groupNames = await records.groupNamesOf(entry.id);
      const write = { user: entry.resource, groupNames, previous: { user: entry.resource, groupNames: owed.previousGroupNames } };
      const done = await writeUserAgain(t, entry, write, ctx);
      if (!ctx.readOnly) await debts.settle(owed.userId);
      return { owed, ...(done ? { write: { ...done.record, operation: 'repairDerived', detail: `owed since ${owed.since}: ${owed.reason}` } } : {}) };
    } catch (e) {
      if (!isUpstreamError(e)) throw e;
      const user = { resourceId: entry.id, resourceName: entry.userName, upstreamId: entry.upstreamId };
      return {
        owed,
        error: e.message,
        status: e.status ?? 0,
        write: { operation: 'repairDerived', resourceType: 'User', ...user, calls: ctx.calls.slice(from), detail: e.message },
      };
    }
  }
  for (const owed of await debts.list()) {
    // Under the user's lock: an IdP write to the same user is either before or after, never interleaved.
    const outcome = await t.locks.run([userKey(owed.userId)], () => repairOne(owed));
    if (outcome) outcomes.push(outcome);
  }
  return outcomes;
}
