import type { BridgeConfig, TenantConfig } from '../config/config-schema.js';
import { ConfigError } from '../config/load-config.js';
import { newUpstreamContext } from '../upstreams/call-record.js';
import { createUpstream, type UpstreamDeps } from '../upstreams/create-upstream.js';
import { isUpstreamError, type UpstreamErrorKind } from '../upstreams/upstream-error.js';
import { configFrom, parseCommandArgs, type CliIo } from './cli-io.js';

/** One line of the doctor's table: a tenant's upstream, and what is wrong with it if anything. */
export interface DoctorFinding {
  tenant: string;
  upstream: string;
  ok: boolean;
  /** What failed, from the error kind: the upstream cannot be reached, refuses the credentials, or lacks a mapped name. */
  area?: 'reachability' | 'credentials' | 'mapping' | 'internal';
  kind?: UpstreamErrorKind | 'internal';
  message?: string;
}

const AREA: Record<UpstreamErrorKind, NonNullable<DoctorFinding['area']>> = {
  unauthorized: 'credentials',
  invalid: 'mapping',
  notFound: 'mapping',
  conflict: 'mapping',
  unavailable: 'reachability',
  timeout: 'reachability',
  rateLimited: 'reachability',
  malformed: 'reachability',
};

const SECRET_KEY = /(secret|password|token|apikey|api_key|key)$/i;

/** Every secret-looking string in a tenant's upstream configuration, so that no message can echo one. */
function secretsOf(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return SECRET_KEY.test(key) && value.length >= 4 ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => secretsOf(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => secretsOf(v, k));
  return [];
}

const scrub = (message: string, secrets: string[]): string => secrets.reduce((m, s) => m.split(s).join('[redacted]'), message);

/**
 * Reach one tenant's upstream with its configured credentials and verify its mapping: `UpstreamAdapter.check`
 * signs in, and checks what the configuration names upstream (Zuora REST profiles, ZIA's disabled group and
 * department). A failure becomes a finding, never an exception.
 */
async function examine(tenant: TenantConfig, deps: UpstreamDeps): Promise<DoctorFinding> {
  const base = { tenant: tenant.id, upstream: tenant.upstream.type };
  const adapter = createUpstream(tenant.upstream, deps);
  try {
    await adapter.check(newUpstreamContext(`doctor-${tenant.id}`));
    return { ...base, ok: true };
  } catch (e) {
    const secrets = secretsOf(tenant.upstream);
    if (isUpstreamError(e)) return { ...base, ok: false, area: AREA[e.kind], kind: e.kind, message: scrub(e.message, secrets) };
    return { ...base, ok: false, area: 'internal', kind: 'internal', message: scrub(e instanceof Error ? e.message : String(e), secrets) };
  } finally {
    await adapter.close().catch(() => undefined);
  }
}

/** Examine every tenant of a validated configuration, concurrently, in configuration order. */
export async function runDoctor(config: BridgeConfig, deps: UpstreamDeps = {}): Promise<DoctorFinding[]> {
  return Promise.all(config.tenants.map((t) => examine(t, deps)));
}

/** The findings as an aligned text table, one row per tenant. */
export function formatDoctorTable(findings: readonly DoctorFinding[]): string[] {
  const rows = [
    ['tenant', 'upstream', 'ok', 'problem'],
    ...findings.map((f) => [f.tenant, f.upstream, f.ok ? '✓' : '✗', f.ok ? '' : `${f.area} (${f.kind}): ${f.message ?? ''}`]),
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c < 3 ? cell.padEnd(widths[c] ?? 0) : cell)).join('  ').trimEnd());
}

/**
 * `scim-bridge doctor --config F`: validate the configuration, reach each tenant's upstream, verify its credentials
 * and mapping, and print what is wrong per tenant. Exit code 1 when anything is.
 */
export async function doctorCommand(args: string[], io: CliIo, deps: UpstreamDeps = {}): Promise<number> {
  const values = parseCommandArgs('doctor', args, { config: { type: 'string' } });
  let config: BridgeConfig;
  try {
    config = configFrom('doctor', values.config, io.env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.out(`✗ configuration: ${e.message}`);
    return 1;
  }
  io.out(`✓ configuration: ${config.tenants.length} tenant(s)`);
  const findings = await runDoctor(config, deps);
  for (const line of formatDoctorTable(findings)) io.out(line);
  return findings.every((f) => f.ok) ? 0 : 1;
}
