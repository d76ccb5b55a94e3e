import { afterEach, describe, expect, it } from 'vitest';
import { startFakeHarness, type FakeHarness } from '../support/fake-harness.js';
import { group, membership, patchOp, user } from '../support/scim-requests.js';

let h: FakeHarness;
afterEach(async () => h.close());

/*
 * The core's two group paths (capabilities.nativeGroups): groups kept in the bridge's store, or written upstream and
 * mirrored. The IdP sees the same either way; only where the group lives differs.
 */
describe.each([
  ["in the bridge's store", false],
  ['upstream', true],
] as const)('groups living %s', (_where, nativeGroups) => {
  it('create, add and remove members, rename, delete: the IdP reads back each change', async () => {
    h = await startFakeHarness({ upstream: { nativeGroups } });
    const ids: Record<string, string> = {};
    for (const name of ['ann@example.com', 'bob@example.com']) ids[name] = (await h.http.post('/Users', user(name)).expect(201)).body.id as string;
    const upstreamIdOf = (name: string) => h.sim.userNamed(name)!.id;

    const gid = (await h.http.post('/Groups', group('Team', [ids['ann@example.com']!])).expect(201)).body.id as string;
    await h.http.patch(`/Groups/${gid}`, patchOp(membership.oktaAdd([{ id: ids['bob@example.com']!, userName: 'bob@example.com' }]))).expect(204);
    await h.http.patch(`/Groups/${gid}`, patchOp(membership.oktaRemove(ids['ann@example.com']!))).expect(204);
    await h.http.patch(`/Groups/${gid}`, patchOp({ op: 'replace', path: 'displayName', value: 'Renamed Team' })).expect(204);

    const read = (await h.http.get(`/Groups/${gid}`).expect(200)).body;
    expect(read.displayName).toBe('Renamed Team');
    expect(read.members.map((m: { value: string }) => m.value)).toEqual([ids['bob@example.com']]);
    const bob = (await h.http.get(`/Users/${ids['bob@example.com']}`).expect(200)).body;
    expect(bob.groups.map((g: { display: string }) => g.display)).toEqual(['Renamed Team']);
    expect((await h.http.get(`/Users/${ids['ann@example.com']}`).expect(200)).body.groups ?? []).toEqual([]);

    // Where the group lives: upstream, with upstream user ids as its members, or nowhere but the bridge.
    const upstreamGroups = [...h.sim.groups.values()].map((g) => ({ displayName: g.displayName, memberIds: g.memberIds }));
    expect(upstreamGroups).toEqual(nativeGroups ? [{ displayName: 'Renamed Team', memberIds: [upstreamIdOf('bob@example.com')] }] : []);
    expect(h.upstreamCalls('POST', '/groups')).toBe(nativeGroups ? 1 : 0);

    await h.http.delete(`/Groups/${gid}`).expect(204);
    await h.http.get(`/Groups/${gid}`).expect(404);
    expect(h.sim.groups.size).toBe(0);
    // A reconcile finds the same: no group comes back.
    await h.bridge.reconcileAll();
    expect((await h.http.get('/Groups').expect(200)).body.totalResults).toBe(0);
  });

  it('a group made upstream before the bridge is found by the reconcile only when groups live upstream', async () => {
    h = await startFakeHarness({ upstream: { nativeGroups }, skipReconcile: true });
    const member = h.sim.seedUser({ userName: 'early@example.com', email: 'early@example.com', givenName: 'E', familyName: 'Arly' });
    h.sim.groups.set('g-console', { id: 'g-console', displayName: 'Console Group', memberIds: [member.id], attributes: {} });
    await h.bridge.reconcileAll();
    const listed = (await h.http.get('/Groups').expect(200)).body;
    expect(listed.Resources.map((g: { displayName: string }) => g.displayName)).toEqual(nativeGroups ? ['Console Group'] : []);
  });
});
