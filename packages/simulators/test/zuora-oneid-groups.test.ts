import { afterEach, describe, expect, it } from 'vitest';
import { URN, detailOf, filterQuery, newGroup, oneId, patchOp } from './zuora-oneid-helper.js';

describe('Zuora OneID simulator: /scim/v2/Groups (docs/upstreams/zuora-oneid.md §3)', () => {
  let env: ReturnType<typeof oneId>;
  afterEach(async () => env.sim.close());

  const createGroup = async (overrides: Record<string, unknown> = {}) => {
    const res = await env.call('POST', '/Groups', newGroup(env.sim.orgId, overrides));
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string } & Record<string, unknown>;
  };
  const ids = (res: { json: () => { resources: Array<{ id: string }> } }) => res.json().resources.map((r) => r.id);

  describe('create, read, replace, delete', () => {
    it('creates the documented sample with 201 and answers core schema first, GroupExtension active:true', async () => {
      env = oneId({ publicBaseUrl: 'http://localhost:9900' });
      const group = await createGroup();
      expect(group).toEqual({
        schemas: [URN.group, URN.groupExtension],
        id: expect.any(String),
        displayName: 'Amy Laurance test scim',
        [URN.groupExtension]: { schemas: [URN.groupExtension], description: '', organizationId: env.sim.orgId, active: true },
        meta: { resourceType: 'Group', location: `http://localhost:9900/scim/v2/Groups/${group.id}` },
      });
    });

    it('requires displayName, refuses another organization and a duplicate name (409)', async () => {
      env = oneId();
      expect((await env.call('POST', '/Groups', newGroup(env.sim.orgId, { displayName: undefined }))).statusCode).toBe(400);
      const otherOrg = newGroup(env.sim.orgId, { [URN.groupExtension]: { organizationId: 'another-org' } });
      expect((await env.call('POST', '/Groups', otherOrg)).statusCode).toBe(400);
      await createGroup({ displayName: 'Finance' });
      expect((await env.call('POST', '/Groups', newGroup(env.sim.orgId, { displayName: 'FINANCE' }))).statusCode).toBe(409);
      expect(env.sim.groups()).toHaveLength(1);
    });

    it('adds members on create; writes answer members with display = userName, reads with value only', async () => {
      env = oneId();
      const amy = await env.createUser();
      const created = await createGroup({ members: [{ value: amy.id }] });
      expect(created.members).toEqual([{ value: amy.id, display: 'amy+test102' }]);
      expect((await env.call('GET', `/Groups/${created.id}`)).json().members).toEqual([{ value: amy.id }]);
      expect((await env.call('POST', '/Groups', newGroup(env.sim.orgId, { displayName: 'x', members: [{ value: 'nobody' }] }))).statusCode).toBe(400);
    });

    it("reflects memberships in the user's groups[] as {value, display}", async () => {
      env = oneId();
      const amy = await env.createUser();
      expect((await env.call('GET', `/Users/${amy.id}`)).json()).not.toHaveProperty('groups');
      const group = await createGroup({ members: [{ value: amy.id }] });
      expect((await env.call('GET', `/Users/${amy.id}`)).json().groups).toEqual([{ value: group.id, display: '' }]);
    });

    it('PUT replaces all members and the description', async () => {
      env = oneId();
      const [a, b] = env.sim.seedUsers(2).map((u) => u.id);
      const group = await createGroup({ members: [{ value: a }] });
      const res = await env.call('PUT', `/Groups/${group.id}`, { ...newGroup(env.sim.orgId, { displayName: 'Renamed' }), members: [{ value: b }] });
      expect(res.statusCode).toBe(200);
      expect(env.sim.getGroup(group.id)).toMatchObject({ displayName: 'Renamed', members: [b], description: '' });
    });

    it('PUT with the documented PatchOp sample body applies it', async () => {
      env = oneId();
      const [a] = env.sim.seedUsers(1).map((u) => u.id);
      const group = await createGroup();
      const res = await env.call('PUT', `/Groups/${group.id}`, patchOp([{ op: 'add', path: 'members', value: [{ value: a }] }]));
      expect(res.statusCode).toBe(200);
      expect(res.json().members).toEqual([{ value: a, display: env.sim.getUser(a ?? '')?.userName }]);
    });

    it('DELETE permanently removes the group, answers it with active:false, and keeps its members', async () => {
      env = oneId();
      const amy = await env.createUser();
      const group = await createGroup({ members: [{ value: amy.id }] });
      const res = await env.call('DELETE', `/Groups/${group.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()[URN.groupExtension].active).toBe(false);
      expect((await env.call('GET', `/Groups/${group.id}`)).statusCode).toBe(404);
      expect((await env.call('DELETE', `/Groups/${group.id}`)).statusCode).toBe(404);
      expect(env.sim.getUser(amy.id)?.active).toBe(true);
      expect((await env.call('GET', `/Users/${amy.id}`)).json()).not.toHaveProperty('groups');
    });
  });

  describe('PATCH /Groups/{id}', () => {
    it('adds members as in the documented sample', async () => {
      env = oneId();
      const [a, b] = env.sim.seedUsers(2);
      const group = await createGroup();
      const res = await env.call('PATCH', `/Groups/${group.id}`, patchOp([{ op: 'add', path: 'members', value: [{ value: a?.id }, { value: b?.id }] }]));
      expect(res.statusCode).toBe(200);
      expect(res.json().members).toEqual([
        { value: a?.id, display: a?.userName },
        { value: b?.id, display: b?.userName },
      ]);
    });

    it('removes members flagged operation:"delete" (add is the default)', async () => {
      env = oneId();
      const [a, b, c] = env.sim.seedUsers(3).map((u) => u.id);
      const group = await createGroup({ members: [{ value: a }, { value: b }] });
      const value = [{ value: a, operation: 'delete' }, { value: c }];
      await env.call('PATCH', `/Groups/${group.id}`, patchOp([{ op: 'add', path: 'members', value }]));
      expect(env.sim.getGroup(group.id)?.members).toEqual([b, c]);
    });

    it('accepts the SCIM 1.1 body without operations: {members:[{value, operation:"delete"}]}', async () => {
      env = oneId();
      const [a, b] = env.sim.seedUsers(2).map((u) => u.id);
      const group = await createGroup({ members: [{ value: a }, { value: b }] });
      const res = await env.call('PATCH', `/Groups/${group.id}`, { schemas: [URN.patchOp], members: [{ value: a, operation: 'delete' }] });
      expect(res.statusCode).toBe(200);
      expect(env.sim.getGroup(group.id)?.members).toEqual([b]);
    });

    it('removes with RFC 7644 paths: members[value eq "…"], or members with a value list', async () => {
      env = oneId();
      const [a, b, c] = env.sim.seedUsers(3).map((u) => u.id);
      const group = await createGroup({ members: [{ value: a }, { value: b }, { value: c }] });
      await env.call('PATCH', `/Groups/${group.id}`, patchOp([{ op: 'remove', path: `members[value eq "${a}"]` }], 'Operations'));
      expect(env.sim.getGroup(group.id)?.members).toEqual([b, c]);
      await env.call('PATCH', `/Groups/${group.id}`, patchOp([{ op: 'remove', path: 'members', value: [{ value: c }] }]));
      expect(env.sim.getGroup(group.id)?.members).toEqual([b]);
      await env.call('PATCH', `/Groups/${group.id}`, patchOp([{ op: 'remove', path: 'members' }]));
      expect(env.sim.getGroup(group.id)?.members).toEqual([]);
    });

    it('replaces displayName and description, also through a no-path replace carrying the id (Entra)', async () => {
      env = oneId();
      const group = await createGroup();
      await env.call('PATCH', `/Groups/${group.id}`, patchOp([{ op: 'replace', value: { id: group.id, displayName: 'Ops' } }]));
      await env.call('PATCH', `/Groups/${group.id}`, patchOp([{ op: 'replace', path: `${URN.groupExtension}:description`, value: 'On call' }]));
      expect(env.sim.getGroup(group.id)).toMatchObject({ displayName: 'Ops', description: 'On call' });
    });

    it('refuses unknown members, unknown paths and removing displayName, changing nothing', async () => {
      env = oneId();
      const group = await createGroup();
      for (const op of [
        { op: 'add', path: 'members', value: [{ value: 'nobody' }] },
        { op: 'replace', path: 'owner', value: 'x' },
        { op: 'remove', path: 'displayName' },
      ]) {
        const res = await env.call('PATCH', `/Groups/${group.id}`, patchOp([op]));
        expect(res.statusCode).toBe(400);
      }
      expect(env.sim.getGroup(group.id)).toMatchObject({ displayName: 'Amy Laurance test scim', members: [] });
    });
  });

  describe('GET /Groups', () => {
    it('answers the Groups ListResponse without startIndex/itemsPerPage, ten per page by default', async () => {
      env = oneId();
      env.sim.seedGroups(12);
      const body = (await env.call('GET', '/Groups')).json();
      expect(Object.keys(body)).toEqual(['schemas', 'id', 'externalId', 'meta', 'totalResults', 'resources']);
      expect(body.totalResults).toBe(12);
      expect(body.resources).toHaveLength(10);
    });

    it('reads startIndex as a page number: count 20 and startIndex 2 return records 21–40', async () => {
      env = oneId();
      const groups = env.sim.seedGroups(45);
      const res = await env.call('GET', '/Groups?count=20&startIndex=2');
      expect(ids(res)).toEqual(groups.slice(20, 40).map((g) => g.id));
      expect(ids(await env.call('GET', '/Groups?count=20&startIndex=3'))).toEqual(groups.slice(40).map((g) => g.id));
      expect(ids(await env.call('GET', '/Groups?count=20&startIndex=0'))).toEqual(groups.slice(0, 20).map((g) => g.id));
    });

    it('reads startIndex as an RFC 7644 item index when switched', async () => {
      env = oneId({ behaviour: { groupsStartIndex: 'item' } });
      const groups = env.sim.seedGroups(45);
      expect(ids(await env.call('GET', '/Groups?count=20&startIndex=2'))).toEqual(groups.slice(1, 21).map((g) => g.id));
      env.sim.setBehaviour({ groupsStartIndex: 'page' });
      expect(ids(await env.call('GET', '/Groups?count=20&startIndex=2'))).toEqual(groups.slice(20, 40).map((g) => g.id));
    });

    it('caps count at 100', async () => {
      env = oneId();
      env.sim.seedGroups(120);
      expect((await env.call('GET', '/Groups?count=500')).json().resources).toHaveLength(100);
    });

    it('filters by displayName, id or organizationId', async () => {
      env = oneId();
      const [first, second] = env.sim.seedGroups(2);
      expect(ids(await env.call('GET', `/Groups?${filterQuery('displayName eq "seed group 2"')}`))).toEqual([second?.id]);
      expect(ids(await env.call('GET', `/Groups?${filterQuery(`id eq "${first?.id}"`)}`))).toEqual([first?.id]);
      expect(ids(await env.call('GET', `/Groups?${filterQuery(`organizationId eq "${env.sim.orgId}"`)}`))).toHaveLength(2);
      const bad = await env.call('GET', `/Groups?${filterQuery('displayName sw "Seed"')}`);
      expect(bad.json()).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    });

    it('requires Content-Type: application/json only when switched on (documented, but on a GET)', async () => {
      env = oneId();
      expect((await env.call('GET', '/Groups')).statusCode).toBe(200);
      env.sim.setBehaviour({ groupsListRequiresContentType: true });
      const refused = await env.call('GET', '/Groups');
      expect(refused.statusCode).toBe(415);
      expect(detailOf(refused)).toContain('application/json');
      expect((await env.call('GET', '/Groups', undefined, { 'content-type': 'application/json' })).statusCode).toBe(200);
    });
  });
});
