import type { AuditChange, AuditEntry, Store, UpstreamState } from '../store/store.js';
import type { UpstreamCallRecord } from '../upstreams/call-record.js';
import type { RequestContext } from './request-context.js';

export const formatCall = (c: UpstreamCallRecord): string =>
  `${c.method} ${c.path} ${c.status === 0 ? (c.error ?? 'no response') : c.status} ${Math.round(c.durationMs)}ms${c.attempt > 1 ? ` (attempt ${c.attempt})` : ''}`;

/** What one object's write said about itself, for its audit entry. */
export interface ObjectWrite {
  operation: string;
  resourceType: 'User' | 'Group';
  resourceId?: string;
  resourceName?: string;
  upstreamId?: string;
  changes?: AuditChange[];
  upstreamState?: UpstreamState;
  /** The calls this object's write made; absent for the request's own object, which gets the rest of the request's. */
  calls?: UpstreamCallRecord[];
  detail?: string;
}

/**
 * The audit trail of one request, filled in while it runs: what the requested object's write said about itself
 * (`primary`) and one record per other object the request wrote (`derived`: a member whose profile a group change
 * moved). Every entry is appended once the request's outcome is known, with the status the IdP got.
 */
export interface AuditTrail {
  primary: Partial<ObjectWrite>;
  derived: ObjectWrite[];
}

export const trailOf = (rc: RequestContext): AuditTrail => (rc.trail ??= { primary: {}, derived: [] });

const entryOf = (rc: RequestContext, at: Date, status: number, w: Partial<ObjectWrite>, calls: UpstreamCallRecord[], detail?: string): AuditEntry => ({
  tenant: rc.tenant,
  at: at.toISOString(),
  requestId: rc.requestId,
  actor: rc.actor,
  operation: w.operation ?? 'unknown',
  resourceType: w.resourceType ?? 'System',
  resourceId: w.resourceId,
  resourceName: w.resourceName,
  upstreamId: w.upstreamId,
  status,
  upstreamCalls: calls.map(formatCall),
  changes: w.changes && w.changes.length > 0 ? w.changes : undefined,
  upstreamState: w.upstreamState,
  detail: [detail, w.detail].filter((d) => d !== undefined && d !== '').join('\n') || undefined,
});

/**
 * Append the request's entries: the requested object's (with the upstream calls no derived write claimed, and the
 * adapter's notes), then one per derived write with its own calls. Audit failures are the caller's to log, never turned into IdP errors after the
 * upstream write already happened.
 */
async function recordRequest(store: Store, rc: RequestContext, what: Partial<ObjectWrite>, status: number, at: Date, detail?: string): Promise<void> {
  const trail = trailOf(rc);
  const primary = { ...what, ...trail.primary, resourceId: trail.primary.resourceId ?? what.resourceId };
  const notes = (rc.upstream.auditNotes ?? []).join('\n') || undefined;
  // Each call is in exactly one entry: a derived write's calls in its own, every other call in the request's.
  const claimed = new Set([...trail.derived.flatMap((d) => d.calls ?? []), ...(rc.upstream.auditedApart ?? [])]);
  const calls = rc.upstream.calls.filter((c) => !claimed.has(c));
  await store.audit.append(entryOf(rc, at, status, primary, calls, [detail, notes].filter(Boolean).join('\n') || undefined));
  for (const d of trail.derived) await store.audit.append(entryOf(rc, at, status, d, d.calls ?? []));
}

/**
 * Run a mutation and audit it whatever the outcome: success with the status the IdP gets (`rc.successStatus` when the
 * route set one, e.g. 204 for a PATCH), failure with the error's status. `resourceId` may be learnt during the
 * operation (a create), hence the callback form.
 */
export async function audited<T>(
  store: Store,
  rc: RequestContext,
  now: () => Date,
  what: { operation: string; resourceType: AuditEntry['resourceType']; resourceId?: string; status: number },
  run: () => Promise<T>,
  idOf?: (result: T) => string | undefined,
): Promise<T> {
  trailOf(rc);
  const base = { operation: what.operation, resourceType: what.resourceType === 'System' ? undefined : what.resourceType, resourceId: what.resourceId };
  try {
    const result = await run();
    await recordRequest(store, rc, { ...base, resourceId: idOf?.(result) ?? what.resourceId }, rc.successStatus ?? what.status, now());
    return result;
  } catch (e) {
    const status = typeof (e as { status?: unknown }).status === 'number' ? (e as { status: number }).status : 500;
    const detail = e instanceof Error ? e.message : String(e);
    await recordRequest(store, rc, base, status, now(), detail).catch(() => undefined);
    throw e;
  }
}

/**
 * Append the entry of a write the bridge made outside an IdP request (the reconciler's repair, drift enforcement, a
 * CLI command): `actor` says who (`reconciler`, `cli`); `status` 200 when the upstream accepted it, else the failure's.
 */
export async function recordOwnWrite(
  store: Store,
  who: { tenant: string; requestId: string; actor: string },
  write: ObjectWrite,
  status: number,
  at: Date,
): Promise<void> {
  const rc = { tenant: who.tenant, requestId: who.requestId, actor: who.actor } as RequestContext;
  await store.audit.append(entryOf(rc, at, status, write, write.calls ?? []));
}
