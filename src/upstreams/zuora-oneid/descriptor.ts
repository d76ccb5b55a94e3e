import { loadSimulatorSandbox } from '../simulator-sandbox.js';
import type { UpstreamDescriptor } from '../upstream-descriptor.js';
import { createZuoraOneIdAdapter } from './zuora-oneid-adapter.js';
import { zuoraOneIdConfigSchema, type ZuoraOneIdConfig } from './zuora-oneid-config.js';
import { describeZuoraOneIdMapping } from './mapping-summary.js';

/** Zuora OneID SCIM (docs/upstreams/zuora-oneid.md), for src/registry.ts. */
export const zuoraOneIdUpstream: UpstreamDescriptor<'zuora-oneid', ZuoraOneIdConfig> = {
  type: 'zuora-oneid',
  configSchema: zuoraOneIdConfigSchema,
  create: createZuoraOneIdAdapter,
  loadSandbox: () => loadSimulatorSandbox('zuora-oneid'),
  describeMapping: describeZuoraOneIdMapping,
};
