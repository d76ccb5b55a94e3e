import { ConfigError, UsageError } from '../config/config-error.js';
import type { SourceSyncReport } from '../core/source-sync/sync.js';
import { createBridge } from '../runtime.js';
import type { UpstreamCallRecord } from '../upstreams/call-record.js';
import { isUpstreamError } from '../upstreams/upstream-error.js';
import { configFrom, type CliIo } from './cli-io.js';
import { CONFIG_OPTION, parseCommandArgs, TENANT_OPTION, type CommandSpec } from './command-spec.js';
import { selectTenant } from './reconcile-command.js';

/** The shortest time between two progress lines: a sync makes many requests, and a piped log wants few lines. */
const PROGRESS_EVERY_MS = 500;

/**
 * Progress of the tenant being synced, counted from the requests its source and its upstream answer (the sync reports
 * no pages of its own): `sync acme: 12 requests to google-workspace, 40 to zuora-rest`.
 */
function requestProgress(io: CliIo) {
  let tenant = '';
  const counts = new Map<string, number>();
  let shownAt = 0;
  const show = () => {
    const parts = [...counts].map(([upstream, n], i) => `${n} ${i === 0 ? (n === 1 ? 'request ' : 'requests ') : ''}to ${upstream}`);
    io.progress?.update(`sync ${tenant}: ${parts.join(', ')}`);
    shownAt = Date.now();
  };
  return {
    start(next: string) {
      tenant = next;
      counts.clear();
      io.progress?.update(`sync ${tenant}: reading the source`);
      // The first request is shown at once, whenever it comes.
      shownAt = 0;
    },
    onCall(record: UpstreamCallRecord) {
      counts.set(record.upstream, (counts.get(record.upstream) ?? 0) + 1);
      if (Date.now() - shownAt >= PROGRESS_EVERY_MS) show();
    },
  };
}

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

export const SYNC_COMMAND = {
  name: 'sync',
  usage: '--config FILE [--tenant ID] [--dry-run | --apply [--allow-mass-deactivation]]',
  summary: 'Provision tenants from their identity source once (or show the plan: --dry-run)',
  description: [
    'Prints one JSON line per tenant: its report (counts; with --dry-run the plan itself). A plan that takes away more',
    "users than the source's caps allow applies nothing until confirmed with --allow-mass-deactivation. Progress goes",
    'to standard error. Exit code 1 when a sync was refused, could not read its source, or a write failed.',
  ],
  options: {
    config: CONFIG_OPTION,
    tenant: TENANT_OPTION,
    'dry-run': { type: 'boolean', default: false, help: 'read the directory and print the plan; write nothing' },
    apply: { type: 'boolean', default: false, help: 'apply the plan (the default; says so explicitly)' },
    'allow-mass-deactivation': { type: 'boolean', default: false, help: "apply even a plan over the source's removal caps" },
  },
} as const satisfies CommandSpec;

/**
 * `scim-bridge sync --config F [--tenant T] [--dry-run | --apply [--allow-mass-deactivation]]`: provision every tenant
 * that has an identity source (or one) from it once, and print each tenant's report as a JSON line. `--dry-run` reads
 * the directory and prints the plan, writing nothing. Otherwise the plan is applied (`--apply` says so explicitly)
 * unless it would take away more users than the source's caps allow: then nothing is applied and the report says
 * why, until the operator confirms with `--allow-mass-deactivation`. Exit code 1 when a tenant's sync was refused, could
 * not read its source, or a write failed; the other tenants still run.
 */
export async function syncCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs(SYNC_COMMAND, args);
  const config = configFrom('sync', values.config, io.env, io.registry);
  selectTenant(
    'sync',
    values.tenant,
    config.tenants.map((t) => t.id),
  );
  if (values['dry-run'] && (values.apply || values['allow-mass-deactivation'])) {
    throw new UsageError('sync: --dry-run writes nothing, so it takes neither --apply nor --allow-mass-deactivation');
  }
  const withSource = config.tenants.filter((t) => t.source !== undefined && (values.tenant === undefined || t.id === values.tenant)).map((t) => t.id);
  if (withSource.length === 0)
    throw new ConfigError(`sync: ${values.tenant === undefined ? 'no tenant has' : `tenant ${values.tenant} has no`} identity source (\`source\`) configured`);
  // No scheduled runs: this process lives for one pass.
  const once = { ...config, tenants: config.tenants.map((t) => ({ ...t, reconcile: { ...t.reconcile, intervalSeconds: 0 } })) };
  const progress = requestProgress(io);
  const bridge = await createBridge(once, {
    logger: false,
    ...(io.progress ? { upstreamDeps: { onCall: progress.onCall } } : {}),
    ...(io.registry ? { registry: io.registry } : {}),
  });
  let failed = 0;
  try {
    for (const tenant of withSource) {
      progress.start(tenant);
      try {
        const reports = await bridge.syncSources({ tenant, dryRun: values['dry-run'], allowMassRemoval: values['allow-mass-deactivation'] });
        io.progress?.done();
        const report = reports.get(tenant);
        if (!report) continue;
        if (report.refused || report.failed.length > 0) failed++;
        io.out(
          JSON.stringify({ tenant, ok: !report.refused && report.failed.length === 0, dryRun: values['dry-run'], ...printable(report, values['dry-run']) }),
        );
      } catch (e) {
        io.progress?.done();
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
