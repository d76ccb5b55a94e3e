import { afterEach, describe, expect, it } from 'vitest';
import { DELETIONS_QUEUE } from '../../../../src/upstreams/zscaler-zia/deletion-queue.js';
import { UpstreamError } from '../../../../src/upstreams/upstream-error.js';
import { asAdmin, ctx, idpUser, ziaHarness, type ZiaHarness } from './harness.js';

let h: ZiaHarness;
afterEach(async () => {
  await h.close();
});

const inactive = (userName: string) => idpUser(userName, { active: false });
const pending = () => (h.adapter.status?.() as { pendingDeletions?: number } | undefined)?.pendingDeletions;
const ziaHolds = (email: string) => h.sim.users().some((u) => u.email === email);

/*
 * A deactivation or DELETE is answered before ZIA deletes the user (the deletion is queued and batched, docs/upstreams/zscaler-zia.md §4), so
 * for a while ZIA still holds a user the IdP has let go. Whoever checks ZIA against the IdP's intent (the soak, an
 * operator) must wait until `pendingDeletions` is 0: it has to count every deletion ZIA has not confirmed, including
 * one waiting out a 429 and the ones queued behind it.
 */
describe('ZIA deletions not yet confirmed are reported as pending', () => {
  it('a deactivation queued behind a deletion waiting out a 429 stays pending until ZIA has deleted both users', async () => {
    h = await ziaHarness({ config: { bulkDeleteWindowMs: 1 } });
    const first = await h.adapter.users.create({ user: idpUser('first@example.com'), groupNames: [] }, ctx());
    const second = await h.adapter.users.create({ user: idpUser('second@example.com'), groupNames: [] }, ctx());
    // ZIA's documented 429 body says "0 seconds": the client still waits at least a second before sending it again.
    h.sim.faults.failNext(1, { kind: 'rateLimit', retryAfterSeconds: 0 }, 'DELETE /api/v1/users/:userId');

    await h.adapter.users.replace(first.upstreamId, { user: inactive('first@example.com'), groupNames: [] }, ctx(), first);
    await h.eventually(() => expect(h.sim.calls().some((c) => c.method === 'DELETE' && c.status === 429)).toBe(true));
    await h.adapter.users.delete(second.upstreamId, ctx());

    // Answered to the IdP, not yet in ZIA: both are still counted.
    expect(pending()).toBeGreaterThan(0);
    await h.eventually(() => expect(pending()).toBe(0));
    expect(ziaHolds('first@example.com')).toBe(false);
    expect(ziaHolds('second@example.com')).toBe(false);
    expect(h.count('DELETE', '/users/:userId') + h.count('POST', '/users/bulkDelete')).toBeGreaterThanOrEqual(3);
  });

  it('pendingDeletions never reaches 0 while ZIA still holds a user whose deletion was accepted', async () => {
    h = await ziaHarness({ config: { bulkDeleteWindowMs: 50 } });
    const users = await Promise.all(['a', 'b', 'c'].map((n) => h.adapter.users.create({ user: idpUser(`${n}@example.com`), groupNames: [] }, ctx())));
    h.sim.faults.failNext(1, { kind: 'serverError', status: 503 }, 'POST /api/v1/users/bulkDelete');
    for (const u of users) await h.adapter.users.delete(u.upstreamId, ctx());

    const seen: Array<{ pending: number | undefined; held: number }> = [];
    await h.eventually(() => {
      const held = ['a', 'b', 'c'].filter((n) => ziaHolds(`${n}@example.com`)).length;
      seen.push({ pending: pending(), held });
      expect(pending()).toBe(0);
    });
    expect(['a', 'b', 'c'].some((n) => ziaHolds(`${n}@example.com`))).toBe(false);
    expect(seen.filter((s) => s.pending === 0 && s.held > 0)).toEqual([]);
    // The refusal did happen (the batch then went user by user, bulkDelete's 1/min being spent).
    expect(h.sim.calls().filter((c) => c.fault === 'serverError')).toHaveLength(1);
  });
});

/*
 * Re-creating a login whose old user ZIA still holds: the create's 409 from ZIA is the bridge's own owed deletion,
 * not a taken name. When that deletion cannot be sent at once, the IdP is asked to come back (a retryable 503 with
 * Retry-After), never told the name is taken for good.
 */
describe('a create that meets a user whose deletion is still owed to ZIA', () => {
  const iso = () => new Date(h.clock.now()).toISOString();

  it('is answered "unavailable, retry after" while another replica holds the deletion, and succeeds once it is sent', async () => {
    h = await ziaHarness({ config: { bulkDeleteWindowMs: 60_000 } });
    const old = await h.adapter.users.create({ user: idpUser('back@example.com'), groupNames: [] }, ctx());
    // Another replica took the deletion of the old user and is sending it (its lease runs 20 s).
    await h.workQueue.enqueue(DELETIONS_QUEUE, old.upstreamId, '', iso());
    const claimed = await h.workQueue.claim(DELETIONS_QUEUE, {
      owner: 'replica-b',
      now: iso(),
      leaseUntil: new Date(h.clock.now() + 20_000).toISOString(),
      limit: 10,
    });
    expect(claimed.map((i) => i.key)).toEqual([old.upstreamId]);

    const refused = await h.adapter.users.create({ user: idpUser('back@example.com'), groupNames: [] }, ctx()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UpstreamError);
    expect(refused).toMatchObject({ kind: 'unavailable', retryAfterSeconds: 20 });

    // Replica B sends it; the IdP's retry then creates the user.
    await asAdmin(h, 'DELETE', `/users/${old.upstreamId}`);
    await h.workQueue.complete(DELETIONS_QUEUE, claimed);
    const created = await h.adapter.users.create({ user: idpUser('back@example.com'), groupNames: [] }, ctx());
    expect(created.upstreamId).not.toBe(old.upstreamId);
    expect(h.sim.users().filter((u) => u.email === 'back@example.com')).toHaveLength(1);
  });

  it("with no deletion owed, ZIA's conflict stands", async () => {
    h = await ziaHarness();
    await h.adapter.users.create({ user: idpUser('taken@example.com'), groupNames: [] }, ctx());
    const refused = await h.adapter.users.create({ user: idpUser('taken@example.com'), groupNames: [] }, ctx()).catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: 'conflict' });
  });
});
