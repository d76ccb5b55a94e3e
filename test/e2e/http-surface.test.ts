import supertest from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/core/idp-credentials.js';
import { SCIM, startZuoraRestHarness, TOKEN, user, type Harness } from '../support/zuora-rest-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});
const start = async (o: Parameters<typeof startZuoraRestHarness>[0] = {}) => (h = await startZuoraRestHarness(o));
const raw = (x: Harness) => supertest(x.bridge.app.server);

const expectScimError = (res: supertest.Response, status: number, scimType?: string) => {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
  expect(res.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  expect(res.body.status).toBe(String(status));
  expect(typeof res.body.detail).toBe('string');
  if (scimType) expect(res.body.scimType).toBe(scimType);
};

describe('content types and bodies (docs/idps.md §8.1)', () => {
  it('accepts application/scim+json and application/json with a charset', async () => {
    const x = await start();
    for (const [i, type] of ['application/scim+json; charset=utf-8', 'application/json;charset=UTF-8', 'text/json'].entries()) {
      await raw(x)
        .post(`${SCIM}/Users`)
        .set('Authorization', `Bearer ${TOKEN}`)
        .set('Content-Type', type)
        .send(JSON.stringify(user(`ct${i}@example.com`)))
        .expect(201);
    }
  });

  it('tolerates a content type on bodiless GET and DELETE (Okta sends one)', async () => {
    const x = await start();
    const { body } = await x.http.post('/Users', user('bodiless@example.com')).expect(201);
    await raw(x)
      .get(`${SCIM}/Users/${body.id}`)
      .set('Authorization', `Bearer ${TOKEN}`)
      .set('Content-Type', 'application/scim+json; charset=utf-8')
      .expect(200);
    await raw(x).delete(`${SCIM}/Users/${body.id}`).set('Authorization', `Bearer ${TOKEN}`).set('Content-Type', 'application/json').expect(204);
  });

  it('answers invalid JSON with 400 invalidSyntax as a SCIM error', async () => {
    const x = await start();
    const res = await raw(x).post(`${SCIM}/Users`).set('Authorization', `Bearer ${TOKEN}`).set('Content-Type', 'application/scim+json').send('{"userName": ');
    expectScimError(res, 400, 'invalidSyntax');
  });

  it('answers an unsupported media type with 415 and an oversized body with 413, both as SCIM errors', async () => {
    const x = await start({ server: { bodyLimitBytes: 2048 } });
    expectScimError(await raw(x).post(`${SCIM}/Users`).set('Authorization', `Bearer ${TOKEN}`).set('Content-Type', 'text/plain').send('userName=a'), 415);
    const big = user('big@example.com', { title: 'x'.repeat(4096) });
    expectScimError(await x.http.post('/Users', big), 413);
  });

  it('rejects a body that is not a User with 400, never 500', async () => {
    const x = await start();
    expectScimError(await x.http.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] }), 400);
    expectScimError(await raw(x).post(`${SCIM}/Users`).set('Authorization', `Bearer ${TOKEN}`).set('Content-Type', 'application/json').send('[1,2]'), 400);
    expectScimError(await x.http.patch('/Users/nope', { Operations: 'x' }), 400);
  });
});

describe('routing leniency', () => {
  it('serves trailing slashes, lower-case paths and ignores unknown query parameters (Entra aadOptscim062020)', async () => {
    const x = await start();
    await x.http.post('/Users', user('route@example.com')).expect(201);
    const f = encodeURIComponent('userName eq route@example.com');
    for (const path of [`/Users/?filter=${f}`, `/users?filter=${f}`, `/Users?aadOptscim062020&filter=${f}`]) {
      const res = await x.http.get(path).expect(200);
      expect(res.body.totalResults).toBe(1);
    }
  });

  it('unknown ids and endpoints are 404 SCIM errors', async () => {
    const x = await start();
    expectScimError(await x.http.get('/Users/does-not-exist'), 404);
    expectScimError(await x.http.get('/Groups/does-not-exist'), 404);
    expectScimError(await x.http.get('/Nothing'), 404);
  });
});

describe('authentication (RFC 6750; docs/idps.md §8.10)', () => {
  it('401 with a SCIM error body and WWW-Authenticate when the token is missing or wrong', async () => {
    const x = await start();
    const missing = await raw(x).get(`${SCIM}/Users`);
    expectScimError(missing, 401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    expectScimError(await raw(x).get(`${SCIM}/Users`).set('Authorization', 'Bearer wrong-token'), 401);
    expectScimError(await raw(x).get(`${SCIM}/Users`).set('Authorization', `Basic ${TOKEN}`), 401);
  });

  it('accepts several tokens at once, for rotation, and audits which one acted', async () => {
    const x = await start({ idpTokens: [{ label: 'rotated-in', sha256: hashToken('second-token') }] });
    await raw(x).get(`${SCIM}/Users`).set('Authorization', 'Bearer second-token').expect(200);
    await raw(x)
      .post(`${SCIM}/Users`)
      .set('Authorization', 'bearer second-token')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(user('rot@example.com')))
      .expect(201);
    const audit = await x.bridge.store.audit.query({ tenant: 'default' });
    expect(audit[0]).toMatchObject({ actor: 'rotated-in', operation: 'createUser', status: 201 });
    expect(JSON.stringify(audit)).not.toContain('second-token');
  });
});

describe('rate limit per credential', () => {
  it('answers 429 with an integer Retry-After and a SCIM error body once the budget is spent', async () => {
    const x = await start({ rateLimit: { max: 3, timeWindowMs: 60_000 } });
    for (let i = 0; i < 3; i++) await x.http.get('/Users').expect(200);
    const limited = await x.http.get('/Users');
    expectScimError(limited, 429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses a client over budget before reading its body, and counts only authenticated credentials', async () => {
    const x = await start({ rateLimit: { max: 2, timeWindowMs: 60_000 } });
    // Wrong tokens are 401s that spend nobody's budget.
    for (let i = 0; i < 3; i++) await raw(x).get(`${SCIM}/Users`).set('Authorization', 'Bearer wrong').expect(401);
    for (let i = 0; i < 2; i++) await x.http.get('/Users').expect(200);
    const limited = await raw(x).post(`${SCIM}/Users`).set('Authorization', `Bearer ${TOKEN}`).set('Content-Type', 'application/scim+json').send('{"not json');
    expectScimError(limited, 429);
  });
});

describe('discovery (RFC 7644 §4; docs/idps.md §8.12)', () => {
  it('lists User first in ResourceTypes and serves the /serviceConfiguration alias', async () => {
    const x = await start();
    const types = await x.http.get('/ResourceTypes').expect(200);
    expect(types.body.Resources.map((r: { id: string }) => r.id)).toEqual(['User', 'Group']);
    expect(types.body.Resources[0]).toMatchObject({
      endpoint: '/Users',
      schemaExtensions: [{ schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', required: false }],
    });
    await x.http.get('/ResourceTypes/Group').expect(200);
    const spc = await x.http.get('/ServiceProviderConfig').expect(200);
    const alias = await x.http.get('/serviceConfiguration').expect(200);
    expect(alias.body.patch).toEqual({ supported: true });
    expect(spc.body).toMatchObject({ patch: { supported: true }, filter: { supported: true }, etag: { supported: true }, bulk: { supported: false } });
  });

  it('publishes full schemas for User, the enterprise extension and Group', async () => {
    const x = await start();
    const res = await x.http.get('/Schemas').expect(200);
    const ids = res.body.Resources.map((s: { id: string }) => s.id);
    expect(ids).toEqual([
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:core:2.0:Group',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    ]);
    const group = await x.http.get('/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group').expect(200);
    expect(group.body.attributes.map((a: { name: string }) => a.name)).toEqual(['displayName', 'members']);
    const userSchema = res.body.Resources[0];
    expect(userSchema.attributes.find((a: { name: string }) => a.name === 'emails').subAttributes.map((a: { name: string }) => a.name)).toEqual([
      'value',
      'display',
      'type',
      'primary',
    ]);
    expectScimError(await x.http.post('/Bulk', {}), 501);
  });
});

describe('search (RFC 7644 §3.4.3)', () => {
  it('POST /Users/.search and POST /.search take a SearchRequest', async () => {
    const x = await start();
    await x.http.post('/Users', user('searched@example.com', { displayName: 'Smith, James' })).expect(201);
    await x.http.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Smith Family' }).expect(201);
    const body = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      attributes: ['displayName', 'userName'],
      filter: 'displayName sw "smith"',
      startIndex: 1,
      count: 10,
    };
    const users = await x.http.post('/Users/.search', body).expect(200);
    expect(users.body.totalResults).toBe(1);
    const all = await x.http.post('/.search', body).expect(200);
    expect(all.body.totalResults).toBe(2);
    expect(all.body.Resources.map((r: { displayName: string }) => r.displayName).sort()).toEqual(['Smith Family', 'Smith, James']);
    expect(Object.keys(all.body.Resources[0]).sort()).toEqual(['displayName', 'id', 'schemas', 'userName']);
  });
});

describe('health', () => {
  it('/healthz and /readyz answer without a token, and say nothing else (details: test/e2e/readiness-disclosure.test.ts)', async () => {
    const x = await start();
    await raw(x).get('/healthz').expect(200, { status: 'ok' });
    await raw(x).get('/readyz').expect(200, { status: 'ready' });
  });

  it('/metrics counts SCIM requests by route template and the upstream calls they caused', async () => {
    const x = await start();
    const { body } = await x.http.post('/Users', user('metered@example.com')).expect(201);
    await x.http.get(`/Users/${body.id}`).expect(200);
    const text = (await raw(x).get('/metrics').expect(200)).text;
    expect(text).toMatch(/scim_bridge_http_requests_total\{[^}]*route="\/scim\/v2\/Users\/:id"[^}]*\} 1/);
    expect(text).toMatch(/scim_bridge_upstream_requests_total\{[^}]*upstream="zuora-rest"[^}]*method="POST"[^}]*\} 1/);
    expect(text).not.toContain(body.id);
  });
});

describe('text no store can hold', () => {
  it('refuses NUL characters and unpaired surrogates in bodies, filters and ids with a 400', async () => {
    const x = await start();
    expectScimError(await x.http.post('/Users', user('nul@example.com', { title: 'a\u0000b' })), 400, 'invalidValue');
    expectScimError(
      await raw(x)
        .post(`${SCIM}/Users`)
        .set('Authorization', `Bearer ${TOKEN}`)
        .set('Content-Type', 'application/json')
        .send('{"userName":"x\\ud800@example.com"}'),
      400,
      'invalidValue',
    );
    expectScimError(await x.http.get('/Users?filter=' + encodeURIComponent('userName eq "a\u0000"')), 400);
    expectScimError(await x.http.get('/Users/%00'), 400);
  });

  it("a broken %-escape, refused by the router before any hook, still carries the request id (the caller's, when sane)", async () => {
    const x = await start();
    const answer = await raw(x).get(`${SCIM}/Users/%E0%A4%A`).set('Authorization', `Bearer ${TOKEN}`).set('X-Request-Id', 'okta-req-42');
    expectScimError(answer, 400);
    expect(answer.headers['x-request-id']).toBe('okta-req-42');
  });
});
