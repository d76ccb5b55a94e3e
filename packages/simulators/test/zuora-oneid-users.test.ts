import { afterEach, describe, expect, it } from 'vitest';
import { URN, detailOf, fakeClock, newUser, oneId, patchOp } from './zuora-oneid-helper.js';

describe('Zuora OneID simulator: /scim/v2/Users (docs/upstreams/zuora-oneid.md §3, §4)', () => {
  let env: ReturnType<typeof oneId>;
  afterEach(async () => env.sim.close());

  describe('POST /Users', () => {
    it('creates the documented sample (a one-element array) with 201 and answers the OneID user shape', async () => {
      const clock = fakeClock();
      env = oneId({ now: clock.now, region: 'EU', publicBaseUrl: 'http://localhost:9900' });
      const res = await env.call('POST', '/Users', [newUser(env.sim.orgId)]);
      expect(res.statusCode).toBe(201);
      const user = res.json();
      expect(Object.keys(user)).toEqual([
        'schemas',
        'id',
        'externalId',
        'meta',
        'userName',
        'name',
        'displayName',
        'preferredLanguage',
        'locale',
        'active',
        'emails',
        'roles',
        URN.userExtension,
      ]);
      expect(user).toEqual({
        schemas: [URN.userExtension, URN.user],
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        externalId: 'asdasdasdS',
        meta: { created: new Date(clock.now()).toISOString(), resourceType: 'User', location: `http://localhost:9900/scim/v2/Users/${user.id}` },
        userName: 'amy+test102',
        name: { formatted: 'Amy Lawrence', familyName: 'Lawrence', givenName: 'Amy' },
        displayName: 'Amy Lawrence',
        preferredLanguage: 'en',
        locale: 'en-US',
        active: true,
        emails: [{ value: 'amy+Lawrence@zuora.com', display: 'amy+Lawrence@zuora.com', type: 'work', primary: true }],
        roles: [{ value: 'ADMIN', display: 'ADMIN' }],
        [URN.userExtension]: { schemas: [URN.userExtension], organizationId: env.sim.orgId, status: 'ACTIVE', ssoEnabled: true, region: 'EU' },
      });
      expect(env.sim.users()).toHaveLength(1);
    });

    it('also accepts a single user object, as IdPs send it', async () => {
      env = oneId();
      expect((await env.call('POST', '/Users', newUser(env.sim.orgId))).statusCode).toBe(201);
      const two = [newUser(env.sim.orgId), newUser(env.sim.orgId, { userName: 'other' })];
      expect((await env.call('POST', '/Users', two)).statusCode).toBe(400);
      expect(env.sim.users()).toHaveLength(1);
    });

    it.each(['schemas', 'userName', 'emails', 'roles', 'externalId', 'name', 'active', 'preferredLanguage', 'locale', URN.userExtension])(
      'answers a clear 400 when %s is missing, and creates nothing',
      async (attribute) => {
        env = oneId();
        const res = await env.call('POST', '/Users', newUser(env.sim.orgId, { [attribute]: undefined }));
        expect(res.statusCode).toBe(400);
        expect(detailOf(res)).toContain(attribute);
        expect(env.sim.users()).toEqual([]);
      },
    );

    it('requires the organizationId of this organization in the extension', async () => {
      env = oneId();
      const withoutOrg = await env.call('POST', '/Users', newUser(env.sim.orgId, { [URN.userExtension]: { schemas: [URN.userExtension] } }));
      expect(withoutOrg.statusCode).toBe(400);
      expect(detailOf(withoutOrg)).toContain('organizationId');
      const otherOrg = await env.call('POST', '/Users', newUser(env.sim.orgId, { [URN.userExtension]: { organizationId: 'another-org' } }));
      expect(otherOrg.statusCode).toBe(400);
      expect(env.sim.users()).toEqual([]);
    });

    it('requires an email address and only ADMIN or USER roles', async () => {
      env = oneId();
      expect((await env.call('POST', '/Users', newUser(env.sim.orgId, { emails: [] }))).statusCode).toBe(400);
      expect((await env.call('POST', '/Users', newUser(env.sim.orgId, { emails: [{ value: 'not-an-email' }] }))).statusCode).toBe(400);
      const role = await env.call('POST', '/Users', newUser(env.sim.orgId, { roles: [{ value: 'BILLING_ADMIN' }] }));
      expect(role.statusCode).toBe(400);
      expect(detailOf(role)).toContain('ADMIN or USER');
      expect(env.sim.users()).toEqual([]);
    });

    it('answers a duplicate userName, compared case-insensitively, with 409 and an RFC 7644 §3.12 body', async () => {
      env = oneId();
      await env.createUser();
      const res = await env.call('POST', '/Users', newUser(env.sim.orgId, { userName: 'AMY+TEST102' }));
      expect(res.statusCode).toBe(409);
      expect(res.json()).toEqual({ schemas: [URN.error], status: '409', scimType: 'uniqueness', detail: expect.stringContaining('AMY+TEST102') });
      expect(env.sim.users()).toHaveLength(1);
    });

    it('words errors as Zuora v1 envelopes when switched', async () => {
      env = oneId({ behaviour: { errorFormat: 'zuora' } });
      await env.createUser();
      const res = await env.call('POST', '/Users', newUser(env.sim.orgId));
      expect(res.statusCode).toBe(409);
      expect(res.json()).toEqual({
        success: false,
        processId: expect.stringMatching(/^[0-9A-F]{16}$/),
        reasons: [{ code: '50000030', message: expect.stringContaining('amy+test102') }],
      });
      expect((await env.call('GET', '/Users/nope')).json().reasons[0].code).toBe('50000040');
    });

    it('creates a non-SSO user as PENDING_ACTIVATION and inactive, like the list sample', async () => {
      env = oneId();
      const user = await env.createUser({ [URN.userExtension]: { organizationId: env.sim.orgId, ssoEnabled: false } });
      expect(user).toMatchObject({ active: false, [URN.userExtension]: { status: 'PENDING_ACTIVATION', ssoEnabled: false } });
    });
  });

  describe('GET, PUT and DELETE /Users/{id}', () => {
    it('answers 404 for an unknown id', async () => {
      env = oneId();
      const res = await env.call('GET', '/Users/0b1e4d9c-0000-4000-8000-000000000000');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ schemas: [URN.error], status: '404' });
    });

    it('DELETE only deactivates: active false, status INACTIVE, and GET still answers 200', async () => {
      env = oneId();
      const { id } = await env.createUser();
      const deleted = await env.call('DELETE', `/Users/${id}`);
      expect(deleted.statusCode).toBe(200);
      expect(deleted.json()).toMatchObject({ id, active: false, [URN.userExtension]: { status: 'INACTIVE' } });
      const got = await env.call('GET', `/Users/${id}`);
      expect(got.statusCode).toBe(200);
      expect(got.json()).toMatchObject({ active: false, [URN.userExtension]: { status: 'INACTIVE' } });
      expect(env.sim.getUser(id)).toMatchObject({ active: false, status: 'INACTIVE' });
    });

    it('PUT overwrites everything: attributes left out are cleared, and active:true re-enables a deleted user', async () => {
      env = oneId();
      const { id } = await env.createUser();
      await env.call('DELETE', `/Users/${id}`);
      const replacement = {
        schemas: [URN.userExtension, URN.user],
        userName: 'Amy+test6',
        active: true,
        emails: [{ value: 'Amy+test5-updated@zuora.com' }],
        roles: [{ value: 'USER', display: 'USER' }],
        groups: [{ value: 'ignored-group', display: 'Amy Test' }],
      };
      const res = await env.call('PUT', `/Users/${id}`, replacement);
      expect(res.statusCode).toBe(200);
      const user = res.json();
      expect(user).toMatchObject({
        id,
        userName: 'Amy+test6',
        active: true,
        emails: [{ value: 'Amy+test5-updated@zuora.com', display: 'Amy+test5-updated@zuora.com', type: 'work', primary: true }],
        roles: [{ value: 'USER', display: 'USER' }],
        [URN.userExtension]: { status: 'ACTIVE' },
      });
      for (const cleared of ['externalId', 'name', 'displayName', 'preferredLanguage', 'locale', 'groups']) expect(user).not.toHaveProperty(cleared);
    });

    it('PUT refuses a body without userName, email, roles or active, and a userName another user has', async () => {
      env = oneId();
      const { id } = await env.createUser();
      await env.createUser({ userName: 'taken' });
      const base = newUser(env.sim.orgId);
      for (const attribute of ['userName', 'emails', 'roles', 'active']) {
        expect((await env.call('PUT', `/Users/${id}`, { ...base, [attribute]: undefined })).statusCode).toBe(400);
      }
      expect((await env.call('PUT', `/Users/${id}`, { ...base, userName: 'TAKEN' })).statusCode).toBe(409);
      expect(env.sim.getUser(id)?.userName).toBe('amy+test102');
    });

    it('PATCH active:true reactivates a deactivated user', async () => {
      env = oneId();
      const { id } = await env.createUser();
      await env.call('POST', '/Users/delete', [id]);
      const res = await env.call('PATCH', `/Users/${id}`, patchOp([{ op: 'replace', path: 'active', value: true }]));
      expect(res.json()).toMatchObject({ active: true, [URN.userExtension]: { status: 'ACTIVE' } });
    });
  });

  describe('GET /Users', () => {
    it("answers OneID's ListResponse: lower-case resources, null id/externalId/meta, integer totals", async () => {
      env = oneId();
      env.sim.seedUsers(3);
      const res = await env.call('GET', '/Users');
      const body = res.json();
      expect(Object.keys(body)).toEqual(['schemas', 'id', 'externalId', 'meta', 'totalResults', 'resources', 'startIndex', 'itemsPerPage']);
      expect(body).toMatchObject({ schemas: [URN.listResponse], id: null, externalId: null, meta: null, totalResults: 3, startIndex: 1, itemsPerPage: 3 });
      expect(body).not.toHaveProperty('Resources');
      expect(body.resources.map((u: { userName: string }) => u.userName)).toEqual(env.sim.users().map((u) => u.userName));
    });

    it('pages by RFC 7644 item index, 100 per page by default', async () => {
      env = oneId();
      const users = env.sim.seedUsers(105);
      const first = (await env.call('GET', '/Users')).json();
      expect(first).toMatchObject({ totalResults: 105, startIndex: 1, itemsPerPage: 100 });
      const page = (await env.call('GET', '/Users?startIndex=2&count=3')).json();
      expect(page).toMatchObject({ totalResults: 105, startIndex: 2, itemsPerPage: 3 });
      expect(page.resources.map((u: { id: string }) => u.id)).toEqual(users.slice(1, 4).map((u) => u.id));
      expect((await env.call('GET', '/Users?startIndex=104&count=10')).json().itemsPerPage).toBe(2);
      expect((await env.call('GET', '/Users?count=0')).json()).toMatchObject({ totalResults: 105, resources: [] });
      expect((await env.call('GET', '/Users?count=ten')).statusCode).toBe(400);
    });

    it('caps count at usersMaxCount', async () => {
      env = oneId({ usersMaxCount: 2 });
      env.sim.seedUsers(5);
      expect((await env.call('GET', '/Users?count=50')).json()).toMatchObject({ totalResults: 5, itemsPerPage: 2 });
    });
  });

  describe('meta.location', () => {
    it('is the request path plus the id, as the samples show, or canonical when switched', async () => {
      env = oneId({ publicBaseUrl: 'http://localhost:9900' });
      const { id } = await env.createUser();
      const base = 'http://localhost:9900/scim/v2/Users';
      expect((await env.call('GET', `/Users/${id}`)).json().meta.location).toBe(`${base}/${id}/${id}`);
      expect((await env.call('GET', '/Users')).json().resources[0].meta.location).toBe(`${base}/${id}`);
      env.sim.setBehaviour({ locationStyle: 'canonical' });
      expect((await env.call('GET', `/Users/${id}`)).json().meta.location).toBe(`${base}/${id}`);
    });
  });
});
