import { loadSimulatorSandbox } from '../simulator-sandbox.js';
import type { UpstreamDescriptor } from '../upstream-descriptor.js';
import { createZscalerZiaAdapter } from './zscaler-zia-adapter.js';
import { zscalerZiaConfigSchema, type ZscalerZiaConfig } from './zscaler-zia-config.js';
import { describeZscalerZiaMapping } from './mapping-summary.js';

/** Zscaler Internet Access (docs/upstreams/zscaler-zia.md), for src/registry.ts. */
export const zscalerZiaUpstream: UpstreamDescriptor<'zscaler-zia', ZscalerZiaConfig> = {
  type: 'zscaler-zia',
  configSchema: zscalerZiaConfigSchema,
  create: createZscalerZiaAdapter,
  loadSandbox: () => loadSimulatorSandbox('zscaler-zia'),
  describeMapping: describeZscalerZiaMapping,
  metrics: [
    {
      name: 'zia_pending_activations',
      help: 'ZIA activations owed (changes staged upstream but not yet activated), by tenant.',
      // The adapter's `status()` carries `{ activation: { pending } }` (activation-scheduler.ts); one batch at most is owed.
      read: (status) => (isPending(status?.activation) ? 1 : 0),
    },
  ],
};

const isPending = (activation: unknown): boolean =>
  typeof activation === 'object' && activation !== null && (activation as { pending?: unknown }).pending === true;
