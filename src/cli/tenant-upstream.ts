import type { TenantConfig } from '../config/config-schema.js';
import { formatConfigPath } from '../config/config-issues.js';
import { newUpstreamContext, type UpstreamContext } from '../upstreams/call-record.js';
import { createUpstream, type UpstreamDeps } from '../upstreams/create-upstream.js';
import type { MappingProblem } from '../upstreams/mapping-problem.js';
import type { UpstreamAdapter } from '../upstreams/upstream.js';

/**
 * One tenant's upstream adapter for a one-off look (`doctor`, `serve`'s start-up check), closed afterwards. It is
 * not the adapter that serves: it has no durable state, so it owes no work, and closing it changes nothing upstream
 * (a ZIA session is signed out).
 */
export async function withTenantUpstream<T>(
  tenant: TenantConfig,
  deps: UpstreamDeps,
  purpose: string,
  look: (adapter: UpstreamAdapter, ctx: UpstreamContext) => Promise<T>,
): Promise<T> {
  const adapter = createUpstream(tenant.upstream, deps);
  try {
    return await look(adapter, newUpstreamContext(`${purpose}-${tenant.id}`));
  } finally {
    await adapter.close().catch(() => undefined);
  }
}

/** A mapping problem as a line for an operator, its setting named by its full path in the configuration file. */
export const mappingProblemLine = (tenantIndex: number, problem: MappingProblem): string =>
  `${formatConfigPath(['tenants', tenantIndex, 'upstream'])}.${problem.message}`;

const SECRET_KEY = /(secret|password|token|apikey|api_key|key)$/i;

/** A secret that is itself JSON (a Google service account key): its own secret-looking fields, e.g. `private_key`. */
function secretsWithin(json: string): string[] {
  try {
    return secretsOf(JSON.parse(json) as unknown);
  } catch {
    return [];
  }
}

/** Every secret-looking string in a tenant's upstream and source configuration, so that no message can echo one. */
function secretsOf(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return SECRET_KEY.test(key) && value.length >= 4 ? [value, ...secretsWithin(value)] : [];
  if (Array.isArray(value)) return value.flatMap((v) => secretsOf(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => secretsOf(v, k));
  return [];
}

/** `message` with every secret of the tenant's upstream and source configuration replaced by `[redacted]`. */
export function scrubSecrets(message: string, tenant: TenantConfig): string {
  return secretsOf([tenant.upstream, tenant.source]).reduce((m, s) => m.split(s).join('[redacted]'), message);
}
