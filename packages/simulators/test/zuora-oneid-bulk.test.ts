import { afterEach, describe, expect, it } from 'vitest';
import { URN, newGroup, oneId, patchOp } from './zuora-oneid-helper.js';

/** A postBulkCreateGroups sample item: schemas, displayName, GroupExtension and meta are all marked required. */
const bulkGroup = (orgId: string, displayName: string) => ({ ...newGroup(orgId, { displayName }), meta: { resourceType: 'Group' } });

/** A bulkCreateUsers sample item: no active, no externalId. */
const bulkUser = (orgId: string, userName: string) => ({
  schemas: [URN.userExtension, URN.user],
  name: { givenName: 'Amy', familyName: 'Lawrence', formatted: 'Amy Lawrence' },
  emails: [{ value: userName, type: 'work', primary: true }],
  roles: [{ value: 'USER' }],
  userName,
  preferredLanguage: 'en',
  locale: 'en-US',
  [URN.userExtension]: { schemas: [URN.userExtension], organizationId: orgId },
});

describe('Zuora OneID simulator: the non-RFC bulk endpoints (docs/upstreams/zuora-oneid.md §3)', () => {
  let env: ReturnType<typeof oneId>;
  afterEach(async () => env.sim.close());

  describe('POST /Users/bulk', () => {
    it('creates every user and answers a ListResponse with locations under /Users/bulk/, as in its sample', async () => {
      env = oneId({ publicBaseUrl: 'http://localhost:9900' });
      const res = await env.call('POST', '/Users/bulk', [bulkUser(env.sim.orgId, 'Amy+test3@zuora.com'), bulkUser(env.sim.orgId, 'Amy+test4@zuora.com')]);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ schemas: [URN.listResponse], id: null, externalId: null, meta: null, totalResults: 2, startIndex: 1, itemsPerPage: 2 });
      const [first] = body.resources;
      expect(first).toMatchObject({ userName: 'Amy+test3@zuora.com', externalId: 'Amy+test3@zuora.com', active: true });
      expect(first.meta.location).toBe(`http://localhost:9900/scim/v2/Users/bulk/${first.id}`);
      expect(env.sim.users().map((u) => u.userName)).toEqual(['Amy+test3@zuora.com', 'Amy+test4@zuora.com']);
    });

    it('creates nothing when one item is invalid or a duplicate', async () => {
      env = oneId();
      const orgId = env.sim.orgId;
      const invalid = await env.call('POST', '/Users/bulk', [bulkUser(orgId, 'a@x.io'), { ...bulkUser(orgId, 'b@x.io'), roles: [{ value: 'ROOT' }] }]);
      expect(invalid.statusCode).toBe(400);
      const twice = await env.call('POST', '/Users/bulk', [bulkUser(orgId, 'a@x.io'), bulkUser(orgId, 'A@x.io')]);
      expect(twice.statusCode).toBe(409);
      expect(env.sim.users()).toEqual([]);
      expect((await env.call('POST', '/Users/bulk', bulkUser(orgId, 'a@x.io'))).statusCode).toBe(400);
    });

    it('refuses more items than bulk.maxOperations with 413', async () => {
      env = oneId({ bulkMaxOperations: 2 });
      const res = await env.call(
        'POST',
        '/Users/bulk',
        ['a', 'b', 'c'].map((n) => bulkUser(env.sim.orgId, `${n}@x.io`)),
      );
      expect(res.statusCode).toBe(413);
      expect((await env.call('GET', '/ServiceProviderConfig')).json().bulk.maxOperations).toBe(2);
    });
  });

  describe('PATCH /Users/bulk', () => {
    it('overwrites only the attributes each item specifies', async () => {
      env = oneId();
      const [a, b] = env.sim.seedUsers(2);
      const res = await env.call('PATCH', '/Users/bulk', [
        { id: a?.id, emails: [{ value: 'updated2@example.com' }] },
        { id: b?.id, active: false },
      ]);
      expect(res.statusCode).toBe(200);
      expect(res.json().totalResults).toBe(2);
      expect(env.sim.getUser(a?.id ?? '')).toMatchObject({ email: 'updated2@example.com', userName: a?.userName, active: true });
      expect(env.sim.getUser(b?.id ?? '')).toMatchObject({ email: b?.email, active: false, status: 'INACTIVE' });
    });

    it('changes nothing when an id is unknown or missing', async () => {
      env = oneId();
      const [a] = env.sim.seedUsers(1);
      expect(
        (
          await env.call('PATCH', '/Users/bulk', [
            { id: a?.id, locale: 'fr-FR' },
            { id: 'nobody', locale: 'fr-FR' },
          ])
        ).statusCode,
      ).toBe(404);
      expect((await env.call('PATCH', '/Users/bulk', [{ locale: 'fr-FR' }])).statusCode).toBe(400);
      expect(env.sim.getUser(a?.id ?? '')?.locale).toBe('en-US');
    });
  });

  describe('POST /Users/delete', () => {
    it('deactivates every listed user and answers them with active:false, status INACTIVE', async () => {
      env = oneId();
      const [a, b] = env.sim.seedUsers(3);
      const res = await env.call('POST', '/Users/delete', [a?.id, b?.id]);
      expect(res.statusCode).toBe(200);
      expect(
        res.json().resources.map((u: { active: boolean; [k: string]: unknown }) => [u.active, (u[URN.userExtension] as { status: string }).status]),
      ).toEqual([
        [false, 'INACTIVE'],
        [false, 'INACTIVE'],
      ]);
      expect(env.sim.users().map((u) => u.active)).toEqual([false, false, true]);
      expect((await env.call('GET', `/Users/${a?.id}`)).statusCode).toBe(200);
    });

    it('deactivates nobody when one id is unknown', async () => {
      env = oneId();
      const [a] = env.sim.seedUsers(1);
      expect((await env.call('POST', '/Users/delete', [a?.id, 'nobody'])).statusCode).toBe(404);
      expect(env.sim.getUser(a?.id ?? '')?.active).toBe(true);
    });
  });

  describe('POST /Groups/bulk', () => {
    it('creates the groups and answers a ListResponse', async () => {
      env = oneId();
      const res = await env.call('POST', '/Groups/bulk', [bulkGroup(env.sim.orgId, 'test_group_11'), bulkGroup(env.sim.orgId, 'test_group_22')]);
      expect(res.statusCode).toBe(200);
      expect(res.json().resources.map((g: { displayName: string }) => g.displayName)).toEqual(['test_group_11', 'test_group_22']);
      expect(env.sim.groups()).toHaveLength(2);
    });

    it('requires each documented attribute, meta included, and creates nothing otherwise', async () => {
      env = oneId();
      const { meta: _meta, ...withoutMeta } = bulkGroup(env.sim.orgId, 'b');
      expect((await env.call('POST', '/Groups/bulk', [bulkGroup(env.sim.orgId, 'a'), withoutMeta])).statusCode).toBe(400);
      const withoutExtension = { ...bulkGroup(env.sim.orgId, 'c'), [URN.groupExtension]: undefined };
      expect((await env.call('POST', '/Groups/bulk', [withoutExtension])).statusCode).toBe(400);
      expect(env.sim.groups()).toEqual([]);
    });
  });

  describe('PATCH /Groups/bulk', () => {
    it('applies each item, a PatchOp carrying its group id', async () => {
      env = oneId();
      const [u1, u2] = env.sim.seedUsers(2);
      const [g1, g2] = env.sim.seedGroups(2);
      const res = await env.call('PATCH', '/Groups/bulk', [
        { id: g1?.id, ...patchOp([{ op: 'add', path: 'members', value: [{ value: u1?.id }, { value: u2?.id }] }]) },
        { id: g2?.id, ...patchOp([{ op: 'replace', path: 'displayName', value: 'Renamed' }]) },
      ]);
      expect(res.statusCode).toBe(200);
      expect(res.json().resources[0].members).toEqual([
        { value: u1?.id, display: u1?.userName },
        { value: u2?.id, display: u2?.userName },
      ]);
      expect(env.sim.getGroup(g2?.id ?? '')?.displayName).toBe('Renamed');
    });

    it('refuses the documented body, which names no group', async () => {
      env = oneId();
      const [u1] = env.sim.seedUsers(1);
      const res = await env.call('PATCH', '/Groups/bulk', patchOp([{ op: 'add', path: 'members', value: [{ value: u1?.id }] }]));
      expect(res.statusCode).toBe(400);
    });
  });

  describe('POST /Groups/delete', () => {
    it('permanently removes groups listed as an id array, answering them with active:false', async () => {
      env = oneId();
      const [g1, g2, g3] = env.sim.seedGroups(3, 1);
      const res = await env.call('POST', '/Groups/delete', [g1?.id, g2?.id]);
      expect(res.statusCode).toBe(200);
      expect(res.json().resources.map((g: Record<string, { active: boolean }>) => g[URN.groupExtension]?.active)).toEqual([false, false]);
      expect(env.sim.groups().map((g) => g.id)).toEqual([g3?.id]);
      expect(env.sim.users()).toHaveLength(1);
    });

    it('accepts the documented sample form: a PatchOp whose values are the group ids', async () => {
      env = oneId();
      const [g1, g2] = env.sim.seedGroups(2);
      const body = patchOp([{ op: 'add', path: 'members', value: [{ value: g1?.id }, { value: g2?.id }] }]);
      expect((await env.call('POST', '/Groups/delete', body)).statusCode).toBe(200);
      expect(env.sim.groups()).toEqual([]);
    });

    it('removes nothing when one id is unknown', async () => {
      env = oneId();
      const [g1] = env.sim.seedGroups(1);
      expect((await env.call('POST', '/Groups/delete', [g1?.id, 'nope'])).statusCode).toBe(404);
      expect(env.sim.groups()).toHaveLength(1);
    });
  });
});
