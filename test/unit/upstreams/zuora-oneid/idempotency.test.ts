import { afterEach, describe, expect, it, vi } from 'vitest';
import { GROUP_SCHEMA } from '../../../../src/scim/resource.js';
import type { UpstreamGroups } from '../../../../src/upstreams/upstream.js';
import { idempotencyKey } from '../../../../src/upstreams/zuora-oneid/idempotency-key.js';
import { toOneIdUser } from '../../../../src/upstreams/zuora-oneid/mapping.js';
import { ctx, headerOf, idpUser, oneIdHarness, type OneIdHarness } from './harness.js';

let h: OneIdHarness;
afterEach(async () => h.close());

const keyOf = (r: Parameters<typeof headerOf>[0]) => headerOf(r, 'idempotency-key');
const groupsOf = (harness: OneIdHarness): UpstreamGroups => {
  if (!harness.adapter.groups) throw new Error('native groups expected');
  return harness.adapter.groups;
};

describe('Idempotency-Key on every POST and PATCH (docs/upstreams/zuora-oneid.md §2)', () => {
  it('is sent on POST and PATCH only', async () => {
    h = await oneIdHarness();
    const [u] = h.sim.seedUsers(1);
    const user = await h.adapter.users.create({ user: idpUser('ada@example.com'), groupNames: [] }, ctx());
    const group = await groupsOf(h).create({ schemas: [GROUP_SCHEMA], displayName: 'Billing' }, ctx());
    await groupsOf(h).modify(group.upstreamId, { addMemberIds: [u?.id ?? ''], removeMemberIds: [] }, ctx());
    await h.adapter.users.replace(user.upstreamId, { user: idpUser('ada@example.com', { active: false }), groupNames: [] }, ctx());
    await h.adapter.users.delete(user.upstreamId, ctx());
    await h.adapter.users.get(user.upstreamId, ctx());

    const keyed = h.seen().map((r) => [r.method, keyOf(r) !== undefined]);
    // The replace reads OneID's record before its full-overwrite PUT.
    expect(keyed).toEqual([
      ['POST', true],
      ['POST', true],
      ['PATCH', true],
      ['GET', false],
      ['PUT', false],
      ['DELETE', false],
      ['GET', false],
    ]);
  });

  it('is the same when an IdP retries the same create, so OneID answers it from its record instead of creating twice', async () => {
    h = await oneIdHarness();
    const write = { user: idpUser('ada@example.com'), groupNames: [] };

    const first = await h.adapter.users.create(write, ctx('try-1'));
    const retried = await h.adapter.users.create(write, ctx('try-2'));

    const [a, b] = h.seen('POST');
    expect(keyOf(a)).toBe(keyOf(b));
    expect(retried.upstreamId).toBe(first.upstreamId);
    expect(h.sim.users()).toHaveLength(1);
  });

  it('changes with the basis, so add, remove, add again really adds the member again', async () => {
    h = await oneIdHarness();
    const [u] = h.sim.seedUsers(1).map((x) => x.id ?? '');
    const g = await groupsOf(h).create({ schemas: [GROUP_SCHEMA], displayName: 'Billing' }, ctx());
    const add = { addMemberIds: [u ?? ''], removeMemberIds: [] };

    await groupsOf(h).modify(g.upstreamId, add, ctx('r1', 'v1'));
    await groupsOf(h).modify(g.upstreamId, { addMemberIds: [], removeMemberIds: [u ?? ''] }, ctx('r2', 'v2'));
    await groupsOf(h).modify(g.upstreamId, add, ctx('r3', 'v3'));

    const [first, , third] = h.seen('PATCH');
    expect(keyOf(third)).not.toBe(keyOf(first));
    expect(h.sim.getGroup(g.upstreamId)?.members).toEqual([u]);
  });

  it('lets the client resend a POST whose response was lost, without a second user', async () => {
    h = await oneIdHarness();
    h.sim.faults.failNext(1, { kind: 'resetAfter' }, 'POST /scim/v2/Users');

    const created = await h.adapter.users.create({ user: idpUser('ada@example.com'), groupNames: [] }, ctx());

    const posts = h.seen('POST');
    expect(posts).toHaveLength(2);
    expect(keyOf(posts[1])).toBe(keyOf(posts[0]));
    expect(h.sim.users().map((u) => u.id)).toEqual([created.upstreamId]);
  });

  it('resends a POST that timed out with the same key, and OneID answers it from its record: one user', async () => {
    h = await oneIdHarness({ config: { timeouts: { requestMs: 200 } } });
    // Processed at once, answered only after the adapter has stopped waiting.
    h.sim.delayResponses(1, 5_000, { route: 'POST /scim/v2/Users' });
    const c = ctx();

    const created = await h.adapter.users.create({ user: idpUser('ada@example.com'), groupNames: [] }, c);

    expect(c.calls.filter((call) => call.path === '/scim/v2/Users').map((call) => [call.status, call.error])).toEqual([
      [0, 'UND_ERR_HEADERS_TIMEOUT'],
      [201, undefined],
    ]);
    expect(h.sim.users().map((u) => u.id)).toEqual([created.upstreamId]);
  });

  it('waits while OneID says the first request with the key is still in flight (409), then takes its answer', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const firstCall: { done?: Promise<unknown> } = {};
    const waits: number[] = [];
    h = await oneIdHarness({
      config: { inFlightRetryMs: 1500 },
      // The simulator holds the first answer until the adapter, told to wait, lets it go and sees it arrive.
      sim: { sleep: () => held },
      deps: {
        sleep: async (ms) => {
          waits.push(ms);
          release();
          await firstCall.done?.catch(() => undefined);
        },
      },
    });
    await h.adapter.check(ctx());
    h.sim.delayResponses(1, 1, { route: 'POST /scim/v2/Users', whileDelayed: 'inFlight' });
    const write = { user: idpUser('ada@example.com'), groupNames: [] };

    const first = h.adapter.users.create(write, ctx('idp-try-1'));
    firstCall.done = first;
    await vi.waitFor(() => expect(h.sim.users()).toHaveLength(1));
    const retry = ctx('idp-try-2');
    const second = await h.adapter.users.create(write, retry);

    expect(retry.calls.map((c) => c.status)).toEqual([409, 201]);
    expect(waits).toEqual([1500]);
    expect(second.upstreamId).toBe((await first).upstreamId);
    expect(h.sim.users()).toHaveLength(1);
  });

  it('retries once with a fresh key when OneID says the key was first used for another request (422)', async () => {
    h = await oneIdHarness();
    const write = { user: idpUser('ada@example.com'), groupNames: [] };
    const derived = idempotencyKey({
      organizationId: h.sim.orgId,
      method: 'POST',
      path: '/scim/v2/Users',
      body: toOneIdUser(write.user, [], h.config),
      basis: undefined,
    });
    const other = await h.sim.app.inject({
      method: 'POST',
      url: '/scim/v2/Users',
      headers: { authorization: `Bearer ${h.sim.issueToken()}`, 'idempotency-key': derived },
      payload: toOneIdUser(idpUser('someone@example.com'), [], h.config),
    });
    expect(other.statusCode).toBe(201);

    const created = await h.adapter.users.create(write, ctx());

    const [, rejected, retried] = h.seen('POST');
    expect([rejected?.status, retried?.status]).toEqual([422, 201]);
    expect(keyOf(rejected)).toBe(derived);
    expect(keyOf(retried)).not.toBe(derived);
    expect(h.sim.getUser(created.upstreamId)?.userName).toBe('ada@example.com');
  });

  it('takes a replay answered as 409 with the original resource (the error-handling guide’s reading) as success', async () => {
    h = await oneIdHarness({ sim: { behaviour: { idempotencyReplay: 'conflict' } } });
    const write = { user: idpUser('ada@example.com'), groupNames: [] };

    const first = await h.adapter.users.create(write, ctx());
    const again = await h.adapter.users.create(write, ctx());

    expect(h.seen('POST').map((r) => r.status)).toEqual([201, 409]);
    expect(again.upstreamId).toBe(first.upstreamId);
  });
});
