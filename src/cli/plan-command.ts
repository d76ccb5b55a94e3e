import type { JsonValue } from '../scim/resource.js';
import { planTenant, type TenantPlan } from '../core/reconcile/plan.js';
import { createBridge } from '../runtime.js';
import { newUpstreamContext } from '../upstreams/call-record.js';
import { isUpstreamError } from '../upstreams/upstream-error.js';
import { printable, truncate } from './audit-format.js';
import { configFrom, type CliIo } from './cli-io.js';
import { CONFIG_OPTION, JSON_OPTION, parseCommandArgs, TENANT_OPTION, type CommandSpec } from './command-spec.js';
import { pageProgress, selectTenant } from './reconcile-command.js';
import { textTable } from './text-table.js';

/** A value is cut to this many characters in the table; `--json` has every value whole. */
const MAX_VALUE = 28;
const show = (v: JsonValue): string => truncate(printable(v === null ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v)), MAX_VALUE);

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * A tenant's plan as text: a summary line, then a table with one row per attribute a write changes (current →
 * intended), each object's rows followed by why it is planned and its upstream id. Names are made printable: an
 * upstream's userName must not drive the terminal.
 */
export function formatPlan(plan: TenantPlan): string[] {
  const writes = plan.items.filter((i) => i.willWrite).length;
  const lines = [
    `tenant ${plan.tenant}: ${plural(writes, 'write', 'writes')} planned, ${plural(plan.items.length - writes, 'drift', 'drifts')} reported only`,
    `  index (no upstream writes): adopt ${plan.index.adopt}, refresh ${plan.index.refresh}, forget ${plan.index.forget}`,
  ];
  if (plan.items.length === 0) lines.push('  no changes');
  else {
    // The why is a sentence: it goes on a line of its own under its object's rows (marked by an empty first cell),
    // so that the table stays as wide as its values.
    const why = new Map<number, string>();
    const rows: string[][] = [['ACTION', 'KIND', 'USER', 'ATTRIBUTE', 'CURRENT', 'INTENDED']];
    for (const item of plan.items) {
      const changes = item.changes.length > 0 ? item.changes : [undefined];
      changes.forEach((c, i) => {
        const first = i === 0 ? [item.willWrite ? 'WRITE' : 'REPORT', item.kind, printable(item.userName)] : ['', '', ''];
        rows.push([...first, ...(c ? [printable(c.attribute), show(c.before), show(c.after)] : ['-'])]);
      });
      why.set(rows.length, `upstream id ${printable(item.upstreamId)}: ${printable(item.why)}`);
    }
    textTable(rows, '  ').forEach((line, i) => {
      lines.push(line);
      const reason = why.get(i + 1);
      if (reason !== undefined) lines.push(`          ${reason}`);
    });
  }
  for (const p of plan.problems) lines.push(`  cannot plan: ${printable(p)}`);
  return lines;
}

export const PLAN_COMMAND = {
  name: 'plan',
  usage: '--config FILE [--tenant ID] [--enforce-drift] [--json]',
  summary: 'List every upstream write a reconcile would make, and why; writes nothing',
  description: [
    'Per tenant: a summary, then one row per user: WRITE (reconcile --apply makes it) or REPORT (drift under',
    '`drift: "report"`, only listed). Neither the upstream nor the index is written. Progress goes to standard error.',
    'With --json: one JSON line per tenant, its plan as the bridge holds it. Exit code 1 when a tenant could not be planned.',
  ],
  options: {
    config: CONFIG_OPTION,
    tenant: TENANT_OPTION,
    'enforce-drift': { type: 'boolean', default: false, help: 'plan drift as written back even under `drift: "report"`' },
    json: JSON_OPTION,
  },
} as const satisfies CommandSpec;

/**
 * `scim-bridge plan --config F [--tenant T] [--enforce-drift] [--json]`: every upstream write a reconcile or repair
 * would make, per object (current → intended, and why), writing nothing — neither upstream nor the index, and no work
 * owed from before (ZIA activations, queued deletions) is resumed. `reconcile --apply` writes exactly what is marked
 * WRITE. Exit code 1 when a tenant could not be planned (or a write could not be), 0 otherwise.
 */
export async function planCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs(PLAN_COMMAND, args);
  const config = configFrom('plan', values.config, io.env);
  selectTenant(
    'plan',
    values.tenant,
    config.tenants.map((t) => t.id),
  );
  const once = { ...config, tenants: config.tenants.map((t) => ({ ...t, reconcile: { ...t.reconcile, intervalSeconds: 0 } })) };
  const bridge = await createBridge(once, { logger: false, resumeOwedWork: false });
  let failed = 0;
  try {
    for (const tenant of bridge.tenants.filter((t) => values.tenant === undefined || t.id === values.tenant)) {
      try {
        const plan = await planTenant(tenant, newUpstreamContext(`plan-${tenant.id}-${Date.now()}`), {
          enforceDrift: values['enforce-drift'],
          onProgress: pageProgress(io, 'plan', tenant.id),
        });
        io.progress?.done();
        if (plan.problems.length > 0) failed++;
        if (values.json) io.out(JSON.stringify(plan));
        else for (const line of formatPlan(plan)) io.out(line);
      } catch (e) {
        io.progress?.done();
        failed++;
        const message = isUpstreamError(e) ? `${e.kind}: ${e.message}` : e instanceof Error ? e.message : String(e);
        io.out(values.json ? JSON.stringify({ tenant: tenant.id, error: message }) : `tenant ${tenant.id}: cannot plan: ${message}`);
      }
    }
  } finally {
    await bridge.close();
  }
  return failed > 0 ? 1 : 0;
}
