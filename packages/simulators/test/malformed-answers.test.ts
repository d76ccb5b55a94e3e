import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createFaultController, MALFORMED_HTML_PAGE, retypeScalars } from '../src/faults.js';
import { createZuoraOneIdSimulator, type ZuoraOneIdSimulator } from '../src/zuora-oneid/index.js';
import { createZuoraRestSimulator, type ZuoraRestSimulator } from '../src/zuora-rest/index.js';
import { bearer, newUser } from './zuora-rest-helper.js';

/*
 * The malformed-answer faults every simulator shares: an HTML page with 200 before anything happens, and an answer
 * that is cut in half or has every scalar of the wrong type after the route ran.
 */

const sims: Array<ZuoraRestSimulator | ZuoraOneIdSimulator> = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

function zuoraRest() {
  const sim = createZuoraRestSimulator({});
  sims.push(sim);
  return { sim, auth: bearer(sim.issueToken()) };
}

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('malformedHtml', () => {
  it('answers 200 with an HTML page before the route runs: nothing is created', async () => {
    const { sim, auth } = zuoraRest();
    sim.faults.failNext(1, { kind: 'malformedHtml' }, 'POST /v1/users');
    const res = await sim.app.inject({ method: 'POST', url: '/v1/users', headers: auth, payload: newUser() });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toBe(MALFORMED_HTML_PAGE);
    expect(sim.users()).toHaveLength(0);
    expect(sim.calls().at(-1)).toMatchObject({ method: 'POST', route: '/v1/users', status: 200, fault: 'malformedHtml' });
  });
});

describe('truncatedJson', () => {
  it('lets the route run and cuts its answer in half: the user exists, its answer does not parse', async () => {
    const { sim, auth } = zuoraRest();
    sim.faults.failNext(1, { kind: 'truncatedJson' }, 'POST /v1/users');
    const res = await sim.app.inject({ method: 'POST', url: '/v1/users', headers: auth, payload: newUser() });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(res.body.startsWith('{"success":true')).toBe(true);
    expect(parses(res.body)).toBe(false);
    expect(sim.users()).toHaveLength(1);
    // Only the next matching request: the one after it is whole again.
    const again = await sim.app.inject({ method: 'GET', url: `/v1/users/${sim.users()[0]?.id}`, headers: auth });
    expect(again.json()).toMatchObject({ username: 'john@example.com' });
  });

  it("spoils a gzipped answer inside its compression (OneID gzips before the injector's hook)", async () => {
    const sim = createZuoraOneIdSimulator({});
    sims.push(sim);
    sim.seedUsers(20);
    sim.faults.failNext(1, { kind: 'truncatedJson' }, 'GET /scim/v2/Users');
    const res = await sim.app.inject({ method: 'GET', url: '/scim/v2/Users', headers: { ...bearer(sim.issueToken()), 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const text = gunzipSync(res.rawPayload).toString('utf8');
    expect(text.startsWith('{')).toBe(true);
    expect(parses(text)).toBe(false);
  });
});

describe('wrongTypes', () => {
  it("keeps the route's shape and status, with every scalar of another JSON type", async () => {
    const { sim, auth } = zuoraRest();
    const created = await sim.app.inject({ method: 'POST', url: '/v1/users', headers: auth, payload: newUser() });
    const id = created.json().id as string;
    sim.faults.failNext(1, { kind: 'wrongTypes' }, 'GET /v1/users/:id');
    const res = await sim.app.inject({ method: 'GET', url: `/v1/users/${id}`, headers: auth });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.id).toBe(id.length);
    expect(body.username).toBe('john@example.com'.length);
    expect(Object.keys(body).sort()).toEqual(Object.keys((await sim.app.inject({ method: 'GET', url: `/v1/users/${id}`, headers: auth })).json()).sort());
  });

  it('retypes strings as numbers and numbers and booleans as strings, at every depth', () => {
    expect(retypeScalars({ id: 'abc', n: 7, ok: true, none: null, list: [{ v: 'xy' }, 3] })).toEqual({
      id: 3,
      n: '7',
      ok: 'true',
      none: null,
      list: [{ v: 2 }, '3'],
    });
  });
});

describe('the control surface and bodiless answers', () => {
  it('POST /__sim/faults/fail-next takes the new kinds and refuses unknown ones', async () => {
    const { sim } = zuoraRest();
    for (const kind of ['malformedHtml', 'truncatedJson', 'wrongTypes']) {
      const res = await sim.app.inject({ method: 'POST', url: '/__sim/faults/fail-next', payload: { count: 2, fault: { kind }, route: 'GET /v1/users' } });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect(sim.faults.pending().map((p) => p.fault.kind)).toEqual(['malformedHtml', 'truncatedJson', 'wrongTypes']);
    const refused = await sim.app.inject({ method: 'POST', url: '/__sim/faults/fail-next', payload: { count: 1, fault: { kind: 'garbled' } } });
    expect(refused.statusCode).toBe(400);
  });

  it('an answer without a body goes out unchanged', async () => {
    const faults = createFaultController({ render: () => ({ status: 500, body: {} }) });
    const app = Fastify();
    faults.install(app);
    app.delete('/thing', async (_request, reply) => reply.code(204).send());
    faults.failNext(1, { kind: 'truncatedJson' });
    const res = await app.inject({ method: 'DELETE', url: '/thing' });
    expect([res.statusCode, res.body]).toEqual([204, '']);
    await app.close();
  });
});
