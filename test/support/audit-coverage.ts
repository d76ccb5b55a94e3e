import type { AuditEntry } from '../../src/store/store.js';

/**
 * Per upstream: what its simulator's paths carry beyond the bridge's base URL (ZIA's `/api/v1`), and its credential
 * routes (a token, a session), which change nothing in the tenant.
 */
export const UPSTREAM_WIRE = {
  'zuora-rest': { prefix: '', credentialRoutes: ['POST /oauth/token'] },
  'zuora-oneid': { prefix: '', credentialRoutes: ['POST /oauth2/token'] },
  'zscaler-zia': { prefix: '/api/v1', credentialRoutes: ['POST /api/v1/authenticatedSession', 'DELETE /api/v1/authenticatedSession'] },
} as const satisfies Record<string, { prefix: string; credentialRoutes: readonly string[] }>;

export const wireOf = (upstream: string): { prefix: string; credentialRoutes: readonly string[] } =>
  (UPSTREAM_WIRE as Record<string, { prefix: string; credentialRoutes: readonly string[] }>)[upstream] ?? { prefix: '', credentialRoutes: [] };

/** A write the simulator received, as its call log lists it (`GET /__sim/writes`). */
export interface SimulatorWrite {
  method: string;
  route: string;
  status: number;
  objectIds: string[];
}

/**
 * A route in a comparable form: parameters (`:id`, `{id}`) become `{}`, and `prefix` (the part of the simulator's
 * path the bridge's base URL already holds, e.g. `/api/v1` for ZIA) is dropped.
 */
export const routeKey = (method: string, route: string, prefix = ''): string =>
  `${method.toUpperCase()} ${(route.startsWith(prefix) ? route.slice(prefix.length) : route).replace(/:[A-Za-z]+|\{[A-Za-z]+\}/g, '{}')}`;

/** `PUT /v1/users/{id} 200 12ms (attempt 2)` → `PUT /v1/users/{}`. */
const callKey = (call: string): string => {
  const [method = '', path = ''] = call.split(' ');
  return routeKey(method, path);
};

/** The writes that can change the tenant: credential routes (a token, a session) are left out. */
export function tenantWrites(writes: readonly SimulatorWrite[], options: { prefix?: string; credentialRoutes: readonly string[] }): SimulatorWrite[] {
  const credentials = new Set(
    options.credentialRoutes.map((r) => {
      const [m = '', p = ''] = r.split(' ');
      return routeKey(m, p, options.prefix);
    }),
  );
  return writes.filter((w) => !credentials.has(routeKey(w.method, w.route, options.prefix)));
}

export interface AuditCoverage {
  /** Writes to an existing object with no audit entry for that object holding a call to that route. */
  unaudited: string[];
  /** Per route with writes naming no object (creates, activations): every call the simulator saw on it vs the audit's. */
  counts: Record<string, { simulator: number; audit: number }>;
}

/**
 * Compare a simulator's write log with the audit log, per object: every write naming an object has an audit entry
 * about that object (by upstream id) holding a call to the same route; writes naming no object (creates, activations)
 * are compared per route by count. Credential routes (token, session) are left out: they change nothing.
 */
export function auditCoverage(
  writes: readonly SimulatorWrite[],
  audit: readonly AuditEntry[],
  options: { prefix?: string; credentialRoutes: readonly string[] },
): AuditCoverage {
  const byObject = new Map<string, Set<string>>();
  const auditedCalls = new Map<string, number>();
  // A call that wrote several objects (a bulkDelete) is in each object's entry, all under one request id: count it once.
  const counted = new Set<string>();
  for (const entry of audit) {
    const keys = entry.upstreamCalls.map(callKey);
    entry.upstreamCalls.forEach((call, i) => {
      const once = `${entry.requestId}\u0000${i}\u0000${call}`;
      if (counted.has(once)) return;
      counted.add(once);
      const k = keys[i] as string;
      auditedCalls.set(k, (auditedCalls.get(k) ?? 0) + 1);
    });
    if (entry.upstreamId) {
      const set = byObject.get(entry.upstreamId) ?? new Set<string>();
      for (const k of keys) set.add(k);
      byObject.set(entry.upstreamId, set);
    }
  }
  const unaudited: string[] = [];
  const counts: AuditCoverage['counts'] = {};
  const tenant = tenantWrites(writes, options).map((w) => ({ ...w, key: routeKey(w.method, w.route, options.prefix) }));
  // A route with a write naming no object (a create, an activation, a bulk call refused before its body was read) is
  // compared by count: every call the simulator saw on it, with or without ids, against the audit's calls on it.
  const countedRoutes = new Set(tenant.filter((w) => w.objectIds.length === 0).map((w) => w.key));
  for (const w of tenant) {
    if (countedRoutes.has(w.key)) {
      counts[w.key] ??= { simulator: 0, audit: auditedCalls.get(w.key) ?? 0 };
      counts[w.key]!.simulator++;
    }
    for (const id of w.objectIds) if (!byObject.get(id)?.has(w.key)) unaudited.push(`${w.key} → ${id} (${w.status})`);
  }
  return { unaudited, counts };
}

/**
 * Audit coverage once background writes (a ZIA activation, a queued deletion) have settled: the simulator may have
 * answered a call whose audit entry is appended a moment later. Reads both logs until they agree or `timeoutMs` passes,
 * and returns the last comparison, so a write that is never audited still shows.
 */
export async function settledAuditCoverage(
  readWrites: () => readonly SimulatorWrite[],
  readAudit: () => Promise<readonly AuditEntry[]>,
  wire: { prefix?: string; credentialRoutes: readonly string[] },
  timeoutMs = 5_000,
): Promise<AuditCoverage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const coverage = auditCoverage(readWrites(), await readAudit(), wire);
    const agrees = coverage.unaudited.length === 0 && Object.values(coverage.counts).every((n) => n.audit === n.simulator);
    if (agrees || Date.now() > deadline) return coverage;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
