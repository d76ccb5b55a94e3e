import { describe, expect, it } from 'vitest';
import { USER_SCHEMA } from '../../src/scim/resource.js';
import { newUpstreamContext } from '../../src/upstreams/call-record.js';
import { fakeTenant, freshTenantName } from '../support/fakes/fake-upstream.js';
import { TEST_REGISTRY } from '../support/test-registry.js';

/* What the fake upstream promises beyond the contract suite, which the core's tests on it (test/core) rely on. */

function fake(options: Record<string, unknown> = {}) {
  const name = freshTenantName();
  const adapter = TEST_REGISTRY.createUpstream(TEST_REGISTRY.upstreamConfigSchema.parse({ type: 'fake', tenant: name, ...options }), {});
  return { adapter, tenant: fakeTenant(name) };
}

const write = (userName: string, roles: string[] = []) => ({
  user: { schemas: [USER_SCHEMA], userName, emails: [{ value: userName, primary: true }], roles: roles.map((value) => ({ value })), active: true },
  groupNames: [],
});

describe('the fake upstream', () => {
  it('writes nothing in a read-only context: what a plan would write is computed, not sent', async () => {
    const { adapter, tenant } = fake();
    const plan = { ...newUpstreamContext('plan'), readOnly: true };
    const planned = await adapter.users.create(write('plan@example.com'), plan);
    expect(planned).toMatchObject({ upstreamId: '', user: { userName: 'plan@example.com' } });
    const real = await adapter.users.create(write('real@example.com'), newUpstreamContext('real'));
    await adapter.users.replace(real.upstreamId, write('real@example.com', ['admin']), plan, real);
    await adapter.users.delete(real.upstreamId, plan);
    expect([...tenant.users.values()].map((u) => [u.userName, u.role, u.active])).toEqual([['real@example.com', 'member', true]]);
    expect(plan.calls).toEqual([]);
  });

  it('gives up after its attempts with the kind the status means, each attempt recorded', async () => {
    const { adapter, tenant } = fake({ maxAttempts: 2 });
    tenant.failNext(5, 429);
    const ctx = newUpstreamContext('throttled');
    await expect(adapter.users.create(write('t@example.com'), ctx)).rejects.toMatchObject({ kind: 'rateLimited', status: 429 });
    expect(ctx.calls.map((c) => [c.status, c.attempt])).toEqual([
      [429, 1],
      [429, 2],
    ]);
    tenant.clearFailures();
    tenant.failNext(2, 503);
    await expect(adapter.users.create(write('t@example.com'), newUpstreamContext('down'))).rejects.toMatchObject({ kind: 'unavailable' });
    expect(tenant.users.size).toBe(0);
  });

  it('fails only the requests of the route named, and keeps the role unless the roles sent change', async () => {
    const { adapter, tenant } = fake({ maxAttempts: 1 });
    const made = await adapter.users.create(write('r@example.com', ['admin']), newUpstreamContext('c'));
    tenant.failNext(1, 503, 'PUT /users/{id}');
    expect((await adapter.users.get(made.upstreamId, newUpstreamContext('g')))?.state).toEqual({ role: 'admin' });
    // An edit in the console is what the next read sees; a write that does not change the roles sent keeps it.
    tenant.consoleEdit(made.upstreamId, { role: 'auditor', title: 'Edited' });
    const current = await adapter.users.get(made.upstreamId, newUpstreamContext('g2'));
    expect(current?.user.title).toBe('Edited');
    const previous = { user: write('r@example.com', ['admin']).user, groupNames: [] };
    await expect(
      adapter.users.replace(made.upstreamId, { ...write('r@example.com', ['admin']), previous }, newUpstreamContext('p'), current),
    ).rejects.toMatchObject({ kind: 'unavailable' });
    await adapter.users.replace(made.upstreamId, { ...write('r@example.com', ['admin']), previous }, newUpstreamContext('p2'), current);
    expect(tenant.users.get(made.upstreamId)).toMatchObject({ role: 'auditor', title: undefined });
    expect(tenant.writesTo(made.upstreamId).map((c) => `${c.method} ${c.status}`)).toEqual(['PUT 503', 'PUT 200']);
  });
});
