import { sameContent } from '../scim/etag.js';
import type { IndexedUser } from '../store/store.js';
import type { UpstreamContext } from '../upstreams/call-record.js';
import type { UpstreamUser, UserWrite } from '../upstreams/upstream.js';
import { auditChanges } from './audit-changes.js';
import type { ObjectWrite } from './audit-recorder.js';
import type { TenantRuntime } from './tenant.js';
import { storableUser } from './user-view.js';

/**
 * Write a user the IdP did not itself send — a member whose group changed, a write the bridge owes, a drifted user
 * put back — and keep what the upstream then holds. With `ctx.readOnly` (a plan) nothing is sent or stored and the
 * result says what would be written. Returns `undefined` when the upstream needed no request; otherwise the audit
 * record of the write (its calls are the ones this write made). `current` is what the upstream holds, when just read
 * (the entry's view otherwise); the audit's "before" is the entry's view.
 */
export async function writeUserAgain(
  t: TenantRuntime,
  entry: IndexedUser,
  write: UserWrite,
  ctx: UpstreamContext,
  current: UpstreamUser = { upstreamId: entry.upstreamId, user: entry.resource, ...(entry.upstreamState ? { state: entry.upstreamState } : {}) },
): Promise<{ saved: IndexedUser; record: ObjectWrite } | undefined> {
  const from = ctx.calls.length;
  const result = await t.upstream.users.replace(entry.upstreamId, write, ctx, current);
  const calls = ctx.calls.slice(from);
  const wrote = calls.some((c) => c.method !== 'GET' && c.method !== 'HEAD');
  const merged = storableUser(t.upstream.users.merge(write.user, result));
  const now = t.now().toISOString();
  const saved: IndexedUser = {
    ...entry,
    upstreamId: result.upstreamId,
    resource: sameContent(merged, entry.resource) ? entry.resource : merged,
    active: merged.active !== false,
    lastModified: now,
    upstreamState: result.state,
    synced: { user: storableUser(result.user), state: result.state ?? {}, at: now },
  };
  const changes = auditChanges(entry.resource, saved.resource, current.state ?? entry.upstreamState, saved.upstreamState);
  // A plan sends nothing, so "no request" cannot tell it apart from "nothing to change": the changes do.
  if (ctx.readOnly ? changes.length === 0 : !wrote) return undefined;
  if (!ctx.readOnly) await t.store.users.put(saved);
  return {
    saved,
    record: {
      operation: 'updateUser',
      resourceType: 'User',
      resourceId: entry.id,
      resourceName: entry.userName,
      upstreamId: result.upstreamId,
      changes,
      upstreamState: saved.upstreamState,
      calls,
    },
  };
}
