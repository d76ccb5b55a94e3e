import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createFaultController, matchesRoute, mulberry32 } from '../src/faults.js';
import type { FaultSettings } from '../src/faults.js';
import { createZuoraRestSimulator } from '../src/zuora-rest/index.js';
import type { ZuoraRestSimulator } from '../src/zuora-rest/index.js';
import { bearer, newUser, reasonOf, tokenForm } from './zuora-rest-helper.js';

/** The error a failed fetch carries for a connection the server reset. */
async function fetchError(url: string, init?: RequestInit): Promise<string | undefined> {
  try {
    await fetch(url, init);
    return undefined;
  } catch (error) {
    return ((error as Error).cause as { code?: string } | undefined)?.code;
  }
}

describe('fault injection (packages/simulators/src/faults.ts)', () => {
  const sims: ZuoraRestSimulator[] = [];
  const simulator = (faults?: FaultSettings) => {
    const sim = createZuoraRestSimulator(faults ? { faults } : {});
    sims.push(sim);
    return { sim, auth: bearer(sim.issueToken()) };
  };
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((s) => s.close()));
  });

  describe('route selectors and PRNG', () => {
    it('matches method + template, template alone, and prefix wildcards', () => {
      expect(matchesRoute('POST /v1/users', 'POST', '/v1/users')).toBe(true);
      expect(matchesRoute('POST /v1/users', 'GET', '/v1/users')).toBe(false);
      expect(matchesRoute('/v1/users/:id', 'DELETE', '/v1/users/:id')).toBe(true);
      expect(matchesRoute('/v1/users', 'GET', '/v1/users/:id')).toBe(false);
      expect(matchesRoute('/__sim/*', 'GET', '/__sim/state')).toBe(true);
    });

    it('mulberry32 gives the same sequence for the same seed, in [0, 1)', () => {
      const a = Array.from({ length: 5 }, mulberry32(42));
      expect(Array.from({ length: 5 }, mulberry32(42))).toEqual(a);
      expect(Array.from({ length: 5 }, mulberry32(43))).not.toEqual(a);
      expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
    });

    it('refuses ratios that add up to more than 1', () => {
      const faults = createFaultController({ render: () => ({ status: 429, body: {} }) });
      expect(() => faults.configure({ rateLimitRatio: 0.6, resetRatio: 0.6 })).toThrow(/at most 1/);
    });
  });

  describe('injected before the request touches state', () => {
    it('429 in the simulator’s own shape, without Retry-After unless the fault carries one', async () => {
      const { sim, auth } = simulator();
      sim.faults.failNext(1, { kind: 'rateLimit' });
      const res = await sim.app.inject({ method: 'POST', url: '/v1/users', headers: auth, payload: newUser() });
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBeUndefined();
      expect(res.headers['zuora-request-id']).toBeDefined();
      expect(res.json()).toMatchObject({ success: false, reasons: [{ code: '50000070' }] });
      expect(sim.users()).toEqual([]);

      sim.faults.failNext(1, { kind: 'rateLimit', retryAfterSeconds: 3 });
      expect((await sim.app.inject({ url: '/v1/users', headers: auth })).headers['retry-after']).toBe('3');
    });

    it('5xx with a status from the configured list, leaving the user unchanged', async () => {
      const { sim, auth } = simulator();
      const [user] = sim.seedUsers(1);
      sim.faults.configure({ serverErrorRatio: 1, serverErrorStatuses: [502] });
      const res = await sim.app.inject({ method: 'PUT', url: `/v1/users/${user?.id}`, headers: auth, payload: { status: 'Inactive' } });
      expect(res.statusCode).toBe(502);
      expect(reasonOf(res)?.code).toBe('50000061');
      expect(sim.getUser(user?.id ?? '')).toEqual(user);
    });

    it('a connection reset: the client sees ECONNRESET, nothing was created, the call shows status 0', async () => {
      const { sim, auth } = simulator();
      const base = await sim.listen();
      sim.faults.failNext(1, { kind: 'reset' }, 'POST /v1/users');
      const init = { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(newUser()) };
      expect(await fetchError(`${base}/v1/users`, init)).toBe('ECONNRESET');
      expect(sim.users()).toEqual([]);
      expect(sim.calls()).toEqual([{ method: 'POST', route: '/v1/users', url: '/v1/users', status: 0, fault: 'reset' }]);
      expect((await fetch(`${base}/v1/users`, init)).status).toBe(200);
    });

    it('a reset under app.inject rejects the inject call', async () => {
      const { sim, auth } = simulator();
      sim.faults.failNext(1, { kind: 'reset' });
      await expect(sim.app.inject({ url: '/v1/users', headers: auth })).rejects.toThrow(/reset/);
    });

    it('failNext(count) fails exactly the next count requests of its route, then lets them through', async () => {
      const { sim, auth } = simulator();
      sim.faults.failNext(2, { kind: 'serverError', status: 503 }, 'GET /v1/users');
      const statuses: number[] = [];
      statuses.push((await sim.app.inject({ url: '/v1/user-profiles', headers: auth })).statusCode);
      for (let i = 0; i < 3; i += 1) statuses.push((await sim.app.inject({ url: '/v1/users', headers: auth })).statusCode);
      expect(statuses).toEqual([200, 503, 503, 200]);
      expect(sim.faults.pending()).toEqual([]);
      expect(sim.calls().map((c) => c.fault)).toEqual([undefined, 'serverError', 'serverError', undefined]);
    });

    it('a canned response for upstream-specific failures', async () => {
      const { sim, auth } = simulator();
      sim.faults.failNext(1, { kind: 'respond', status: 409, body: { code: 'EDIT_LOCK_NOT_AVAILABLE' } });
      const res = await sim.app.inject({ url: '/v1/users', headers: auth });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toEqual({ code: 'EDIT_LOCK_NOT_AVAILABLE' });
    });
  });

  describe('reset after processing', () => {
    it('changes state but loses the response', async () => {
      const { sim, auth } = simulator({ resetAfterRatio: 1 });
      const base = await sim.listen();
      const init = { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(newUser()) };
      expect(await fetchError(`${base}/v1/users`, init)).toBe('ECONNRESET');
      expect(sim.users().map((u) => u.username)).toEqual(['john@example.com']);
      expect(sim.calls()[0]).toMatchObject({ status: 0, fault: 'resetAfter' });
    });
  });

  describe('exclusions', () => {
    const tokenRequest = (sim: ZuoraRestSimulator) =>
      sim.app.inject({
        method: 'POST',
        url: '/oauth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: tokenForm(sim),
      });

    it('spares the token endpoint and the control surface unless asked', async () => {
      const { sim, auth } = simulator({ serverErrorRatio: 1 });
      expect((await tokenRequest(sim)).statusCode).toBe(200);
      expect((await sim.app.inject({ url: '/__sim/state' })).statusCode).toBe(200);
      expect((await sim.app.inject({ url: '/v1/users', headers: auth })).statusCode).toBe(500);

      sim.faults.configure({ serverErrorRatio: 1, exclude: [] });
      expect((await tokenRequest(sim)).statusCode).toBe(500);
      expect((await sim.app.inject({ url: '/__sim/state' })).statusCode).toBe(200);
    });

    it('limits probabilistic faults to `only` routes, and lets failNext name the token endpoint', async () => {
      const { sim, auth } = simulator({ rateLimitRatio: 1, only: ['DELETE /v1/users/:id'] });
      expect((await sim.app.inject({ url: '/v1/users', headers: auth })).statusCode).toBe(200);
      expect((await sim.app.inject({ method: 'DELETE', url: '/v1/users/x', headers: auth })).statusCode).toBe(429);

      sim.faults.clear();
      sim.faults.failNext(1, { kind: 'serverError', status: 503 });
      expect((await tokenRequest(sim)).statusCode).toBe(200);
      sim.faults.failNext(1, { kind: 'serverError', status: 503 }, 'POST /oauth/token');
      expect((await tokenRequest(sim)).statusCode).toBe(503);
    });
  });

  describe('seeded reproducibility', () => {
    const run = async (seed: number) => {
      const { sim, auth } = simulator({ seed, rateLimitRatio: 0.2, serverErrorRatio: 0.3 });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i += 1) statuses.push((await sim.app.inject({ url: '/v1/users', headers: auth })).statusCode);
      return statuses;
    };

    it('the same seed and request sequence give the same faults; another seed differs', async () => {
      const first = await run(1234);
      expect(await run(1234)).toEqual(first);
      expect(new Set(first)).toEqual(new Set([200, 429, 500, 502, 503]));
      expect(await run(99)).not.toEqual(first);
    });
  });

  describe('latency, on a bare Fastify app (the controller is simulator-agnostic)', () => {
    const bareApp = (settings: FaultSettings, delays: number[]) => {
      const faults = createFaultController({
        render: (fault) => ({ status: fault.kind === 'rateLimit' ? 429 : fault.status, body: { message: fault.kind } }),
        settings,
        sleep: async (ms) => void delays.push(ms),
      });
      const app = Fastify();
      faults.install(app);
      app.get('/ping', async () => ({ pong: true }));
      return { app, faults };
    };

    it('delays by a fixed amount or by a value drawn from [min, max], then answers normally', async () => {
      const delays: number[] = [];
      const { app, faults } = bareApp({ latencyMs: 250 }, delays);
      expect((await app.inject({ url: '/ping' })).json()).toEqual({ pong: true });
      expect(delays).toEqual([250]);

      faults.configure({ seed: 5, latencyMs: [100, 200] });
      for (let i = 0; i < 10; i += 1) await app.inject({ url: '/ping' });
      const drawn = delays.slice(1);
      expect(drawn).toHaveLength(10);
      expect(drawn.every((ms) => ms >= 100 && ms <= 200)).toBe(true);
      expect(new Set(drawn).size).toBeGreaterThan(1);

      faults.clear();
      faults.failNext(1, { kind: 'latency', ms: 30 });
      await app.inject({ url: '/ping' });
      await app.inject({ url: '/ping' });
      expect(delays.slice(11)).toEqual([30]);
      await app.close();
    });

    it('renders 429s with the renderer the simulator passed, and calls registered token expirers', async () => {
      const { app, faults } = bareApp({ rateLimitRatio: 1 }, []);
      const res = await app.inject({ url: '/ping' });
      expect([res.statusCode, res.json()]).toEqual([429, { message: 'rateLimit' }]);
      let expired = 0;
      faults.onExpireAllTokens(() => void (expired += 1));
      faults.expireAllTokens();
      expect(expired).toBe(1);
      await app.close();
    });
  });
});
