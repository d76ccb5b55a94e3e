import { fakeTenant, freshTenantName } from '../support/fakes/fake-upstream.js';
import { TEST_REGISTRY } from '../support/test-registry.js';
import { describeUpstreamContract } from './upstream-contract.js';

/** The fake upstream the core's own tests run on (test/core) passes the contract the real adapters pass. */
for (const variant of [
  { deleteMode: 'deactivate', nativeGroups: false },
  { deleteMode: 'delete', nativeGroups: true },
] as const) {
  describeUpstreamContract(`fake (${variant.deleteMode}, ${variant.nativeGroups ? 'native groups' : 'groups in the bridge'})`, async () => {
    const name = freshTenantName();
    const tenant = fakeTenant(name);
    // Through the registry, from a block its schema parsed, as the bridge creates an adapter.
    const config = TEST_REGISTRY.upstreamConfigSchema.parse({ type: 'fake', tenant: name, ...variant });
    const adapter = TEST_REGISTRY.createUpstream(config, {});
    return {
      adapter,
      upstreamRequests: () => tenant.count(),
      resetUpstreamRequests: () => tenant.resetCalls(),
      failNext: (count, status) => tenant.failNext(count, status),
      async close() {
        await adapter.close();
        await tenant.close();
      },
    };
  });
}
