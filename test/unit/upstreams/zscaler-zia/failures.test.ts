import { afterEach, describe, expect, it } from 'vitest';
import { ziaFaults } from '@scim-bridge/simulators/zscaler-zia';
import { UpstreamError } from '../../../../src/upstreams/upstream-error.js';
import { ctx, expectWithinBudgets, idpUser, ziaHarness, type ZiaHarness } from './harness.js';

let h: ZiaHarness;
// Whatever a test does, no documented budget is ever exceeded (docs/upstreams/zscaler-zia.md §7).
afterEach(async () => {
  expectWithinBudgets(h.sim);
  await h.close();
});

const listAll = async () => {
  for await (const _ of h.adapter.users.list(ctx())) void _;
};

describe('ZIA budgets and failures (docs/upstreams/zscaler-zia.md §7)', () => {
  it('a spent budget fails at once as rateLimited with a Retry-After, without sending the request', async () => {
    h = await ziaHarness();
    for (let i = 0; i < 10; i++) await listAll();
    expect(h.count('GET', '/users')).toBe(10);
    const error = await listAll().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ kind: 'rateLimited', code: 'BUDGET_SPENT' });
    expect((error as UpstreamError).retryAfterSeconds).toBeGreaterThan(5);
    expect((error as UpstreamError).retryAfterSeconds).toBeLessThanOrEqual(61);
    expect(h.count('GET', '/users')).toBe(10);
    expect(h.sim.budgetUsage().every((u) => u.rejected === 0)).toBe(true);
  });

  it('honours the Retry-After ZIA writes in a 429 body ("N seconds")', async () => {
    h = await ziaHarness();
    await h.adapter.check(ctx());
    h.sim.faults.failNext(1, { kind: 'rateLimit', retryAfterSeconds: 7 }, 'POST /api/v1/users');
    const before = h.clock.now();
    await h.adapter.users.create({ user: idpUser('patient@example.com'), groupNames: [] }, ctx());
    expect(h.count('POST', '/users')).toBe(2);
    expect(h.clock.now() - before).toBeGreaterThanOrEqual(7_000);
  });

  it('retries a 409 EDIT_LOCK_NOT_AVAILABLE after a wait of a few seconds', async () => {
    h = await ziaHarness();
    const created = await h.adapter.users.create({ user: idpUser('locked@example.com'), groupNames: [] }, ctx());
    h.sim.faults.failNext(2, ziaFaults.editLock(), 'PUT /api/v1/users/:userId');
    const before = h.clock.now();
    await h.adapter.users.replace(created.upstreamId, { user: idpUser('locked@example.com', { displayName: 'Unlocked' }), groupNames: [] }, ctx(), created);
    expect(h.count('PUT', '/users/:userId')).toBe(3);
    expect(h.clock.now() - before).toBeGreaterThanOrEqual(6_000);
    expect(h.sim.getUser(Number(created.upstreamId))?.name).toBe('Unlocked');
  });

  it('an edit lock that outlasts the retries is unavailable (the IdP retries later), not a conflict', async () => {
    h = await ziaHarness();
    await h.adapter.check(ctx());
    h.sim.faults.failNext(50, ziaFaults.editLock(), 'POST /api/v1/users');
    await expect(h.adapter.users.create({ user: idpUser('busy@example.com'), groupNames: [] }, ctx())).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'EDIT_LOCK_NOT_AVAILABLE',
    });
  });

  it('403 STATE_READONLY (maintenance) is unavailable with a Retry-After, and is not retried', async () => {
    h = await ziaHarness();
    await h.adapter.check(ctx());
    h.sim.setBehaviour({ readOnly: true });
    const refused = h.adapter.users.create({ user: idpUser('later@example.com'), groupNames: [] }, ctx());
    await expect(refused).rejects.toMatchObject({ kind: 'unavailable', status: 403, code: 'STATE_READONLY', retryAfterSeconds: 60 });
    expect(h.count('POST', '/users')).toBe(1);
  });

  it('a duplicate email is a conflict', async () => {
    h = await ziaHarness();
    await h.adapter.users.create({ user: idpUser('twice@example.com'), groupNames: [] }, ctx());
    await expect(h.adapter.users.create({ user: idpUser('TWICE@example.com'), groupNames: [] }, ctx())).rejects.toMatchObject({
      kind: 'conflict',
      status: 400,
    });
  });
});
