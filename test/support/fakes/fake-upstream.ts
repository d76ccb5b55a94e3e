import { z } from 'zod';
import type { UpstreamDeps, UpstreamDescriptor } from '../../../src/upstreams/upstream-descriptor.js';
import type { UpstreamAdapter } from '../../../src/upstreams/upstream.js';
import { fakeCalls } from './fake-calls.js';
import { fakeGroups } from './fake-groups.js';
import { fakeTenant } from './fake-tenant.js';
import { fakeUsers } from './fake-users.js';

export { fakeTenant, freshTenantName, FakeTenant } from './fake-tenant.js';

/**
 * A test-only upstream: a SaaS tenant held in memory (fake-tenant.ts), named in the tenant's `upstream` block. It
 * passes the same contract suite as the real adapters (test/contract/fake.contract.test.ts) and is registered beside
 * them (test/support/test-registry.ts), so the core's own tests run on it without HTTP where HTTP is not the point.
 */
const fakeUpstreamConfigSchema = z.strictObject({
  type: z.literal('fake'),
  tenant: z.string().min(1).describe('Which in-memory tenant (test/support/fakes/fake-tenant.ts) to write to.'),
  deleteMode: z.enum(['deactivate', 'delete']).default('deactivate').describe('What DELETE does upstream: deactivate the user, or remove it.'),
  nativeGroups: z.boolean().default(false).describe("Groups live in the fake tenant (as OneID's do) rather than in the bridge's store."),
  groupRoles: z
    .record(z.string(), z.string())
    .default({})
    .describe('Groups (display names) whose members the upstream gives a role, as Zuora maps groups to profiles; a role the IdP sends comes first.'),
  pageSize: z.number().int().min(1).default(20).describe('Users or groups per page of a list, small so that paging is exercised.'),
  maxAttempts: z.number().int().min(1).default(4).describe('Attempts per request when the tenant answers 429 or 503 (retried at once).'),
});

export type FakeUpstreamConfig = z.infer<typeof fakeUpstreamConfigSchema>;

function createFakeUpstream(config: FakeUpstreamConfig, deps: UpstreamDeps): UpstreamAdapter {
  const tenant = fakeTenant(config.tenant);
  const calls = fakeCalls(tenant, { upstream: 'fake', maxAttempts: config.maxAttempts, ...(deps.onCall ? { onCall: deps.onCall } : {}) });
  return {
    name: 'fake',
    capabilities: { nativeGroups: config.nativeGroups, deleteMode: config.deleteMode },
    users: fakeUsers(tenant, calls, config),
    ...(config.nativeGroups ? { groups: fakeGroups(tenant, calls, config) } : {}),
    async check(ctx) {
      await calls.run(ctx, { method: 'GET', path: '/health' }, () => undefined);
    },
    // The fake's mapping names nothing the tenant could lack.
    mappingProblems: async () => [],
    close: async () => undefined,
  };
}

export const fakeUpstream: UpstreamDescriptor<'fake', FakeUpstreamConfig> = {
  type: 'fake',
  configSchema: fakeUpstreamConfigSchema,
  create: createFakeUpstream,
};
