import { afterEach, describe, expect, it } from 'vitest';
import type { BackgroundWrite, UpstreamAdapter } from '../../../../src/upstreams/upstream.js';
import { ctx, idpUser, ziaHarness, type ZiaHarness } from './harness.js';

let h: ZiaHarness;
afterEach(async () => h?.close());

/** The adapter as the runtime wires it: writes on its own schedule go to an audit sink (here, a list). */
function audited(): { adapter: UpstreamAdapter; entries: BackgroundWrite[] } {
  const entries: BackgroundWrite[] = [];
  const adapter = h.restart({ recordWrite: async (w) => void entries.push(w) });
  return { adapter, entries };
}

/** The calls of an entry, sessions aside (a login made on the way is recorded too). */
const paths = (w: BackgroundWrite) => w.calls.filter((c) => !c.path.endsWith('/authenticatedSession')).map((c) => `${c.method} ${c.path} ${c.status}`);
const deletions = (entries: BackgroundWrite[]) => entries.filter((e) => e.actor === 'zia-deletion-queue');

describe("ZIA writes on the adapter's own schedule are audited", () => {
  it('each activation is one System entry (actor zia-activation) with its call', async () => {
    h = await ziaHarness();
    const { adapter, entries } = audited();
    await adapter.users.create({ user: idpUser('a1@example.com'), groupNames: [] }, ctx());
    await adapter.users.create({ user: idpUser('a2@example.com'), groupNames: [] }, ctx());
    await h.eventually(() => expect(h.apiActivations()).toBe(1));
    await h.eventually(() => expect(entries).toHaveLength(1));
    expect(entries[0]).toMatchObject({ actor: 'zia-activation', operation: 'activate', resourceType: 'System', status: 200 });
    expect(paths(entries[0] as BackgroundWrite)).toEqual(['POST /status/activate 200']);
  });

  it('each queued deletion is one User entry (actor zia-deletion-queue) with the bulkDelete that carried it', async () => {
    h = await ziaHarness({ config: { bulkDeleteWindowMs: 200, activation: { debounceMs: 3_600_000, maxDelayMs: 3_600_000 } } });
    const { adapter, entries } = audited();
    const users = h.sim.seedUsers(3);
    for (const u of users) await adapter.users.delete(String(u.id), ctx());
    await h.eventually(() => expect(adapter.status?.()).toMatchObject({ pendingDeletions: 0 }));
    expect(deletions(entries).map((e) => [e.actor, e.operation, e.resourceType, e.upstreamId, e.status])).toEqual(
      users.map((u) => ['zia-deletion-queue', 'deleteUser', 'User', String(u.id), 200]),
    );
    expect(entries.map(paths)).toEqual(users.map(() => ['POST /users/bulkDelete 200']));
    // One call wrote the three: their entries share one batch (the audit's request id), so it is counted once.
    expect(new Set(entries.map((e) => e.batch)).size).toBe(1);
    expect(entries[0]?.batch).toMatch(/^zia-deletion-queue-/);
  });

  it('a deletion ZIA refused once is audited with every attempt', async () => {
    h = await ziaHarness({ config: { bulkDeleteWindowMs: 20, activation: { debounceMs: 3_600_000, maxDelayMs: 3_600_000 } } });
    const { adapter, entries } = audited();
    const [u] = h.sim.seedUsers(1);
    h.sim.faults.failNext(1, { kind: 'serverError', status: 500 }, 'DELETE /api/v1/users/:userId');
    await adapter.users.delete(String(u?.id), ctx());
    await adapter.close();
    expect(deletions(entries).map((e) => [e.upstreamId, e.status])).toEqual([[String(u?.id), 200]]);
    // The 500 was retried within the one deletion: both attempts are in its entry.
    expect(paths(deletions(entries)[0] as BackgroundWrite)).toEqual(['DELETE /users/{userId} 500', 'DELETE /users/{userId} 200']);
  });

  it('a bulkDelete ZIA keeps refusing is audited with its status for every id, then again when it goes through', async () => {
    h = await ziaHarness({ config: { bulkDeleteWindowMs: 20, retry: { maxAttempts: 2, baseDelayMs: 1, budgetMs: 20_000, maxDelayMs: 5000 } } });
    const { adapter, entries } = audited();
    const users = h.sim.seedUsers(2);
    h.sim.faults.failNext(2, { kind: 'serverError', status: 503 }, 'POST /api/v1/users/bulkDelete');
    for (const u of users) await adapter.users.delete(String(u.id), ctx());
    await h.eventually(() => expect(adapter.status?.()).toMatchObject({ pendingDeletions: 0 }));
    const ids = users.map((u) => String(u.id));
    expect(deletions(entries).map((e) => [e.upstreamId, e.status])).toEqual([...ids.map((id) => [id, 503]), ...ids.map((id) => [id, 200])]);
    // The retry found bulkDelete's budget (1/min) spent and was not sent; the queue sent the batch again later.
    expect(paths(deletions(entries)[0] as BackgroundWrite)).toEqual(['POST /users/bulkDelete 503']);
    expect(deletions(entries)[0]?.detail).toMatch(/budget/);
  });

  it('a deletion sent for an IdP request (a create reusing the email) is audited, and its call shows in that request too', async () => {
    h = await ziaHarness({ config: { bulkDeleteWindowMs: 60_000 } });
    const { adapter, entries } = audited();
    const first = await adapter.users.create({ user: idpUser('again@example.com'), groupNames: [] }, ctx());
    await adapter.users.delete(first.upstreamId, ctx());
    const c = ctx();
    await adapter.users.create({ user: idpUser('again@example.com'), groupNames: [] }, c);
    expect(deletions(entries).map((e) => [e.upstreamId, e.status])).toEqual([[first.upstreamId, 200]]);
    expect(c.calls.map((x) => `${x.method} ${x.path} ${x.status}`)).toEqual(['POST /users 400', 'DELETE /users/{userId} 200', 'POST /users 200']);
  });

  it('every write the simulator received from the background has its entry', async () => {
    h = await ziaHarness({ config: { bulkDeleteWindowMs: 50, activation: { debounceMs: 50, maxDelayMs: 600_000 } } });
    const { adapter, entries } = audited();
    h.sim.seedUsers(4).forEach((u) => void adapter.users.delete(String(u.id), ctx()));
    await h.eventually(() => expect(adapter.status?.()).toMatchObject({ pendingDeletions: 0, activation: { pending: false } }));
    const background = h.sim.calls().filter((c) => c.method !== 'GET' && !c.route.endsWith('/authenticatedSession'));
    const auditedCalls = new Set(entries.flatMap((e) => e.calls.map((x) => `${x.method} ${x.path}`)));
    expect(background.length).toBeGreaterThan(0);
    for (const call of background) expect(auditedCalls).toContain(`${call.method} ${call.url.replace(h.sim.apiPrefix, '')}`);
  });
});
