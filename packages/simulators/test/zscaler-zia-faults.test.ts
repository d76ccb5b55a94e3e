import { describe, expect, it } from 'vitest';
import { READ_ONLY_BODY, ziaFaults } from '../src/zscaler-zia/index.js';
import { zia } from './zscaler-zia-helper.js';

describe('ZIA simulator: faults and the control surface', () => {
  describe('injected failures leave state, budgets and pending changes untouched', () => {
    it.each([
      ['409 EDIT_LOCK_NOT_AVAILABLE', ziaFaults.editLock(), 409, { code: 'EDIT_LOCK_NOT_AVAILABLE', message: 'Edit lock not available' }],
      ['403 STATE_READONLY', ziaFaults.stateReadOnly(), 403, READ_ONLY_BODY],
      ['401 Resource Access Blocked', ziaFaults.resourceAccessBlocked(), 401, expect.objectContaining({ message: 'Resource Access Blocked' })],
      ['429', { kind: 'rateLimit', retryAfterSeconds: 7 } as const, 429, { message: 'Rate Limit (1/SECOND) exceeded', 'Retry-After': '7 seconds' }],
      ['503', { kind: 'serverError', status: 503 } as const, 503, { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) }],
    ])('%s on POST /users: nothing created, the retry succeeds', async (_name, fault, status, body) => {
      const env = zia({ behaviour: { rateLimits: true } });
      env.sim.faults.failNext(1, fault, 'POST /api/v1/users');
      const failed = await env.call('POST', '/users', env.newUser());
      expect(failed.statusCode).toBe(status);
      expect(failed.json()).toEqual(body);
      if (status === 403) expect(failed.headers['x-zscaler-mode']).toBe('read-only');
      expect(env.sim.users()).toEqual([]);
      expect(env.sim.pendingChanges()).toEqual([]);
      expect(env.sim.budgetUsage()).toEqual([]);
      expect((await env.call('POST', '/users', env.newUser())).statusCode).toBe(200);
      expect(env.sim.calls().map((c) => [c.status, c.fault])).toEqual([
        [status, fault.kind],
        [200, undefined],
      ]);
    });

    it('an edit lock on activation leaves the changes pending', async () => {
      const env = zia();
      await env.createUser();
      env.sim.faults.failNext(1, ziaFaults.editLock(), 'POST /api/v1/status/activate');
      expect((await env.call('POST', '/status/activate')).statusCode).toBe(409);
      expect(env.sim.status()).toBe('PENDING');
      expect(env.sim.activations()).toEqual([]);
    });

    it('spares the login endpoint unless a fault names it', async () => {
      const env = zia();
      env.sim.faults.configure({ serverErrorRatio: 1 });
      expect((await env.login()).statusCode).toBe(200);
      expect((await env.call('GET', '/users')).statusCode).toBeGreaterThanOrEqual(500);
    });
  });

  it('read-only maintenance: writes get 403 STATE_READONLY with x-zscaler-mode, reads and login still work', async () => {
    const env = zia({ behaviour: { readOnly: true } });
    const write = await env.call('POST', '/users', env.newUser());
    expect(write.statusCode).toBe(403);
    expect(write.headers['x-zscaler-mode']).toBe('read-only');
    expect(write.json()).toEqual(READ_ONLY_BODY);
    expect((await env.call('POST', '/status/activate')).statusCode).toBe(403);
    expect((await env.call('GET', '/users')).statusCode).toBe(200);
    expect((await env.login()).statusCode).toBe(200);
    expect(env.sim.users()).toEqual([]);
    env.sim.setBehaviour({ readOnly: false });
    expect((await env.call('POST', '/users', env.newUser())).statusCode).toBe(200);
  });

  describe('/__sim', () => {
    const control = (env: ReturnType<typeof zia>, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      env.sim.app.inject({ method, url: `/__sim${url}`, ...(payload ? { payload } : {}) });

    it('shows the state without the password, API key or user passwords, and is never recorded', async () => {
      const env = zia();
      env.sim.seedUsers(2);
      const state = (await control(env, 'GET', '/state')).json();
      expect(state).toMatchObject({ cloud: 'zscaler', username: 'admin@example.com', status: 'ACTIVE', liveSessions: 1 });
      expect(state.users).toHaveLength(2);
      const text = JSON.stringify(state);
      expect(text).not.toContain(env.sim.password);
      expect(text).not.toContain(env.sim.apiKey);
      expect(text).not.toContain('Seeded-Passw0rd!');
      expect(env.sim.calls()).toEqual([]);
    });

    it('switches behaviour, validating it', async () => {
      const env = zia();
      expect((await control(env, 'PATCH', '/behaviour', { bulkDeleteResponse: 'empty' })).json()).toMatchObject({ bulkDeleteResponse: 'empty' });
      expect(env.sim.behaviour().bulkDeleteResponse).toBe('empty');
      expect((await control(env, 'PATCH', '/behaviour', { bulkDeleteResponse: 'maybe' })).statusCode).toBe(400);
    });

    it('reports activation and budgets, and expires sessions', async () => {
      const env = zia();
      await env.createUser();
      expect((await control(env, 'GET', '/activation')).json()).toMatchObject({ status: 'PENDING', pending: [{ action: 'create' }], activations: [] });
      expect((await control(env, 'GET', '/budgets')).json().budgets).toEqual([expect.objectContaining({ method: 'POST', route: '/users', accepted: 1 })]);
      expect((await control(env, 'DELETE', '/budgets')).statusCode).toBe(204);
      expect(env.sim.budgetUsage()).toEqual([]);
      expect((await control(env, 'POST', '/sessions/expire')).statusCode).toBe(204);
      expect((await env.call('GET', '/users')).statusCode).toBe(401);
    });

    it('queues ZIA faults through fail-next and seeds users', async () => {
      const env = zia();
      await control(env, 'POST', '/faults/fail-next', { count: 1, fault: ziaFaults.editLock(), route: 'PUT /api/v1/users/:userId' });
      const { users } = (await control(env, 'POST', '/users/seed', { count: 1 })).json();
      const res = await env.call('PUT', `/users/${users[0].id}`, env.newUser({ email: users[0].email }));
      expect(res.json()).toMatchObject({ code: 'EDIT_LOCK_NOT_AVAILABLE' });
      expect((await env.call('PUT', `/users/${users[0].id}`, env.newUser({ email: users[0].email }))).statusCode).toBe(200);
    });
  });
});
