import { afterEach, describe, expect, it } from 'vitest';
import { createZuoraRestSimulator } from '../src/zuora-rest/index.js';
import type { ZuoraRestSimulator } from '../src/zuora-rest/index.js';
import { bearer, fakeClock, newUser, reasonOf } from './zuora-rest-helper.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Zuora REST simulator: v1 conventions (docs/upstreams/zuora-rest.md §2–§4) and test controls', () => {
  let sim: ZuoraRestSimulator;
  afterEach(async () => sim.close());

  describe('response headers', () => {
    it('puts Zuora-Request-Id, RateLimit-* and Concurrency-Limit-* on every /v1 response, errors included', async () => {
      sim = createZuoraRestSimulator();
      const token = sim.issueToken();
      const responses = [
        await sim.app.inject({ url: '/v1/users', headers: bearer(token) }),
        await sim.app.inject({ url: '/v1/users' }),
        await sim.app.inject({ url: '/v1/users/nope', headers: bearer(token) }),
      ];
      expect(responses.map((r) => r.statusCode)).toEqual([200, 401, 404]);
      for (const res of responses) {
        expect(res.headers['zuora-request-id']).toMatch(UUID);
        expect(res.headers['ratelimit-limit']).toBe('50000, 50000;w=60');
        expect(res.headers['ratelimit-reset']).toMatch(/^\d+$/);
        expect(res.headers['concurrency-limit-type']).toBe('default');
        expect(res.headers['concurrency-limit-limit']).toBe('40');
        expect(Number(res.headers['concurrency-limit-remaining'])).toBeLessThan(40);
      }
      expect(responses.map((r) => r.headers['ratelimit-remaining'])).toEqual(['49999', '49998', '49997']);
      expect(new Set(responses.map((r) => r.headers['zuora-request-id'])).size).toBe(3);
      expect(responses[2]?.json().requestId).toBe(responses[2]?.headers['zuora-request-id']);
    });

    it('echoes a valid Zuora-Track-Id and ignores one with forbidden characters', async () => {
      sim = createZuoraRestSimulator();
      const auth = bearer(sim.issueToken());
      const ok = await sim.app.inject({ url: '/v1/users', headers: { ...auth, 'zuora-track-id': 'bridge-req-42' } });
      expect(ok.headers['zuora-track-id']).toBe('bridge-req-42');
      const bad = await sim.app.inject({ url: '/v1/users', headers: { ...auth, 'zuora-track-id': 'a:b' } });
      expect(bad.headers['zuora-track-id']).toBeUndefined();
    });
  });

  describe('per-tenant rate limit (off by default)', () => {
    it('answers past the cap with 429, the …70 envelope and no Retry-After, until the minute is over', async () => {
      const clock = fakeClock();
      sim = createZuoraRestSimulator({ now: clock.now, rateLimit: { requestsPerMinute: 3 } });
      const auth = bearer(sim.issueToken());
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await sim.app.inject({ url: '/v1/users', headers: auth })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429]);

      const limited = await sim.app.inject({ method: 'POST', url: '/v1/users', headers: auth, payload: newUser() });
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBeUndefined();
      expect(limited.headers['ratelimit-remaining']).toBe('0');
      expect(reasonOf(limited)?.code).toBe('50000070');
      expect(sim.users()).toEqual([]);

      clock.advance(60_000);
      expect((await sim.app.inject({ url: '/v1/users', headers: auth })).statusCode).toBe(200);
    });

    it('adds Retry-After (seconds to the window reset) when switched on', async () => {
      const clock = fakeClock();
      sim = createZuoraRestSimulator({ now: clock.now });
      sim.setRateLimit({ requestsPerMinute: 1, retryAfterHeader: true });
      const auth = bearer(sim.issueToken());
      await sim.app.inject({ url: '/v1/users', headers: auth });
      clock.advance(20_000);
      const limited = await sim.app.inject({ url: '/v1/users', headers: auth });
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBe('40');
    });
  });

  describe('call log', () => {
    it('records method, route template and status of every request, and counts by route', async () => {
      sim = createZuoraRestSimulator();
      const auth = bearer(sim.issueToken());
      const { id } = (await sim.app.inject({ method: 'POST', url: '/v1/users', headers: auth, payload: newUser() })).json();
      await sim.app.inject({ url: `/v1/users/${id}`, headers: auth });
      await sim.app.inject({ url: '/v1/users/missing', headers: auth });
      await sim.app.inject({ url: '/__sim/state' });

      expect(sim.count('GET', '/v1/users/:id')).toBe(2);
      expect(sim.count('POST', '/v1/users')).toBe(1);
      expect(sim.calls()).toEqual([
        { method: 'POST', route: '/v1/users', url: '/v1/users', status: 200 },
        { method: 'GET', route: '/v1/users/:id', url: `/v1/users/${id}`, status: 200 },
        { method: 'GET', route: '/v1/users/:id', url: '/v1/users/missing', status: 404 },
      ]);
      sim.resetCalls();
      expect(sim.calls()).toEqual([]);
    });
  });

  describe('control surface /__sim/', () => {
    it('lets an operator seed users, read state and calls, and switch the rate cap', async () => {
      sim = createZuoraRestSimulator();
      const seeded = await sim.app.inject({ method: 'POST', url: '/__sim/users/seed', payload: { count: 3 } });
      expect(seeded.json().users).toHaveLength(3);
      const state = (await sim.app.inject({ url: '/__sim/state' })).json();
      expect(state).toMatchObject({ tenantId: sim.tenantId, clientId: sim.clientId, rateLimit: null });
      expect(state.users.map((u: { email: string }) => u.email)).toEqual(sim.users().map((u) => u.email));
      expect(new Set(sim.users().map((u) => u.email)).size).toBe(3);
      expect(JSON.stringify(state)).not.toContain(sim.clientSecret);

      await sim.app.inject({ method: 'PUT', url: '/__sim/rate-limit', payload: { requestsPerMinute: 1 } });
      const auth = bearer(sim.issueToken());
      await sim.app.inject({ url: '/v1/users', headers: auth });
      expect((await sim.app.inject({ url: '/v1/users', headers: auth })).statusCode).toBe(429);
      expect((await sim.app.inject({ url: '/__sim/calls' })).json().calls.map((c: { status: number }) => c.status)).toEqual([200, 429]);
    });

    it('sets faults, queues a failure, and expires tokens', async () => {
      sim = createZuoraRestSimulator();
      const auth = bearer(sim.issueToken());
      const bad = await sim.app.inject({ method: 'POST', url: '/__sim/faults', payload: { rateLimitRatio: 0.8, serverErrorRatio: 0.5 } });
      expect(bad.statusCode).toBe(400);
      const set = await sim.app.inject({ method: 'POST', url: '/__sim/faults', payload: { seed: 7, latencyMs: 0 } });
      expect(set.json().settings).toEqual({ seed: 7, latencyMs: 0 });

      await sim.app.inject({
        method: 'POST',
        url: '/__sim/faults/fail-next',
        payload: { count: 1, fault: { kind: 'serverError', status: 503 }, route: 'GET /v1/users' },
      });
      expect((await sim.app.inject({ url: '/v1/users', headers: auth })).statusCode).toBe(503);
      expect((await sim.app.inject({ url: '/v1/users', headers: auth })).statusCode).toBe(200);

      expect((await sim.app.inject({ method: 'POST', url: '/__sim/tokens/expire' })).statusCode).toBe(204);
      expect((await sim.app.inject({ url: '/v1/users', headers: auth })).statusCode).toBe(401);
    });

    it('adds profiles usable by POST /v1/users', async () => {
      sim = createZuoraRestSimulator();
      await sim.app.inject({ method: 'POST', url: '/__sim/profiles', payload: { id: 'p-ops', name: 'Ops' } });
      const res = await sim.app.inject({
        method: 'POST',
        url: '/v1/users',
        headers: bearer(sim.issueToken()),
        payload: newUser({ profileId: 'p-ops' }),
      });
      expect(res.json().success).toBe(true);
    });

    it('is absent when controlSurface is false', async () => {
      sim = createZuoraRestSimulator({ controlSurface: false });
      expect((await sim.app.inject({ url: '/__sim/state' })).statusCode).toBe(404);
    });
  });
});
