import { describe, expect, it } from 'vitest';
import { WEIGHT_BUDGETS, budgetFor } from '../src/zscaler-zia/index.js';
import type { LimitPeriod, ZiaBehaviour } from '../src/zscaler-zia/index.js';
import type { Method } from './zscaler-zia-helper.js';
import { zia } from './zscaler-zia-helper.js';

const PERIOD_MS: Record<LimitPeriod, number> = { SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000 };

/** Each documented budget (ZH-RLS rows, ZH-RL weights): name, request, burst limit and period, hourly limit. */
const BUDGETS: Array<[string, Method, string, number, LimitPeriod, number]> = [
  ['POST /users', 'POST', '/users', 2, 'SECOND', 1000],
  ['PUT /users/{userId}', 'PUT', '/users/1', 2, 'SECOND', 1000],
  ['DELETE /users/{userId}', 'DELETE', '/users/1', 1, 'SECOND', 400],
  ['GET /users/{userId}', 'GET', '/users/1', 2, 'SECOND', 1000],
  ['GET /users', 'GET', '/users', 10, 'MINUTE', 40],
  ['POST /users/bulkDelete', 'POST', '/users/bulkDelete', 1, 'MINUTE', 4],
  ['POST /status/activate', 'POST', '/status/activate', 10, 'MINUTE', 40],
  ['POST /authenticatedSession', 'POST', '/authenticatedSession', 2, 'SECOND', 1000],
  ['GET /departments (Light)', 'GET', '/departments', 2, 'SECOND', 1000],
  ['PUT /groups/{groupId} (Medium)', 'PUT', '/groups/1', 1, 'SECOND', 400],
];

/** A simulator with budgets on and a session that outlives an hour of simulated time. */
function limited(behaviour: Partial<ZiaBehaviour> = {}) {
  return zia({
    sessionIdleSeconds: 86_400,
    sessionMaxAgeSeconds: 86_400,
    behaviour: { rateLimits: true, activateAfterIdleSeconds: null, ...behaviour },
  });
}

function send(env: ReturnType<typeof zia>, method: Method, url: string) {
  const body = url === '/users/bulkDelete' ? { ids: [] } : method === 'POST' || method === 'PUT' ? {} : undefined;
  return url === '/status/activate' ? env.call(method, url) : env.call(method, url, body);
}

describe('ZIA simulator: per-endpoint budgets (ZH-RL, ZH-RLS, docs/upstreams/zscaler-zia.md §7)', () => {
  describe.each(BUDGETS)('%s', (_name, method, url, burst, per, hourly) => {
    it(`admits ${burst} at once, then 429s with the documented body until the clock frees a token`, async () => {
      const env = limited();
      for (let i = 0; i < burst; i += 1) expect((await send(env, method, url)).statusCode).not.toBe(429);
      const refused = await send(env, method, url);
      expect(refused.statusCode).toBe(429);
      const waitMs = PERIOD_MS[per] / burst;
      expect(refused.json()).toEqual({ message: `Rate Limit (${burst}/${per}) exceeded`, 'Retry-After': `${Math.floor(waitMs / 1000)} seconds` });
      expect(refused.headers['retry-after']).toBeUndefined();
      env.clock.advance(waitMs - 1);
      expect((await send(env, method, url)).statusCode).toBe(429);
      env.clock.advance(1);
      expect((await send(env, method, url)).statusCode).not.toBe(429);
    });

    it(`admits ${hourly} an hour at the burst pace, then 429s naming ${hourly}/HOUR until the first leaves the window`, async () => {
      const env = limited({ rateLimitAlgorithm: 'sliding-window' });
      const pace = PERIOD_MS[per] / burst;
      const start = env.clock.now();
      for (let i = 0; i < hourly; i += 1) {
        expect((await send(env, method, url)).statusCode).not.toBe(429);
        env.clock.advance(pace);
      }
      const refused = await send(env, method, url);
      const retryAfter = Math.floor((start + PERIOD_MS.HOUR - env.clock.now()) / 1000);
      expect(refused.json()).toEqual({ message: `Rate Limit (${hourly}/HOUR) exceeded`, 'Retry-After': `${retryAfter} seconds` });
      env.clock.advance(retryAfter * 1000);
      expect((await send(env, method, url)).statusCode).not.toBe(429);
      const usage = env.sim.budgetUsage().find((u) => u.method === method);
      expect(usage).toMatchObject({ accepted: hourly + 1, rejected: 1, peak: [burst, hourly] });
    });
  });

  it('under the token bucket the hourly bucket runs dry too, and says so', async () => {
    const env = limited();
    let accepted = 0;
    let refused;
    for (;;) {
      const res = await env.call('GET', '/users');
      if (res.statusCode === 429) {
        refused = res.json();
        break;
      }
      accepted += 1;
      env.clock.advance(6_000);
    }
    expect(accepted).toBeGreaterThanOrEqual(40);
    expect(refused).toMatchObject({ message: 'Rate Limit (40/HOUR) exceeded' });
  });

  it('also sends Retry-After as a header when switched', async () => {
    const env = limited({ retryAfterHeader: true });
    await env.call('POST', '/users/bulkDelete', { ids: [] });
    const refused = await env.call('POST', '/users/bulkDelete', { ids: [] });
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.json()['Retry-After']).toBe('60 seconds');
  });

  it('a refused request changes nothing', async () => {
    const env = limited();
    await env.createUser({ email: 'a@example.com' });
    await env.createUser({ email: 'b@example.com' });
    expect((await env.call('POST', '/users', env.newUser({ email: 'c@example.com' }))).statusCode).toBe(429);
    expect(env.sim.users()).toHaveLength(2);
    expect(env.sim.pendingChanges()).toHaveLength(2);
  });

  it('counts per organization, not per session, and only once authenticated', async () => {
    const env = limited();
    const other = { cookie: `JSESSIONID=${env.sim.issueSession()}` };
    await env.call('GET', '/users/1');
    await env.call('GET', '/users/1', undefined, other);
    expect((await env.call('GET', '/users/1', undefined, other)).statusCode).toBe(429);
    expect((await env.call('GET', '/users/1', undefined, { cookie: '' })).statusCode).toBe(401);
    expect(env.sim.budgetUsage()).toEqual([expect.objectContaining({ method: 'GET', route: '/users/:userId', accepted: 2, rejected: 1 })]);
  });

  it('can be switched off for load tests while consumption is still recorded', async () => {
    const env = zia();
    for (let i = 0; i < 50; i += 1) expect((await env.call('GET', '/users')).statusCode).toBe(200);
    expect(env.sim.budgetUsage()).toEqual([
      {
        method: 'GET',
        route: '/users',
        limits: [
          { limit: 10, per: 'MINUTE' },
          { limit: 40, per: 'HOUR' },
        ],
        accepted: 50,
        rejected: 0,
        current: [50, 50],
        peak: [50, 50],
      },
    ]);
    env.clock.advance(60_000);
    expect(env.sim.budgetUsage()[0]?.current).toEqual([0, 50]);
    env.sim.resetBudgets();
    expect(env.sim.budgetUsage()).toEqual([]);
  });

  it('falls back to the weight of the method for an endpoint without its own row', () => {
    expect(budgetFor('DELETE', '/somethingElse/:id')).toEqual({ burst: { limit: 1, per: 'MINUTE' }, hourly: { limit: 4, per: 'HOUR' } });
    expect(budgetFor('POST', '/somethingElse')).toBe(WEIGHT_BUDGETS.POST);
    expect(budgetFor('GET', '/somethingElse')).toEqual({ burst: { limit: 2, per: 'SECOND' }, hourly: { limit: 1000, per: 'HOUR' } });
    expect(budgetFor('GET', '/groups')).toEqual({ burst: { limit: 1, per: 'SECOND' }, hourly: { limit: 400, per: 'HOUR' } });
  });
});
