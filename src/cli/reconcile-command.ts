import { ConfigError } from '../config/load-config.js';
import { reconcileUsers } from '../core/reconciler.js';
import { createBridge } from '../runtime.js';
import { newUpstreamContext } from '../upstreams/call-record.js';
import { isUpstreamError } from '../upstreams/upstream-error.js';
import { configFrom, parseCommandArgs, type CliIo } from './cli-io.js';

/**
 * `scim-bridge reconcile --config F [--tenant T]`: rebuild the local index of every tenant (or one) from its
 * upstream once, as the reconciler schedule would, and print each tenant's report as a JSON line. Exit code 1
 * when a tenant's reconcile failed; the other tenants still run.
 */
export async function reconcileCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs('reconcile', args, { config: { type: 'string' }, tenant: { type: 'string' } });
  const config = configFrom('reconcile', values.config, io.env);
  if (values.tenant !== undefined && !config.tenants.some((t) => t.id === values.tenant)) {
    throw new ConfigError(`reconcile: --tenant ${values.tenant} is not configured (${config.tenants.map((t) => t.id).join(', ')})`);
  }
  // No scheduled runs: this process lives for one pass.
  const once = { ...config, tenants: config.tenants.map((t) => ({ ...t, reconcile: { ...t.reconcile, intervalSeconds: 0 } })) };
  const bridge = await createBridge(once, { logger: false });
  let failed = 0;
  try {
    for (const tenant of bridge.tenants.filter((t) => values.tenant === undefined || t.id === values.tenant)) {
      try {
        const report = await reconcileUsers(tenant, newUpstreamContext(`reconcile-cli-${tenant.id}-${Date.now()}`));
        io.out(JSON.stringify({ tenant: tenant.id, ok: true, ...report }));
      } catch (e) {
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
