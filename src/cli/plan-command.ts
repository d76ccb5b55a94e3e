import type { JsonValue } from '../scim/resource.js';
import { planTenant, type TenantPlan } from '../core/reconcile/plan.js';
import { createBridge } from '../runtime.js';
import { newUpstreamContext } from '../upstreams/call-record.js';
import { isUpstreamError } from '../upstreams/upstream-error.js';
import { configFrom, parseCommandArgs, type CliIo } from './cli-io.js';
import { pageProgress, selectTenant } from './reconcile-command.js';

const MAX_VALUE = 60;
const show = (v: JsonValue): string => {
  const text = v === null ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
};

/** A tenant's plan as text: one block per object, one line per attribute (current → intended). */
export function formatPlan(plan: TenantPlan): string[] {
  const lines = [
    `tenant ${plan.tenant}: ${plan.items.filter((i) => i.willWrite).length} write(s) planned, ${plan.items.filter((i) => !i.willWrite).length} drift(s) reported only`,
  ];
  lines.push(`  index (no upstream writes): adopt ${plan.index.adopt}, refresh ${plan.index.refresh}, forget ${plan.index.forget}`);
  if (plan.items.length === 0) lines.push('  no changes');
  for (const item of plan.items) {
    lines.push(`  ${item.willWrite ? 'WRITE ' : 'REPORT'} ${item.kind} ${item.userName} (${item.userId}, upstream ${item.upstreamId}): ${item.why}`);
    for (const c of item.changes) lines.push(`      ${c.attribute}: ${show(c.before)} → ${show(c.after)}`);
  }
  for (const p of plan.problems) lines.push(`  cannot plan: ${p}`);
  return lines;
}

/**
 * `scim-bridge plan --config F [--tenant T] [--enforce-drift] [--json]`: every upstream write a reconcile or repair
 * would make, per object (current → intended, and why), writing nothing — neither upstream nor the index, and no work
 * owed from before (ZIA activations, queued deletions) is resumed. `reconcile --apply` writes exactly what is marked
 * WRITE. Exit code 1 when a tenant could not be planned (or a write could not be), 0 otherwise.
 */
export async function planCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs('plan', args, {
    config: { type: 'string' },
    tenant: { type: 'string' },
    'enforce-drift': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
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
