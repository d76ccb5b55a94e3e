import type { AuditChange, IndexedUser } from '../../store/store.js';
import type { UpstreamContext } from '../../upstreams/call-record.js';
import type { UpstreamUser } from '../../upstreams/upstream.js';
import { auditChanges } from '../audit-changes.js';
import type { ObjectWrite } from '../audit-recorder.js';
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
  const changes = auditChanges(up.user, entry.synced.user, up.state, entry.synced.state);
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
