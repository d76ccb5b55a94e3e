import { afterEach, describe, expect, it } from 'vitest';
import { ctx, expectWithinBudgets, idpUser, ziaHarness, type ZiaHarness } from './harness.js';

let h: ZiaHarness;
afterEach(async () => h?.close());

/**
 * Upstream economy (issue 4, "Done when"): ZIA's budgets are small (docs/upstreams/zscaler-zia.md §7), so what a burst of IdP
 * requests costs upstream is part of the contract. The simulator and the adapter share a fake clock: budget waits
 * take no real time, and the simulator's `budgetUsage()` proves no documented limit was exceeded.
 */
describe('ZIA upstream economy', () => {
  it('100 creates arriving together cause 100 POST /users and at most 2 activations, within every budget', async () => {
    // The creates reach ZIA at its budget's pace (2 a second): the default quiet time (2 s) spans the gaps between them.
    h = await ziaHarness({ config: { activation: { debounceMs: 2000, maxDelayMs: 120_000 } } });
    const users = Array.from({ length: 100 }, (_, i) => idpUser(`burst${i}@example.com`));
    const created = await Promise.all(users.map((user) => h.adapter.users.create({ user, groupNames: [] }, ctx())));
    expect(new Set(created.map((c) => c.upstreamId)).size).toBe(100);
    await h.eventually(() => expect(h.sim.status()).toBe('ACTIVE'));
    expect(h.count('POST', '/users')).toBe(100);
    expect(h.apiActivations()).toBeGreaterThanOrEqual(1);
    expect(h.apiActivations()).toBeLessThanOrEqual(2);
    expect(h.sim.activeUsers()).toHaveLength(100);
    expectWithinBudgets(h.sim);
  });

  it('600 deprovisions in delete mode cause at most 2 bulkDelete calls of at most 500 ids, within every budget', async () => {
    // Each deprovision reads the user at ZIA's pace (2 a second): the default window (2 s) spans the gaps between them.
    h = await ziaHarness({ config: { bulkDeleteWindowMs: 2000, activation: { debounceMs: 50, maxDelayMs: 600_000 } } });
    const seeded = h.sim.seedUsers(600);
    for (const u of seeded) {
      const user = idpUser(u.email, { active: false, name: { givenName: 'Leaver', familyName: String(u.id) } });
      const parked = await h.adapter.users.replace(String(u.id), { user, groupNames: [] }, ctx());
      expect(parked.upstreamId).toBe(`parked:${u.id}`);
    }
    await h.eventually(() => expect(h.adapter.status?.()).toMatchObject({ pendingDeletions: 0 }));
    expect(h.count('POST', '/users/bulkDelete')).toBeLessThanOrEqual(2);
    expect(h.count('DELETE', '/users/:userId')).toBe(0);
    // ZIA refuses more than 500 ids with a 400: every bulkDelete was accepted.
    expect(
      h.sim
        .calls()
        .filter((c) => c.route.endsWith('/bulkDelete'))
        .every((c) => c.status === 200),
    ).toBe(true);
    expect(h.sim.users()).toHaveLength(0);
    await h.eventually(() => expect(h.sim.status()).toBe('ACTIVE'));
    expect(h.apiActivations()).toBeLessThanOrEqual(2);
    expectWithinBudgets(h.sim);
  });

  it('writes accepted before the process was killed are activated at the next start', async () => {
    h = await ziaHarness({ config: { activation: { debounceMs: 3_600_000, maxDelayMs: 3_600_000 } } });
    await h.adapter.users.create({ user: idpUser('k1@example.com'), groupNames: [] }, ctx());
    await h.adapter.users.create({ user: idpUser('k2@example.com'), groupNames: [] }, ctx());
    expect(h.adapter.status?.()).toMatchObject({ activation: { pending: true } });
    // Killed here: no close(), no logout (which would have activated), no activation.
    expect(h.sim.status()).toBe('PENDING');
    const restarted = h.restart();
    await restarted.start?.(ctx());
    expect(h.sim.status()).toBe('ACTIVE');
    expect(h.sim.activations()).toMatchObject([{ trigger: 'api', changes: [{ action: 'create' }, { action: 'create' }] }]);
    expect(restarted.status?.()).toMatchObject({ activation: { pending: false, activations: 1 } });
  });

  it('listing all users is one GET /users for a tenant that fits in a page', async () => {
    h = await ziaHarness();
    h.sim.seedUsers(300);
    let n = 0;
    for await (const page of h.adapter.users.list(ctx())) n += page.length;
    expect(n).toBe(300);
    expect(h.count('GET', '/users')).toBe(1);
  });
});
