import { loadSimulatorSandbox } from '../simulator-sandbox.js';
import type { UpstreamDescriptor } from '../upstream-descriptor.js';
import { createZuoraRestAdapter } from './zuora-rest-adapter.js';
import { zuoraRestConfigSchema, type ZuoraRestConfig } from './zuora-rest-config.js';
import { describeZuoraRestMapping } from './mapping-summary.js';

/** Zuora's REST user management (docs/upstreams/zuora-rest.md), for src/registry.ts. */
export const zuoraRestUpstream: UpstreamDescriptor<'zuora-rest', ZuoraRestConfig> = {
  type: 'zuora-rest',
  configSchema: zuoraRestConfigSchema,
  create: createZuoraRestAdapter,
  loadSandbox: () => loadSimulatorSandbox('zuora-rest'),
  describeMapping: describeZuoraRestMapping,
};
