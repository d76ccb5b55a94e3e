import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createZuoraRestSimulator } from '../src/zuora-rest/index.js';
import type { ZuoraRestSimulator } from '../src/zuora-rest/index.js';
import { bearer, fakeClock, newUser, reasonOf } from './zuora-rest-helper.js';

describe('Zuora REST simulator: /v1/users (integration guide contract)', () => {
  let sim: ZuoraRestSimulator;
  let auth: Record<string, string>;
  const clock = fakeClock();

  beforeEach(() => {
    sim = createZuoraRestSimulator({ now: clock.now });
    auth = bearer(sim.issueToken());
  });
  afterEach(async () => sim.close());

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    sim.app.inject({ method, url, headers: auth, ...(payload === undefined ? {} : { payload: payload as object }) });

  describe('POST /v1/users', () => {
    it('creates an Active user and answers with the id, username and status only', async () => {
      const res = await call('POST', '/v1/users', newUser());
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toEqual({ success: true, id: expect.stringMatching(/^2c92c0f8[0-9a-f]{24}$/), username: 'john@example.com', status: 'Active' });

      const got = await call('GET', `/v1/users/${body.id}`);
      expect(got.json()).toEqual({
        ...newUser(),
        id: body.id,
        status: 'Active',
        tenantId: sim.tenantId,
        createdDate: new Date(clock.now()).toISOString(),
        updatedDate: new Date(clock.now()).toISOString(),
      });
    });

    it.each(['username', 'email', 'firstName', 'lastName', 'profileId'])('requires %s (400, …22) and creates nothing', async (field) => {
      const res = await call('POST', '/v1/users', newUser({ [field]: undefined }));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ success: false, processId: expect.stringMatching(/^[0-9A-F]{16}$/) });
      expect(reasonOf(res)).toEqual({ code: '50000022', message: expect.stringContaining(field) });
      expect(sim.users()).toEqual([]);
    });

    it('answers an unknown profileId with 400 (…20) and creates nothing', async () => {
      const res = await call('POST', '/v1/users', newUser({ profileId: 'p-nope' }));
      expect(res.statusCode).toBe(400);
      expect(reasonOf(res)?.code).toBe('50000020');
      expect(sim.users()).toEqual([]);
    });

    it('reports a duplicate username, compared case-insensitively, as HTTP 200 with success:false (…30)', async () => {
      await call('POST', '/v1/users', newUser());
      const res = await call('POST', '/v1/users', newUser({ username: 'JOHN@example.com', email: 'other@example.com' }));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ success: false, reasons: [{ code: '50000030' }] });
      expect(sim.users()).toHaveLength(1);
    });

    it('refuses fields outside the guide’s data model (…21), e.g. externalId', async () => {
      const res = await call('POST', '/v1/users', newUser({ externalId: 'okta-1' }));
      expect(res.statusCode).toBe(400);
      expect(reasonOf(res)).toEqual({ code: '50000021', message: expect.stringContaining('externalId') });
    });

    it('takes the optional fields and an explicit Inactive status', async () => {
      const extra = { phoneNumber: '+1 555 0100', title: 'CFO', department: 'Finance', locale: 'en_US', timezone: 'America/Los_Angeles' };
      const { id } = (await call('POST', '/v1/users', newUser({ ...extra, status: 'Inactive' }))).json();
      expect(sim.getUser(id)).toMatchObject({ ...extra, status: 'Inactive' });
      expect((await call('POST', '/v1/users', newUser({ username: 'x@example.com', status: 'Gone' }))).statusCode).toBe(400);
    });

    it('answers malformed JSON with 400 and reason …90', async () => {
      const res = await sim.app.inject({
        method: 'POST',
        url: '/v1/users',
        headers: { ...auth, 'content-type': 'application/json' },
        payload: '{"username":',
      });
      expect(res.statusCode).toBe(400);
      expect(reasonOf(res)?.code).toBe('50000090');
    });
  });

  describe('GET /v1/users (pageSize ≤ 40, nextPage)', () => {
    it('defaults to 20 per page, in creation order', async () => {
      const seeded = sim.seedUsers(25);
      const body = (await call('GET', '/v1/users')).json();
      expect(body.users.map((u: { id: string }) => u.id)).toEqual(seeded.slice(0, 20).map((u) => u.id));
      expect(body.nextPage).toMatch(/\/v1\/users\?page=2&pageSize=20$/);
    });

    it('treats a pageSize above 40 as 40 and links absolute nextPage URLs to the end', async () => {
      const seeded = sim.seedUsers(95);
      const base = await sim.listen();
      const seen: string[] = [];
      const sizes: number[] = [];
      let next: string | undefined = `${base}/v1/users?pageSize=100&page=1`;
      while (next !== undefined) {
        const page = (await (await fetch(next, { headers: auth })).json()) as { users: Array<{ id: string }>; nextPage?: string };
        sizes.push(page.users.length);
        seen.push(...page.users.map((u) => u.id));
        if (page.nextPage !== undefined) expect(page.nextPage.startsWith(`${base}/v1/users?`)).toBe(true);
        next = page.nextPage;
      }
      expect(sizes).toEqual([40, 40, 15]);
      expect(seen).toEqual(seeded.map((u) => u.id));
    });

    it('answers a page past the end with no users and no nextPage, and refuses page 0 (…27)', async () => {
      sim.seedUsers(3);
      expect((await call('GET', '/v1/users?page=2&pageSize=3')).json()).toEqual({ users: [] });
      const bad = await call('GET', '/v1/users?page=0');
      expect(bad.statusCode).toBe(400);
      expect(reasonOf(bad)?.code).toBe('50000027');
    });

    it('builds nextPage from publicBaseUrl when one is configured', async () => {
      const proxied = createZuoraRestSimulator({ publicBaseUrl: 'https://rest.apisandbox.zuora.com' });
      proxied.seedUsers(2);
      const res = await proxied.app.inject({ url: '/v1/users?pageSize=1', headers: bearer(proxied.issueToken()) });
      expect(res.json().nextPage).toBe('https://rest.apisandbox.zuora.com/v1/users?page=2&pageSize=1');
      await proxied.close();
    });
  });

  describe('PUT /v1/users/{id}', () => {
    let id: string;
    beforeEach(async () => {
      id = (await call('POST', '/v1/users', newUser({ title: 'Clerk' }))).json().id;
    });

    it('changes only the fields sent and answers with the id, those fields and the status', async () => {
      const before = sim.getUser(id);
      clock.advance(5_000);
      const res = await call('PUT', `/v1/users/${id}`, { firstName: 'Jonathan', status: 'Inactive' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ id, firstName: 'Jonathan', status: 'Inactive', success: true });
      expect(sim.getUser(id)).toEqual({
        ...before,
        firstName: 'Jonathan',
        status: 'Inactive',
        updatedDate: new Date(clock.now()).toISOString(),
      });
    });

    it('reactivates an Inactive user and clears an optional field sent as null', async () => {
      await call('PUT', `/v1/users/${id}`, { status: 'Inactive' });
      const res = await call('PUT', `/v1/users/${id}`, { status: 'Active', title: null });
      expect(res.json()).toEqual({ id, status: 'Active', success: true });
      expect(sim.getUser(id)?.status).toBe('Active');
      expect(sim.getUser(id)).not.toHaveProperty('title');
    });

    it('refuses a status other than Active or Inactive, and an unknown profileId, changing nothing', async () => {
      const before = sim.getUser(id);
      for (const body of [{ status: 'Suspended' }, { firstName: 'J', profileId: 'p-nope' }]) {
        const res = await call('PUT', `/v1/users/${id}`, body);
        expect(res.statusCode).toBe(400);
        expect(reasonOf(res)?.code).toBe('50000020');
      }
      expect(sim.getUser(id)).toEqual(before);
    });

    it('keeps usernames unique: another user’s name is a 200 success:false, a new case of its own is fine', async () => {
      await call('POST', '/v1/users', newUser({ username: 'jane@example.com', email: 'jane@example.com' }));
      const taken = await call('PUT', `/v1/users/${id}`, { username: 'Jane@Example.com' });
      expect(taken.statusCode).toBe(200);
      expect(taken.json()).toMatchObject({ success: false, reasons: [{ code: '50000030' }] });
      expect((await call('PUT', `/v1/users/${id}`, { username: 'John@Example.com' })).json().success).toBe(true);
      expect(sim.getUser(id)?.username).toBe('John@Example.com');
    });

    it('frees a username its user gave up by a rename or a deletion, and holds the new one', async () => {
      const create = (username: string) => call('POST', '/v1/users', newUser({ username, email: username }));
      expect((await call('PUT', `/v1/users/${id}`, { username: 'johnny@example.com' })).json().success).toBe(true);
      expect((await create('JOHNNY@example.com')).json()).toMatchObject({ success: false, reasons: [{ code: '50000030' }] });
      const second = (await create('john@example.com')).json<{ success: boolean; id: string }>();
      expect(second.success).toBe(true);
      expect((await call('DELETE', `/v1/users/${second.id}`)).statusCode).toBeLessThan(300);
      expect((await create('John@example.com')).json().success).toBe(true);
      expect((await create('john@EXAMPLE.com')).json()).toMatchObject({ success: false, reasons: [{ code: '50000030' }] });
    });

    it('moves the user to another existing profile', async () => {
      sim.addProfile({ id: 'p-auditor', name: 'Auditor' });
      expect((await call('PUT', `/v1/users/${id}`, { profileId: 'p-auditor' })).json()).toEqual({
        id,
        profileId: 'p-auditor',
        status: 'Active',
        success: true,
      });
    });
  });

  describe('DELETE, password reset, profiles', () => {
    it('deletes irreversibly: 404 with reason …40 afterwards', async () => {
      const { id } = (await call('POST', '/v1/users', newUser())).json();
      expect((await call('DELETE', `/v1/users/${id}`)).json()).toEqual({ success: true });
      for (const method of ['GET', 'PUT', 'DELETE'] as const) {
        const res = await call(method, `/v1/users/${id}`, method === 'PUT' ? { firstName: 'X' } : undefined);
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({ success: false, reasons: [{ code: '50000040' }] });
      }
      expect(sim.users()).toEqual([]);
    });

    it('records a password reset email for POST /v1/users/{id}/password', async () => {
      const { id } = (await call('POST', '/v1/users', newUser())).json();
      expect((await call('POST', `/v1/users/${id}/password`, { sendResetEmail: true })).json()).toEqual({ success: true });
      expect(sim.passwordResets(id)).toBe(1);
      const missing = await call('POST', `/v1/users/${id}/password`, {});
      expect(reasonOf(missing)?.code).toBe('50000022');
      expect((await call('POST', '/v1/users/2c92c0f8000000000000000000000000/password', { sendResetEmail: true })).statusCode).toBe(404);
      expect(sim.passwordResets(id)).toBe(1);
    });

    it('lists the default profiles and any added one', async () => {
      sim.addProfile({ id: 'p-auditor', name: 'Auditor' });
      expect((await call('GET', '/v1/user-profiles')).json()).toEqual({
        profiles: [
          { id: 'p-admin', name: 'Administrator' },
          { id: 'p-standard', name: 'Standard User' },
          { id: 'p-readonly', name: 'Read Only' },
          { id: 'p-billing', name: 'Billing Clerk' },
          { id: 'p-auditor', name: 'Auditor' },
        ],
      });
    });

    it('starts from configured profiles instead of the defaults', async () => {
      const custom = createZuoraRestSimulator({ profiles: [{ id: 'x1', name: 'Only' }] });
      expect(custom.profiles()).toEqual([{ id: 'x1', name: 'Only' }]);
      await custom.close();
    });
  });
});
