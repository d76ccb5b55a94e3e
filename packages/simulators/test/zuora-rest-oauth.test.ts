import { afterEach, describe, expect, it } from 'vitest';
import { createZuoraRestSimulator } from '../src/zuora-rest/index.js';
import type { ZuoraRestSimulator } from '../src/zuora-rest/index.js';
import { bearer, fakeClock, fetchToken, reasonOf, tokenForm } from './zuora-rest-helper.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('Zuora REST simulator: POST /oauth/token (Zuora "Create an OAuth token")', () => {
  let sim: ZuoraRestSimulator;
  afterEach(async () => sim.close());

  const requestToken = (payload: string, headers: Record<string, string> = FORM) => sim.app.inject({ method: 'POST', url: '/oauth/token', headers, payload });

  it('generates Zuora-shaped client credentials by default', () => {
    sim = createZuoraRestSimulator();
    expect(sim.clientId).toHaveLength(36);
    expect(sim.clientSecret.length).toBeGreaterThan(0);
    expect(sim.clientSecret.length).toBeLessThanOrEqual(42);
    expect(createZuoraRestSimulator().clientId).not.toBe(sim.clientId);
  });

  it('refuses a configured client id that is not 36 characters', () => {
    sim = createZuoraRestSimulator();
    expect(() => createZuoraRestSimulator({ clientId: 'too-short' })).toThrow(/36 characters/);
  });

  it('issues an opaque 32-hex bearer token for the client credentials grant', async () => {
    sim = createZuoraRestSimulator({ tenantId: '19' });
    const res = await requestToken(tokenForm(sim));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({
      access_token: expect.stringMatching(/^[0-9a-f]{32}$/),
      token_type: 'bearer',
      expires_in: 3599,
      jti: expect.stringMatching(/^[0-9a-f]{32}$/),
      scope: expect.stringContaining('tenant.19'),
    });
    expect(res.headers['zuora-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-ratelimit-limit-minute']).toBe('100');
    const users = await sim.app.inject({ url: '/v1/users', headers: bearer(body.access_token) });
    expect(users.statusCode).toBe(200);
  });

  it('answers unknown credentials with 401 and reason 90000011', async () => {
    sim = createZuoraRestSimulator();
    const res = await requestToken(tokenForm(sim, { client_secret: 'not-the-secret' }));
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ success: false, reasons: [{ code: '90000011' }] });
  });

  it('rejects an Authorization header on the token request, as the doc says not to send one', async () => {
    sim = createZuoraRestSimulator();
    const res = await requestToken(tokenForm(sim), { ...FORM, authorization: 'Basic Zm9vOmJhcg==' });
    expect(res.statusCode).toBe(400);
    expect(reasonOf(res)?.message).toMatch(/authorization/i);
  });

  it('validates the form: grant type, client_id length, missing fields, form encoding', async () => {
    sim = createZuoraRestSimulator();
    expect((await requestToken(tokenForm(sim, { grant_type: 'password' }))).statusCode).toBe(400);
    expect((await requestToken(tokenForm(sim, { client_id: sim.clientId.slice(1) }))).statusCode).toBe(400);
    const missing = await requestToken(new URLSearchParams({ client_id: sim.clientId, grant_type: 'client_credentials' }).toString());
    expect(missing.statusCode).toBe(400);
    expect(reasonOf(missing)).toEqual({ code: '50000022', message: expect.stringContaining('client_secret') });
    const json = await requestToken(JSON.stringify({ client_id: sim.clientId }), { 'content-type': 'application/json' });
    expect(json.statusCode).toBe(415);
  });

  it('accepts a token until its TTL has passed, then answers 401 until the client re-authenticates', async () => {
    const clock = fakeClock();
    sim = createZuoraRestSimulator({ tokenTtlSeconds: 60, now: clock.now });
    const first = await requestToken(tokenForm(sim));
    expect(first.json().expires_in).toBe(60);
    const token = first.json().access_token as string;

    clock.advance(59_000);
    expect((await sim.app.inject({ url: '/v1/users', headers: bearer(token) })).statusCode).toBe(200);
    clock.advance(1_000);
    const expired = await sim.app.inject({ url: '/v1/users', headers: bearer(token) });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ success: false, reasons: [{ code: '90000011', message: expect.any(String) }] });

    const fresh = await fetchToken(sim);
    expect((await sim.app.inject({ url: '/v1/users', headers: bearer(fresh) })).statusCode).toBe(200);
  });

  it('answers 401 for a missing or unknown token', async () => {
    sim = createZuoraRestSimulator();
    expect((await sim.app.inject({ url: '/v1/users' })).statusCode).toBe(401);
    expect((await sim.app.inject({ url: '/v1/users', headers: bearer('0'.repeat(32)) })).statusCode).toBe(401);
  });

  it('invalidates every issued token through faults.expireAllTokens()', async () => {
    sim = createZuoraRestSimulator();
    const token = await fetchToken(sim);
    sim.faults.expireAllTokens();
    expect((await sim.app.inject({ url: '/v1/users', headers: bearer(token) })).statusCode).toBe(401);
  });

  it('can cap token requests per IP address (Zuora: 100 per IP and minute), off by default', async () => {
    sim = createZuoraRestSimulator({ tokenRequestsPerMinutePerIp: 2 });
    expect((await requestToken(tokenForm(sim))).statusCode).toBe(200);
    expect((await requestToken(tokenForm(sim))).headers['x-ratelimit-remaining-minute']).toBe('0');
    const limited = await requestToken(tokenForm(sim));
    expect(limited.statusCode).toBe(429);
    expect(reasonOf(limited)?.code).toBe('50000070');
  });
});
