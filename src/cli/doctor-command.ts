import type { BridgeConfig, TenantConfig } from '../config/config-schema.js';
import { ConfigError, UsageError } from '../config/config-error.js';
import { REGISTRY } from '../registry.js';
import { newUpstreamContext } from '../upstreams/call-record.js';
import type { UpstreamDeps } from '../upstreams/create-upstream.js';
import type { MappingProblem } from '../upstreams/mapping-problem.js';
import { isUpstreamError, type UpstreamErrorKind } from '../upstreams/upstream-error.js';
import { configFrom, type CliIo } from './cli-io.js';
import { CONFIG_OPTION, JSON_OPTION, parseCommandArgs, type CommandSpec } from './command-spec.js';
import { mappingProblemLine, scrubSecrets, withTenantUpstream } from './tenant-upstream.js';
import { textTable } from './text-table.js';

/** One line of the doctor's table: a tenant that is fine, or one thing wrong with it (a tenant may have several). */
export interface DoctorFinding {
  tenant: string;
  /** The upstream's type, or for a tenant's identity source its type followed by `(source)`. */
  upstream: string;
  ok: boolean;
  /** What failed: the upstream cannot be reached, refuses the credentials, or lacks a name the mapping gives. */
  area?: 'reachability' | 'credentials' | 'mapping' | 'internal';
  kind?: UpstreamErrorKind | 'internal' | `missing ${MappingProblem['kind']}`;
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

/**
 * Reach one tenant's upstream with its configured credentials (`UpstreamAdapter.check`), then look up everything its
 * mapping names there (`mappingProblems`: Zuora profiles, ZIA groups and departments): each missing name is a
 * finding of its own, so one run shows them all. A failure becomes a finding, never an exception.
 */
async function examine(tenant: TenantConfig, index: number, deps: UpstreamDeps): Promise<DoctorFinding[]> {
  const base = { tenant: tenant.id, upstream: tenant.upstream.type };
  try {
    const problems = await withTenantUpstream(tenant, deps, 'doctor', async (adapter, ctx) => {
      await adapter.check(ctx);
      return adapter.mappingProblems(ctx);
    });
    if (problems.length === 0) return [{ ...base, ok: true }];
    return problems.map((p) => ({
      ...base,
      ok: false,
      area: 'mapping' as const,
      kind: `missing ${p.kind}` as const,
      message: scrubSecrets(mappingProblemLine(index, p), tenant),
    }));
  } catch (e) {
    if (isUpstreamError(e)) return [{ ...base, ok: false, area: AREA[e.kind], kind: e.kind, message: scrubSecrets(e.message, tenant) }];
    return [{ ...base, ok: false, area: 'internal', kind: 'internal', message: scrubSecrets(e instanceof Error ? e.message : String(e), tenant) }];
  }
}

/**
 * Read one small page of a tenant's identity source (`IdentitySource.check`: for Google, the key signs, the token is
 * granted with the scopes asked, and the user listing answers), through a source of its own that is closed afterwards.
 */
async function examineSource(tenant: TenantConfig): Promise<DoctorFinding[]> {
  if (tenant.source === undefined) return [];
  const base = { tenant: tenant.id, upstream: `${tenant.source.type} (source)` };
  try {
    const source = REGISTRY.createSource(tenant.source, {});
    try {
      await source.check(newUpstreamContext(`doctor-${tenant.id}-source`));
    } finally {
      await source.close().catch(() => undefined);
    }
    return [{ ...base, ok: true }];
  } catch (e) {
    if (isUpstreamError(e)) return [{ ...base, ok: false, area: AREA[e.kind], kind: e.kind, message: scrubSecrets(e.message, tenant) }];
    return [{ ...base, ok: false, area: 'internal', kind: 'internal', message: scrubSecrets(e instanceof Error ? e.message : String(e), tenant) }];
  }
}

/** Examine every tenant of a validated configuration (its upstream, then its source), concurrently; findings in configuration order. */
export async function runDoctor(config: BridgeConfig, deps: UpstreamDeps = {}): Promise<DoctorFinding[]> {
  const perTenant = await Promise.all(config.tenants.map(async (t, i) => [...(await examine(t, i, deps)), ...(await examineSource(t))]));
  return perTenant.flat();
}

/** The findings as an aligned text table, one row per finding. */
export function formatDoctorTable(findings: readonly DoctorFinding[]): string[] {
  return textTable([
    ['TENANT', 'UPSTREAM / SOURCE', 'OK', 'PROBLEM'],
    ...findings.map((f) => [f.tenant, f.upstream, f.ok ? '✓' : '✗', f.ok ? '' : `${f.area} (${f.kind}): ${f.message ?? ''}`]),
  ]);
}

export const DOCTOR_COMMAND = {
  name: 'doctor',
  usage: '--config FILE [--json]',
  summary: 'Check the configuration, credentials and mapping against every upstream and source',
  description: [
    'Prints the configuration line, then one row per tenant upstream and per identity source: ✓, or ✗ and the problem',
    '(reachability, credentials, or a profile, group or department the mapping names that the upstream lacks).',
    'Every problem of every tenant is listed in one run; nothing is written. Exit code 1 when anything is ✗.',
    'With --json: one JSON document {ok, configuration, findings}.',
  ],
  options: { config: CONFIG_OPTION, json: JSON_OPTION },
} as const satisfies CommandSpec;

/**
 * `scim-bridge doctor --config F [--json]`: validate the configuration, reach each tenant's upstream, verify its
 * credentials and every name its mapping gives, read one page of its identity source if it has one, and print
 * everything that is wrong in one run: a table, or with `--json` one document. Exit code 1 when anything is.
 */
export async function doctorCommand(args: string[], io: CliIo, deps: UpstreamDeps = {}): Promise<number> {
  const values = parseCommandArgs(DOCTOR_COMMAND, args);
  let config: BridgeConfig;
  try {
    config = configFrom('doctor', values.config, io.env);
  } catch (e) {
    // A command line that cannot be run is a usage error; a configuration that is wrong is what doctor reports.
    if (!(e instanceof ConfigError) || e instanceof UsageError) throw e;
    io.out(values.json ? JSON.stringify({ ok: false, configuration: { ok: false, problem: e.message }, findings: [] }) : `✗ configuration: ${e.message}`);
    return 1;
  }
  if (!values.json) io.out(`✓ configuration: ${config.tenants.length} tenant(s)`);
  const findings = await runDoctor(config, deps);
  const ok = findings.every((f) => f.ok);
  if (values.json) io.out(JSON.stringify({ ok, configuration: { ok: true, tenants: config.tenants.length }, findings }));
  else for (const line of formatDoctorTable(findings)) io.out(line);
  return ok ? 0 : 1;
}
