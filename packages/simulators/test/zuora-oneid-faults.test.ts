import { afterEach, describe, expect, it } from 'vitest';
import { URN, newUser, oneId, patchOp } from './zuora-oneid-helper.js';

/** The error code of a fetch that failed without a response (e.g. a connection reset by the server). */
async function failureOf(promise: Promise<Response>): Promise<string> {
  try {
    await promise;
    return 'answered';
  } catch (error) {
    const err = error as Error & { cause?: { code?: string } };
    return err.cause?.code ?? err.name;
  }
}

describe('Zuora OneID simulator: faults, response delays and the control surface', () => {
  let env: ReturnType<typeof oneId>;
  afterEach(async () => env.sim.close());

  describe('injected failures leave state untouched', () => {
    it.each([
      ['429 with Retry-After', { kind: 'rateLimit', retryAfterSeconds: 7 } as const, 429],
      ['503', { kind: 'serverError', status: 503 } as const, 503],
    ])('%s: nothing created, the retry succeeds', async (_name, fault, status) => {
      env = oneId();
      env.sim.faults.failNext(1, fault, 'POST /scim/v2/Users');
      const failed = await env.call('POST', '/Users', newUser(env.sim.orgId), { 'idempotency-key': 'f-1' });
      expect(failed.statusCode).toBe(status);
      expect(failed.json()).toMatchObject({ schemas: [URN.error], status: String(status) });
      if (status === 429) expect(failed.headers['retry-after']).toBe('7');
      expect(env.sim.users()).toEqual([]);
      // The key was not spent on a request that never ran.
      expect((await env.call('POST', '/Users', newUser(env.sim.orgId), { 'idempotency-key': 'f-1' })).statusCode).toBe(201);
      expect(env.sim.calls().map((c) => [c.status, c.fault])).toEqual([
        [status, fault.kind],
        [201, undefined],
      ]);
    });

    it('words injected errors in the Zuora envelope when switched', async () => {
      env = oneId({ behaviour: { errorFormat: 'zuora' } });
      env.sim.faults.failNext(1, { kind: 'serverError', status: 500 });
      expect((await env.call('GET', '/Users')).json()).toMatchObject({ success: false, reasons: [{ code: '50000060' }] });
    });

    it('a reset before processing drops the connection and changes nothing', async () => {
      env = oneId();
      const base = await env.sim.listen();
      env.sim.faults.failNext(1, { kind: 'reset' }, 'PATCH /scim/v2/Users/:id');
      const { id } = await env.createUser();
      const request = fetch(`${base}/scim/v2/Users/${id}`, {
        method: 'PATCH',
        headers: { ...env.auth, 'content-type': 'application/json' },
        body: JSON.stringify(patchOp([{ op: 'replace', path: 'locale', value: 'fr-FR' }])),
      });
      expect(await failureOf(request)).toBe('ECONNRESET');
      expect(env.sim.getUser(id)?.locale).toBe('en-US');
    });

    it('a reset after processing keeps the write, and a retry with the same key replays its result', async () => {
      env = oneId();
      const base = await env.sim.listen();
      env.sim.faults.failNext(1, { kind: 'resetAfter' }, 'POST /scim/v2/Users');
      const post = () =>
        fetch(`${base}/scim/v2/Users`, {
          method: 'POST',
          headers: { ...env.auth, 'content-type': 'application/json', 'idempotency-key': 'after-1' },
          body: JSON.stringify(newUser(env.sim.orgId)),
        });
      expect(await failureOf(post())).toBe('ECONNRESET');
      expect(env.sim.users()).toHaveLength(1);
      const retry = await post();
      expect(retry.status).toBe(201);
      expect((await retry.json()).id).toBe(env.sim.users()[0]?.id);
      expect(env.sim.users()).toHaveLength(1);
    });

    it('a latency fault delays the request before processing, which then happens normally', async () => {
      env = oneId();
      env.sim.faults.failNext(1, { kind: 'latency', ms: 5 }, 'POST /scim/v2/Users');
      expect((await env.call('POST', '/Users', newUser(env.sim.orgId))).statusCode).toBe(201);
      expect(env.sim.calls()).toEqual([{ method: 'POST', route: '/scim/v2/Users', url: '/scim/v2/Users', status: 201, fault: 'latency' }]);
      expect(env.sim.users()).toHaveLength(1);
    });

    it('spares the token endpoint by default and probabilistic faults follow a seed', async () => {
      env = oneId({ faults: { seed: 3, serverErrorRatio: 1 } });
      const token = await env.sim.app.inject({
        method: 'POST',
        url: '/oauth2/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ client_id: env.sim.clientId, client_secret: env.sim.clientSecret, grant_type: 'client_credentials' }).toString(),
      });
      expect(token.statusCode).toBe(200);
      expect((await env.call('GET', '/Users')).statusCode).toBeGreaterThanOrEqual(500);
      env.sim.faults.clear();
      expect((await env.call('GET', '/Users')).statusCode).toBe(200);
    });
  });

  describe('response delays', () => {
    it('processes the request but answers after the client has given up; the retry is replayed', async () => {
      env = oneId();
      const base = await env.sim.listen();
      env.sim.delayResponses(1, 400, { route: 'POST /scim/v2/Users' });
      const post = (signal?: AbortSignal) =>
        fetch(`${base}/scim/v2/Users`, {
          method: 'POST',
          headers: { ...env.auth, 'content-type': 'application/json', 'idempotency-key': 'slow-1' },
          body: JSON.stringify(newUser(env.sim.orgId)),
          ...(signal ? { signal } : {}),
        });
      expect(await failureOf(post(AbortSignal.timeout(50)))).toBe('TimeoutError');
      await expect.poll(() => env.sim.users().length).toBe(1);
      const retry = await post();
      expect(retry.status).toBe(201);
      expect((await retry.json()).id).toBe(env.sim.users()[0]?.id);
      expect(env.sim.pendingDelays()).toEqual([]);
    });

    it('only delays the named route, as many times as asked', async () => {
      const waits: number[] = [];
      env = oneId({ sleep: async (ms) => void waits.push(ms) });
      env.sim.delayResponses(2, 250, { route: 'GET /scim/v2/Users/:id' });
      const { id } = await env.createUser();
      for (let i = 0; i < 3; i += 1) await env.call('GET', `/Users/${id}`);
      await env.call('GET', '/Users');
      expect(waits).toEqual([250, 250]);
    });
  });

  describe('control surface /__sim/', () => {
    it('seeds users and groups and shows the state without the client secret', async () => {
      env = oneId();
      await env.sim.app.inject({ method: 'POST', url: '/__sim/users/seed', payload: { count: 3 } });
      const seeded = await env.sim.app.inject({ method: 'POST', url: '/__sim/groups/seed', payload: { count: 2, membersEach: 2 } });
      expect(seeded.json().groups.map((g: { members: string[] }) => g.members.length)).toEqual([2, 2]);
      const state = (await env.sim.app.inject({ url: '/__sim/state' })).json();
      expect(state).toMatchObject({ orgId: env.sim.orgId, clientId: env.sim.clientId, behaviour: { groupsStartIndex: 'page' } });
      expect(state.users).toHaveLength(3);
      expect(state.groups).toHaveLength(2);
      expect(JSON.stringify(state)).not.toContain(env.sim.clientSecret);
      expect(env.sim.calls()).toEqual([]);
    });

    it('switches behaviours, queues faults and delays, expires tokens', async () => {
      env = oneId();
      const switched = await env.sim.app.inject({ method: 'PUT', url: '/__sim/behaviour', payload: { groupsStartIndex: 'item' } });
      expect(switched.json().groupsStartIndex).toBe('item');
      expect(env.sim.behaviour().groupsStartIndex).toBe('item');
      expect((await env.sim.app.inject({ method: 'PUT', url: '/__sim/behaviour', payload: { groupsStartIndex: 'offset' } })).statusCode).toBe(400);

      await env.sim.app.inject({
        method: 'POST',
        url: '/__sim/faults/fail-next',
        payload: { count: 1, fault: { kind: 'serverError', status: 502 }, route: 'GET /scim/v2/Groups' },
      });
      expect((await env.call('GET', '/Groups')).statusCode).toBe(502);
      expect((await env.call('GET', '/Groups')).statusCode).toBe(200);

      await env.sim.app.inject({ method: 'POST', url: '/__sim/response-delays', payload: { count: 1, ms: 10, route: 'GET /scim/v2/Users' } });
      expect((await env.sim.app.inject({ url: '/__sim/response-delays' })).json().pending).toHaveLength(1);
      await env.sim.app.inject({ method: 'DELETE', url: '/__sim/response-delays' });
      expect(env.sim.pendingDelays()).toEqual([]);

      expect((await env.sim.app.inject({ method: 'POST', url: '/__sim/tokens/expire' })).statusCode).toBe(204);
      expect((await env.call('GET', '/Users')).statusCode).toBe(401);
      expect((await env.sim.app.inject({ url: '/__sim/calls' })).json().calls.map((c: { status: number }) => c.status)).toEqual([502, 200, 401]);
    });

    it('counts calls by route template and is absent when controlSurface is false', async () => {
      env = oneId({ controlSurface: false });
      const { id } = await env.createUser();
      await env.call('GET', `/Users/${id}`);
      await env.call('GET', '/Users/missing');
      expect(env.sim.count('GET', '/scim/v2/Users/:id')).toBe(2);
      expect(env.sim.count('POST', '/scim/v2/Users')).toBe(1);
      env.sim.resetCalls();
      expect(env.sim.calls()).toEqual([]);
      expect((await env.sim.app.inject({ url: '/__sim/state' })).statusCode).toBe(404);
    });
  });
});
