import { createZuoraOneIdSimulator } from '@scim-bridge/simulators/zuora-oneid';
import { createZuoraOneIdAdapter, zuoraOneIdConfigSchema } from '../../src/upstreams/zuora-oneid/index.js';
import { describeUpstreamContract } from './upstream-contract.js';

describeUpstreamContract('zuora-oneid against its simulator', async () => {
  const sim = createZuoraOneIdSimulator();
  const url = await sim.listen(0);
  const config = zuoraOneIdConfigSchema.parse({
    type: 'zuora-oneid',
    baseUrl: url,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    organizationId: sim.orgId,
  });
  const adapter = createZuoraOneIdAdapter(config, { sleep: async () => undefined });
  return {
    adapter,
    upstreamRequests: () => sim.calls().length,
    resetUpstreamRequests: () => sim.resetCalls(),
    failNext: (count, status) => sim.faults.failNext(count, status === 429 ? { kind: 'rateLimit' } : { kind: 'serverError', status }, '/scim/v2/*'),
    async close() {
      await adapter.close();
      await sim.close();
    },
  };
});
