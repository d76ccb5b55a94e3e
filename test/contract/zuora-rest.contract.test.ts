import { zuoraRestConfigSchema } from '../../src/upstreams/zuora-rest/zuora-rest-config.js';
import { createZuoraRestAdapter } from '../../src/upstreams/zuora-rest/zuora-rest-adapter.js';
import { createZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { PROFILES } from '../support/zuora-rest-harness.js';
import { describeUpstreamContract } from './upstream-contract.js';

describeUpstreamContract('zuora-rest against its simulator', async () => {
  const sim = createZuoraRestSimulator();
  const url = await sim.listen(0);
  const config = zuoraRestConfigSchema.parse({
    type: 'zuora-rest',
    baseUrlOverride: url,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    profiles: PROFILES,
  });
  const adapter = createZuoraRestAdapter(config, { sleep: async () => undefined });
  return {
    adapter,
    upstreamRequests: () => sim.calls().length,
    resetUpstreamRequests: () => sim.resetCalls(),
    failNext: (count, status) => sim.faults.failNext(count, status === 429 ? { kind: 'rateLimit' } : { kind: 'serverError', status }, '/v1/*'),
    async close() {
      await adapter.close();
      await sim.close();
    },
  };
});
