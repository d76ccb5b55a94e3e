import { afterEach, describe, expect, it } from 'vitest';
import { startFakeHarness, type FakeHarness } from '../support/fake-harness.js';
import { group, membership, patchOp, user } from '../support/scim-requests.js';

/** Members of `Billing Team` get the `billing` role upstream, as Zuora maps a group to a profile. */
const start = () => startFakeHarness({ upstream: { groupRoles: { 'Billing Team': 'billing' } } });

let h: FakeHarness;
afterEach(async () => h.close());

const entriesOf = (requestId: string) => h.bridge.store.audit.query({ tenant: 'default' }).then((all) => all.filter((e) => e.requestId === requestId));

describe('audit entries say what changed, for whom, and what the IdP got', () => {
  it('a PATCH answered 204 is recorded as 204, with its changes before → after and the upstream state', async () => {
    h = await start();
    const { body } = await h.http.post('/Users', user('audited@example.com', { title: 'Engineer' })).expect(201);
    await h.http.patch(`/Users/${body.id}`, patchOp({ op: 'replace', path: 'title', value: 'Staff Engineer' })).expect(204);
    const [entry] = await h.bridge.store.audit.query({ tenant: 'default', resourceId: body.id, limit: 1 });
    expect(entry).toMatchObject({
      operation: 'patchUser',
      status: 204,
      actor: 'test-idp',
      resourceName: 'audited@example.com',
      changes: [{ attribute: 'title', before: 'Engineer', after: 'Staff Engineer' }],
      upstreamState: { role: 'member' },
    });
    expect(entry?.upstreamCalls).toEqual([expect.stringMatching(/^PUT \/users\/\{id\} 200/)]);
    expect(entry?.upstreamId).toBe(h.sim.userNamed('audited@example.com')?.id);
  });

  it('a refused request is found by the userName it was about, with the status the IdP got', async () => {
    h = await start();
    const { body } = await h.http.post('/Users', user('refused@example.com')).expect(201);
    await h.http.patch(`/Users/${body.id}`, patchOp({ op: 'remove', path: 'active' })).expect(400);
    await h.http.post('/Users', user('refused@example.com')).expect(409);
    const entries = await h.bridge.store.audit.query({ tenant: 'default', resourceName: 'REFUSED@example.com' });
    expect(entries.map((e) => [e.operation, e.status])).toEqual([
      ['createUser', 409],
      ['patchUser', 400],
      ['createUser', 201],
    ]);
    expect(entries[1]).toMatchObject({ resourceId: body.id, upstreamCalls: [], detail: expect.stringMatching(/active/) });
  });

  it("a group change that moves members' roles has one entry per object, each upstream call in exactly one", async () => {
    h = await start();
    const members = [];
    for (const name of ['m1@example.com', 'm2@example.com'])
      members.push({ id: (await h.http.post('/Users', user(name)).expect(201)).body.id as string, userName: name });
    const gid = (await h.http.post('/Groups', group('Billing Team')).expect(201)).body.id as string;
    const res = await h.http.patch(`/Groups/${gid}`, patchOp(membership.oktaAdd(members))).expect(204);
    const requestId = res.headers['x-request-id'] as string;
    const entries = await entriesOf(requestId);
    expect(entries.map((e) => [e.operation, e.resourceName, e.status]).sort()).toEqual([
      ['patchGroup', 'Billing Team', 204],
      ['updateUser', 'm1@example.com', 204],
      ['updateUser', 'm2@example.com', 204],
    ]);
    const group_ = entries.find((e) => e.operation === 'patchGroup');
    expect(group_?.changes).toEqual([{ attribute: 'members (added)', before: null, after: members.map((m) => m.id) }]);
    expect(group_?.upstreamCalls).toEqual([]);
    for (const m of entries.filter((e) => e.operation === 'updateUser')) {
      expect(m.upstreamCalls).toHaveLength(1);
      expect(m.changes).toContainEqual({ attribute: 'upstream.role', before: 'member', after: 'billing' });
      expect(m.detail).toBe('membership of group "Billing Team" changed');
    }
  });
});
