import { describe, expect, it } from 'vitest';
import { zia } from './zscaler-zia-helper.js';

describe('ZIA simulator: /users (ZH-UM, docs/upstreams/zscaler-zia.md §4, §5)', () => {
  describe('POST /users', () => {
    it('creates a user with an integer id, one department and many groups, and never shows the password', async () => {
      const env = zia();
      const res = await env.call(
        'POST',
        '/users',
        env.newUser({ groups: [{ id: env.group('Engineering') }, { id: env.group('Sales') }], comments: 'from Okta' }),
      );
      expect(res.statusCode).toBe(200);
      const user = res.json();
      expect(user).toEqual({
        id: expect.any(Number),
        name: 'John Smith',
        email: 'john.smith@example.com',
        department: { id: env.department('Engineering'), name: 'Engineering' },
        groups: [
          { id: env.group('Engineering'), name: 'Engineering' },
          { id: env.group('Sales'), name: 'Sales' },
        ],
        comments: 'from Okta',
        adminUser: false,
        deleted: false,
      });
      expect((await env.call('GET', `/users/${user.id}`)).json()).toEqual(user);
      expect(env.sim.getUser(user.id)?.password).toBe('Str0ng!Pass');
    });

    it.each(['name', 'email', 'department', 'groups'])('requires %s (400 INVALID_INPUT_ARGUMENT) and creates nothing', async (field) => {
      const env = zia();
      const res = await env.call('POST', '/users', env.newUser({ [field]: undefined }));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ code: 'INVALID_INPUT_ARGUMENT', message: expect.stringContaining(field) });
      expect(env.sim.users()).toEqual([]);
      expect(env.sim.pendingChanges()).toEqual([]);
    });

    it('takes an empty groups array', async () => {
      const env = zia();
      expect((await env.createUser({ groups: [] })).groups).toEqual([]);
    });

    it('requires a password for hosted-database users only', async () => {
      const hosted = zia();
      expect((await hosted.call('POST', '/users', hosted.newUser({ password: undefined }))).statusCode).toBe(400);
      expect((await hosted.call('POST', '/users', hosted.newUser({ password: 'short' }))).json().message).toContain('password');
      const saml = zia({ hostedDb: false });
      expect((await saml.call('POST', '/users', saml.newUser({ password: undefined }))).statusCode).toBe(200);
    });

    it.each([
      ['no @', 'john.example.com'],
      ['a domain outside the organization', 'john@other.org'],
      ['more than 127 characters', `${'j'.repeat(116)}@example.com`],
    ])('refuses an email with %s', async (_case, email) => {
      const env = zia();
      const res = await env.call('POST', '/users', env.newUser({ email }));
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('INVALID_INPUT_ARGUMENT');
    });

    it('takes any domain the organization owns (configurable), compared case-insensitively', async () => {
      const env = zia({ domains: ['example.com', 'acme.io'] });
      expect((await env.call('POST', '/users', env.newUser({ email: 'ann@ACME.io' }))).statusCode).toBe(200);
      const open = zia({ domains: 'any' });
      expect((await open.call('POST', '/users', open.newUser({ email: 'ann@anywhere.net' }))).statusCode).toBe(200);
    });

    it('keeps emails unique case-insensitively (400 DUPLICATE_ITEM)', async () => {
      const env = zia();
      await env.createUser();
      const res = await env.call('POST', '/users', env.newUser({ email: 'John.Smith@EXAMPLE.com', name: 'Other' }));
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('DUPLICATE_ITEM');
      expect(env.sim.users()).toHaveLength(1);
    });

    it('limits name to 127 UTF-8 characters', async () => {
      const env = zia();
      expect((await env.call('POST', '/users', env.newUser({ name: 'é'.repeat(127) }))).statusCode).toBe(200);
      expect((await env.call('POST', '/users', env.newUser({ name: 'é'.repeat(128), email: 'b@example.com' }))).statusCode).toBe(400);
    });

    it('refuses a department or group that does not exist', async () => {
      const env = zia();
      expect((await env.call('POST', '/users', env.newUser({ department: { id: 42 } }))).json().message).toContain('Department 42');
      expect((await env.call('POST', '/users', env.newUser({ groups: [{ id: 43 }] }))).json().message).toContain('Group 43');
      expect((await env.call('POST', '/users', env.newUser({ department: { name: 'Engineering' } }))).statusCode).toBe(400);
    });

    it('takes adminUser, type, tempAuthEmail and refuses an unknown type', async () => {
      const env = zia();
      const user = await env.createUser({ adminUser: true, type: 'AUDITOR', tempAuthEmail: 'otp@example.com' });
      expect(user).toMatchObject({ adminUser: true, type: 'AUDITOR', tempAuthEmail: 'otp@example.com' });
      expect((await env.call('POST', '/users', env.newUser({ email: 'x@example.com', type: 'WIZARD' }))).statusCode).toBe(400);
    });
  });

  describe('Content-Type', () => {
    it('answers a body without application/json with 415 and changes nothing; a charset parameter is fine', async () => {
      const env = zia();
      const body = JSON.stringify(env.newUser());
      for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
        const res = await env.call('POST', '/users', body, { 'content-type': type });
        expect(res.statusCode).toBe(415);
        expect(res.json()).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.any(String) });
      }
      expect(env.sim.users()).toEqual([]);
      const res = await env.call('POST', '/users', body, { 'content-type': 'application/json; charset=utf-8' });
      expect(res.statusCode).toBe(200);
    });

    it('needs no content type on a request without a body, and reads an empty JSON body as none', async () => {
      const env = zia();
      const { id } = await env.createUser();
      expect((await env.call('DELETE', `/users/${id}`)).statusCode).toBe(200);
      expect((await env.call('POST', '/status/activate', '', { 'content-type': 'application/json' })).statusCode).toBe(200);
    });

    it('answers malformed JSON with 400 INVALID_INPUT_ARGUMENT', async () => {
      const env = zia();
      const res = await env.call('POST', '/users', '{"name":', { 'content-type': 'application/json' });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('INVALID_INPUT_ARGUMENT');
    });
  });

  describe('GET /users', () => {
    it('answers a bare array in creation order, 100 a page by default, pages 1-based, a page past the end empty', async () => {
      const env = zia();
      const seeded = env.sim.seedUsers(250);
      const first = (await env.call('GET', '/users')).json();
      expect(Array.isArray(first)).toBe(true);
      expect(first.map((u: { id: number }) => u.id)).toEqual(seeded.slice(0, 100).map((u) => u.id));
      const third = (await env.call('GET', '/users?page=3&pageSize=100')).json();
      expect(third).toHaveLength(50);
      expect(third[49].id).toBe(seeded[249]?.id);
      expect((await env.call('GET', '/users?page=4&pageSize=100')).json()).toEqual([]);
      expect((await env.call('GET', '/users?page=0')).statusCode).toBe(400);
    });

    it('caps pageSize at 10,000', async () => {
      const env = zia();
      env.sim.seedUsers(10_001);
      expect((await env.call('GET', '/users?pageSize=20000')).json()).toHaveLength(10_000);
      expect((await env.call('GET', '/users?page=2&pageSize=20000')).json()).toHaveLength(1);
    });

    it('filters name by partial match, dept and group by starts-with, all case-insensitive', async () => {
      const env = zia();
      await env.createUser({
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        department: { id: env.department('Engineering') },
        groups: [{ id: env.group('Sales') }],
      });
      await env.createUser({ name: 'Grace Hopper', email: 'grace@example.com', department: { id: env.department('Finance') }, groups: [] });
      const names = async (query: string) => (await env.call('GET', `/users?${query}`)).json().map((u: { name: string }) => u.name);
      expect(await names('name=love')).toEqual(['Ada Lovelace']);
      expect(await names('name=HOPP')).toEqual(['Grace Hopper']);
      expect(await names('dept=fin')).toEqual(['Grace Hopper']);
      expect(await names('dept=ance')).toEqual([]);
      expect(await names('group=sa')).toEqual(['Ada Lovelace']);
      expect(await names('group=les')).toEqual([]);
    });
  });

  describe('PUT /users/{userId}', () => {
    it('replaces the whole user: a field left out is reset, the password is kept', async () => {
      const env = zia();
      const created = await env.createUser({
        comments: 'keep?',
        adminUser: true,
        type: 'AUDITOR',
        tempAuthEmail: 'otp@example.com',
        groups: [{ id: env.group('Sales') }],
      });
      const res = await env.call('PUT', `/users/${created.id}`, {
        id: created.id,
        name: 'John A. Smith',
        email: 'john.smith@example.com',
        department: { id: env.department('Finance') },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        id: created.id,
        name: 'John A. Smith',
        email: 'john.smith@example.com',
        department: { id: env.department('Finance'), name: 'Finance' },
        groups: [],
        adminUser: false,
        deleted: false,
      });
      expect(env.sim.getUser(created.id)?.password).toBe('Str0ng!Pass');
    });

    it('treats email as read-only: the same value or none is fine, another one is 400 and nothing changes', async () => {
      const env = zia();
      const { id } = await env.createUser();
      const body = { name: 'Renamed', department: { id: env.department('Sales') }, groups: [] };
      expect((await env.call('PUT', `/users/${id}`, body)).json().email).toBe('john.smith@example.com');
      const res = await env.call('PUT', `/users/${id}`, { ...body, name: 'Again', email: 'new.name@example.com' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ code: 'INVALID_INPUT_ARGUMENT', message: expect.stringContaining('email') });
      expect(env.sim.getUser(id)).toMatchObject({ name: 'Renamed', email: 'john.smith@example.com' });
    });

    it('refuses a body id other than the path id, and answers an unknown user with 404', async () => {
      const env = zia();
      const { id } = await env.createUser();
      expect((await env.call('PUT', `/users/${id}`, env.newUser({ id: id + 1 }))).statusCode).toBe(400);
      const missing = await env.call('PUT', '/users/99', env.newUser());
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('RESOURCE_NOT_FOUND');
    });
  });

  describe('DELETE /users/{userId}', () => {
    it('deletes for good with 200 and no body; 204 when switched; 404 afterwards', async () => {
      const env = zia();
      const { id } = await env.createUser();
      const res = await env.call('DELETE', `/users/${id}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe('');
      expect(env.sim.getUser(id)).toBeUndefined();
      expect((await env.call('GET', `/users/${id}`)).statusCode).toBe(404);
      expect((await env.call('DELETE', `/users/${id}`)).statusCode).toBe(404);

      env.sim.setBehaviour({ userDeleteStatus: 204 });
      const other = await env.createUser({ email: 'other@example.com' });
      expect((await env.call('DELETE', `/users/${other.id}`)).statusCode).toBe(204);
    });

    it('refuses a path id that is not an integer', async () => {
      const env = zia();
      expect((await env.call('GET', '/users/abc')).json().code).toBe('INVALID_INPUT_ARGUMENT');
    });
  });
});
