import type { AuditEntry, Store } from '../store/store.js';
import type { UpstreamCallRecord } from '../upstreams/call-record.js';
import type { RequestContext } from './request-context.js';

export const formatCall = (c: UpstreamCallRecord): string =>
  `${c.method} ${c.path} ${c.status === 0 ? (c.error ?? 'no response') : c.status} ${Math.round(c.durationMs)}ms${c.attempt > 1 ? ` (attempt ${c.attempt})` : ''}`;

/**
 * Append one audit entry for a mutation: who asked (the credential's label, never the token), what, which upstream
 * calls it caused and how it ended. Audit failures are logged by the caller, never turned into IdP errors after the
 * upstream write already happened.
 */
export async function recordMutation(
  store: Store,
  rc: RequestContext,
  entry: Pick<AuditEntry, 'operation' | 'resourceType' | 'resourceId' | 'status'> & { detail?: string },
  at: Date,
): Promise<void> {
  await store.audit.append({
    tenant: rc.tenant,
    at: at.toISOString(),
    requestId: rc.requestId,
    actor: rc.actor,
    operation: entry.operation,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId,
    status: entry.status,
    upstreamCalls: rc.upstream.calls.map(formatCall),
    detail: [entry.detail, ...(rc.upstream.auditNotes ?? [])].filter((d) => d !== undefined).join('\n') || undefined,
  });
}

/**
 * Run a mutation and audit it whatever the outcome: success with its status, failure with the status the IdP will
 * see. `resourceId` may be learnt during the operation (a create), hence the callback form.
 */
export async function audited<T>(
  store: Store,
  rc: RequestContext,
  now: () => Date,
  what: { operation: string; resourceType: AuditEntry['resourceType']; resourceId?: string; status: number },
  run: () => Promise<T>,
  idOf?: (result: T) => string | undefined,
): Promise<T> {
  try {
    const result = await run();
    await recordMutation(store, rc, { ...what, resourceId: idOf?.(result) ?? what.resourceId }, now());
    return result;
  } catch (e) {
    const status = typeof (e as { status?: unknown }).status === 'number' ? (e as { status: number }).status : 500;
    const detail = e instanceof Error ? e.message : String(e);
    await recordMutation(store, rc, { ...what, resourceId: what.resourceId, status, detail }, now()).catch(() => undefined);
    throw e;
  }
}
