import { defineRegistry, REGISTRY } from '../../src/registry.js';
import { fakeSource } from './fakes/fake-source.js';
import { fakeUpstream } from './fakes/fake-upstream.js';

/**
 * The bridge's registry with the test fakes registered beside the real upstreams and sources, by the same function:
 * a test configures `type: "fake-directory"` as it would `google-workspace`, and `upstream: { type: "fake" }` as it
 * would `zuora-rest`, and `parseConfig`/`createBridge` given this registry build them as they build the real ones.
 */
export const TEST_REGISTRY = defineRegistry({
  upstreams: [...REGISTRY.upstreams, fakeUpstream],
  sources: [...REGISTRY.sources, fakeSource],
});
