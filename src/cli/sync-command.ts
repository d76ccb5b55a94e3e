import { ConfigError } from '../config/load-config.js';
import type { SourceSyncReport } from '../core/source-sync/sync.js';
import { createBridge } from '../runtime.js';
import { isUpstreamError } from '../upstreams/upstream-error.js';
import { configFrom, parseCommandArgs, type CliIo } from './cli-io.js';
import { selectTenant } from './reconcile-command.js';

/** What `sync` prints of a report: counts, and with `--dry-run` the plan itself (who, and which attributes). */
function printable(report: SourceSyncReport, detailed: boolean): Record<string, unknown> {
  const { plan, ...rest } = report;
  const counts = {
    inScope: plan.inScope,
    creates: plan.creates.length,
    adoptions: plan.adoptions.length,
    updates: plan.updates.length,
    removals: plan.removals.length,
    conflicts: plan.conflicts.length,
    groupCreates: plan.groupCreates.length,
    groupUpdates: plan.groupUpdates.length,
    groupRemovals: plan.groupRemovals.length,
    unchanged: plan.unchanged,
  };
  if (!detailed) return { ...rest, planned: counts };
  return {
    ...rest,
    planned: counts,
    plan: {
      creates: plan.creates.map((c) => ({ sourceId: c.sourceId, userName: c.user.userName })),
      adoptions: plan.adoptions.map((a) => ({ sourceId: a.sourceId, id: a.id, userName: a.userName, changed: a.changed })),
      updates: plan.updates.map((u) => ({ sourceId: u.sourceId, id: u.id, userName: u.userName, changed: u.changed })),
      removals: plan.removals,
      conflicts: plan.conflicts,
      groupCreates: plan.groupCreates.map((g) => ({ sourceId: g.sourceId, displayName: g.displayName, members: g.memberSourceIds.length })),
      groupUpdates: plan.groupUpdates,
      groupRemovals: plan.groupRemovals,
    },
  };
}

/**
 * `scim-bridge sync --config F [--tenant T] [--dry-run | --apply [--allow-mass-deactivation]]`: provision every tenant
 * that has an identity source (or one) from it once, and print each tenant's report as a JSON line. `--dry-run` reads
 * the directory and prints the plan, writing nothing. Otherwise the plan is applied (`--apply` says so explicitly)
 * unless it would take away more users than the source's caps allow: then nothing is applied and the report says
 * why, until the operator confirms with `--allow-mass-deactivation`. Exit code 1 when a tenant's sync was refused, could
 * not read its source, or a write failed; the other tenants still run.
 */
export async function syncCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs('sync', args, {
    config: { type: 'string' },
    tenant: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    apply: { type: 'boolean', default: false },
    'allow-mass-deactivation': { type: 'boolean', default: false },
  });
  const config = configFrom('sync', values.config, io.env, io.registry);
  selectTenant(
    'sync',
    values.tenant,
    config.tenants.map((t) => t.id),
  );
  if (values['dry-run'] && (values.apply || values['allow-mass-deactivation'])) {
    throw new ConfigError('sync: --dry-run writes nothing, so it takes neither --apply nor --allow-mass-deactivation');
  }
  const withSource = config.tenants.filter((t) => t.source !== undefined && (values.tenant === undefined || t.id === values.tenant)).map((t) => t.id);
  if (withSource.length === 0)
    throw new ConfigError(`sync: ${values.tenant === undefined ? 'no tenant has' : `tenant ${values.tenant} has no`} identity source (\`source\`) configured`);
  // No scheduled runs: this process lives for one pass.
  const once = { ...config, tenants: config.tenants.map((t) => ({ ...t, reconcile: { ...t.reconcile, intervalSeconds: 0 } })) };
  const bridge = await createBridge(once, { logger: false, ...(io.registry ? { registry: io.registry } : {}) });
  let failed = 0;
  try {
    for (const tenant of withSource) {
      try {
        const reports = await bridge.syncSources({ tenant, dryRun: values['dry-run'], allowMassRemoval: values['allow-mass-deactivation'] });
        const report = reports.get(tenant);
        if (!report) continue;
        if (report.refused || report.failed.length > 0) failed++;
        io.out(
          JSON.stringify({ tenant, ok: !report.refused && report.failed.length === 0, dryRun: values['dry-run'], ...printable(report, values['dry-run']) }),
        );
      } catch (e) {
        failed++;
        const error = isUpstreamError(e) ? { kind: e.kind, message: e.message } : { kind: 'internal', message: e instanceof Error ? e.message : String(e) };
        io.out(JSON.stringify({ tenant, ok: false, error }));
      }
    }
  } finally {
    await bridge.close();
  }
  return failed > 0 ? 1 : 0;
}
