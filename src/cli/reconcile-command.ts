import { UsageError } from '../config/config-error.js';
import { reconcileUsers } from '../core/reconcile/reconciler.js';
import { createBridge } from '../runtime.js';
import { newUpstreamContext } from '../upstreams/call-record.js';
import { isUpstreamError } from '../upstreams/upstream-error.js';
import { configFrom, type CliIo } from './cli-io.js';
import { CONFIG_OPTION, parseCommandArgs, TENANT_OPTION, type CommandSpec } from './command-spec.js';

/** `--tenant T`, checked against the configuration; every tenant when absent. */
export function selectTenant(command: string, wanted: string | undefined, configured: readonly string[]): void {
  if (wanted !== undefined && !configured.includes(wanted)) {
    throw new UsageError(`${command}: --tenant ${wanted} is not configured (${configured.join(', ')})`);
  }
}

/** A progress reporter for a tenant's pass over its upstream, when the CLI shows progress. */
export const pageProgress = (io: CliIo, what: string, tenant: string) => (p: { pages: number; users: number }) =>
  io.progress?.update(`${what} ${tenant}: page ${p.pages}, ${p.users} users read`);

export const RECONCILE_COMMAND = {
  name: 'reconcile',
  usage: '--config FILE [--tenant ID] [--apply [--enforce-drift]]',
  summary: 'Rebuild the index from the upstreams once; with --apply, make the writes plan lists',
  description: [
    'Prints one JSON line per tenant (its report: users seen, added, removed, drift, owed writes). Progress goes to',
    'standard error. Writes are audited as actor cli. Exit code 1 when a tenant failed or a write did.',
  ],
  options: {
    config: CONFIG_OPTION,
    tenant: TENANT_OPTION,
    apply: { type: 'boolean', default: false, help: 'make the owed writes (and drift under `drift: "enforce"`) upstream' },
    'enforce-drift': { type: 'boolean', default: false, help: 'with --apply: write drift back even under `drift: "report"`' },
  },
} as const satisfies CommandSpec;

/**
 * `scim-bridge reconcile --config F [--tenant T] [--apply] [--enforce-drift]`: rebuild the local index of every tenant
 * (or one) from its upstream once and print each tenant's report as a JSON line. Without `--apply` nothing is written
 * upstream: users are adopted into the index, drift and owed writes are only counted. With `--apply` the command
 * makes exactly the writes `scim-bridge plan` lists as to be written (owed derived writes; drift under the tenant's
 * `drift: "enforce"`, or any drift with `--enforce-drift`), audited as actor `cli`. Exit code 1 when a tenant's
 * reconcile failed or a write failed; the other tenants still run.
 */
export async function reconcileCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs(RECONCILE_COMMAND, args);
  const config = configFrom('reconcile', values.config, io.env);
  selectTenant(
    'reconcile',
    values.tenant,
    config.tenants.map((t) => t.id),
  );
  if (values['enforce-drift'] && !values.apply)
    throw new UsageError('reconcile: --enforce-drift writes, so it needs --apply (see `scim-bridge plan --enforce-drift` first)');
  // No scheduled runs: this process lives for one pass.
  const once = { ...config, tenants: config.tenants.map((t) => ({ ...t, reconcile: { ...t.reconcile, intervalSeconds: 0 } })) };
  const bridge = await createBridge(once, { logger: false });
  let failed = 0;
  try {
    for (const tenant of bridge.tenants.filter((t) => values.tenant === undefined || t.id === values.tenant)) {
      try {
        const report = await reconcileUsers(tenant, newUpstreamContext(`reconcile-cli-${tenant.id}-${Date.now()}`), {
          actor: 'cli',
          repairOwed: values.apply,
          enforceDrift: values.apply && (values['enforce-drift'] || tenant.drift === 'enforce'),
          onProgress: pageProgress(io, 'reconcile', tenant.id),
        });
        io.progress?.done();
        if (report.drift.failed > 0 || report.owed.failed > 0) failed++;
        io.out(JSON.stringify({ tenant: tenant.id, ok: true, applied: values.apply, ...report }));
      } catch (e) {
        io.progress?.done();
        failed++;
        const error = isUpstreamError(e) ? { kind: e.kind, message: e.message } : { kind: 'internal', message: e instanceof Error ? e.message : String(e) };
        io.out(JSON.stringify({ tenant: tenant.id, ok: false, error }));
      }
    }
  } finally {
    await bridge.close();
  }
  return failed > 0 ? 1 : 0;
}
