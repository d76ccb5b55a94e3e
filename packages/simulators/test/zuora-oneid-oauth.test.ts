import { afterEach, describe, expect, it } from 'vitest';
import { createZuoraOneIdSimulator } from '../src/zuora-oneid/index.js';
import type { ZuoraOneIdSimulator } from '../src/zuora-oneid/index.js';
import { fakeClock } from './zuora-oneid-helper.js';

const form = (fields: Record<string, string>) => ({
  method: 'POST' as const,
  url: '/oauth2/token',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

const decode = (part: string | undefined) => JSON.parse(Buffer.from(part ?? '', 'base64url').toString()) as Record<string, unknown>;

describe('Zuora OneID simulator: POST /oauth2/token and bearer auth (docs/upstreams/zuora-oneid.md §1)', () => {
  let sim: ZuoraOneIdSimulator;
  afterEach(async () => sim.close());
  const credentials = () => ({ client_id: sim.clientId, client_secret: sim.clientSecret, grant_type: 'client_credentials' });

  it('issues a Bearer JWT scoped "admin <orgId>" for one hour, as in the SCIM tag page sample', async () => {
    const clock = fakeClock();
    sim = createZuoraOneIdSimulator({ now: clock.now, orgId: 'ec141dc2-901e-4813-a25d-ef480cff1e26' });
    const res = await sim.app.inject(form(credentials()));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({ access_token: expect.any(String), scope: 'admin ec141dc2-901e-4813-a25d-ef480cff1e26', token_type: 'Bearer', expires_in: 3600 });
    const [header, payload, signature] = body.access_token.split('.');
    expect(signature).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decode(header)).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    const iat = clock.now() / 1000;
    expect(decode(payload)).toMatchObject({ sub: sim.clientId, aud: sim.clientId, scope: ['admin', sim.orgId], iat, nbf: iat, exp: iat + 3600 });
  });

  it('accepts the token on /scim/v2 until its configured lifetime is over, then answers 401', async () => {
    const clock = fakeClock();
    sim = createZuoraOneIdSimulator({ now: clock.now, tokenTtlSeconds: 60 });
    const { access_token: token, expires_in: ttl } = (await sim.app.inject(form(credentials()))).json();
    expect(ttl).toBe(60);
    const get = () => sim.app.inject({ url: '/scim/v2/Users', headers: { authorization: `Bearer ${token}` } });
    expect((await get()).statusCode).toBe(200);
    clock.advance(59_000);
    expect((await get()).statusCode).toBe(200);
    clock.advance(1_000);
    const expired = await get();
    expect(expired.statusCode).toBe(401);
    expect(expired.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(expired.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
  });

  it('answers 401 with a JSON body for a missing or unknown token, on every SCIM route', async () => {
    sim = createZuoraOneIdSimulator();
    for (const url of ['/scim/v2/Users', '/scim/v2/Groups', '/scim/v2/ServiceProviderConfig', '/scim/v2/Schemas']) {
      const missing = await sim.app.inject({ url });
      expect(missing.statusCode).toBe(401);
      expect(missing.headers['content-type']).toMatch(/^application\/json/);
      const unknown = await sim.app.inject({ url, headers: { authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln' } });
      expect(unknown.statusCode).toBe(401);
    }
    const created = await sim.app.inject({ method: 'POST', url: '/scim/v2/Users', payload: {} });
    expect(created.statusCode).toBe(401);
    expect(sim.users()).toEqual([]);
  });

  it('invalidates every issued token through the fault controller', async () => {
    sim = createZuoraOneIdSimulator();
    const headers = { authorization: `Bearer ${sim.issueToken()}` };
    expect((await sim.app.inject({ url: '/scim/v2/Users', headers })).statusCode).toBe(200);
    sim.faults.expireAllTokens();
    expect((await sim.app.inject({ url: '/scim/v2/Users', headers })).statusCode).toBe(401);
    const fresh = (await sim.app.inject(form(credentials()))).json().access_token;
    expect((await sim.app.inject({ url: '/scim/v2/Users', headers: { authorization: `Bearer ${fresh}` } })).statusCode).toBe(200);
  });

  it('refuses bad token requests with RFC 6749 §5.2 errors (undocumented by Zuora)', async () => {
    sim = createZuoraOneIdSimulator();
    const wrongSecret = await sim.app.inject(form({ ...credentials(), client_secret: 'nope' }));
    expect(wrongSecret.statusCode).toBe(401);
    expect(wrongSecret.json()).toMatchObject({ error: 'invalid_client' });
    const wrongGrant = await sim.app.inject(form({ ...credentials(), grant_type: 'authorization_code' }));
    expect(wrongGrant.statusCode).toBe(400);
    expect(wrongGrant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const { client_secret: _omitted, ...withoutSecret } = credentials();
    expect((await sim.app.inject(form(withoutSecret))).json()).toMatchObject({ error: 'invalid_request' });
  });

  it('can answer unknown client credentials with 400 instead', async () => {
    sim = createZuoraOneIdSimulator({ invalidClientStatus: 400 });
    expect((await sim.app.inject(form({ ...credentials(), client_id: 'someone-else' }))).statusCode).toBe(400);
  });
});
