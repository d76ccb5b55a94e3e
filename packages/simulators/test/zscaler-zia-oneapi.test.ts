import { describe, expect, it } from 'vitest';
import { createZscalerZiaSimulator } from '../src/zscaler-zia/index.js';
import type { ZscalerZiaSimulatorOptions } from '../src/zscaler-zia/index.js';
import { fakeClock } from './zscaler-zia-helper.js';

function oneApi(options: ZscalerZiaSimulatorOptions = {}) {
  const clock = fakeClock();
  const sim = createZscalerZiaSimulator({ now: clock.now, oneApi: true, ...options });
  const creds = sim.oneApi as NonNullable<typeof sim.oneApi>;
  const token = (form: Record<string, string>, headers: Record<string, string> = {}) =>
    sim.app.inject({
      method: 'POST',
      url: '/oauth2/v1/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: new URLSearchParams(form).toString(),
    });
  const form = { grant_type: 'client_credentials', client_id: creds.clientId, client_secret: creds.clientSecret, audience: 'https://api.zscaler.com' };
  return { sim, clock, creds, token, form };
}

describe('ZIA simulator: OneAPI mode (ZH-ONE, docs/upstreams/zscaler-zia.md §8)', () => {
  it('issues a Bearer token for client credentials in the form, with audience https://api.zscaler.com', async () => {
    const env = oneApi();
    const res = await env.token(env.form);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ access_token: expect.stringMatching(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/), token_type: 'Bearer', expires_in: 3600 });
  });

  it('takes the client credentials as HTTP Basic too', async () => {
    const env = oneApi();
    const basic = Buffer.from(`${env.creds.clientId}:${env.creds.clientSecret}`).toString('base64');
    const res = await env.token({ grant_type: 'client_credentials', audience: 'https://api.zscaler.com' }, { authorization: `Basic ${basic}` });
    expect(res.statusCode).toBe(200);
  });

  it.each([
    ['no audience', { audience: '' }],
    ['another audience', { audience: 'https://example.com' }],
    ['a wrong secret', { client_secret: 'nope' }],
    ['another grant', { grant_type: 'password' }],
  ])('answers %s with 400', async (_case, change) => {
    const env = oneApi();
    const res = await env.token({ ...env.form, ...change });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toHaveProperty('error');
  });

  it('serves the same tenant on /zia/api/v1 with Bearer auth and x-ratelimit-* headers', async () => {
    const env = oneApi();
    const { access_token: token } = (await env.token(env.form)).json();
    const seeded = env.sim.seedUsers(1)[0];
    const res = await env.sim.app.inject({ method: 'GET', url: `/zia/api/v1/users/${seeded?.id}`, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.json().email).toBe(seeded?.email);
    expect(res.headers['x-ratelimit-limit']).toBe('2');
    expect(res.headers['x-ratelimit-remaining']).toBe('1');
    expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
    const legacy = await env.sim.app.inject({ method: 'GET', url: `/api/v1/users/${seeded?.id}`, headers: { authorization: `Bearer ${token}` } });
    expect(legacy.statusCode).toBe(401);
    expect(legacy.headers['x-ratelimit-limit']).toBeUndefined();
  });

  it('refuses a missing or expired token with 401', async () => {
    const env = oneApi();
    const token = env.sim.issueToken();
    const get = (headers: Record<string, string>) => env.sim.app.inject({ method: 'GET', url: '/zia/api/v1/status', headers });
    expect((await get({})).statusCode).toBe(401);
    expect((await get({ authorization: `Bearer ${token}` })).statusCode).toBe(200);
    env.clock.advance(3600 * 1000);
    const expired = await get({ authorization: `Bearer ${token}` });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('is off unless asked for', async () => {
    const sim = createZscalerZiaSimulator();
    expect(sim.oneApi).toBeUndefined();
    expect(() => sim.issueToken()).toThrow();
    expect((await sim.app.inject({ method: 'GET', url: '/zia/api/v1/status' })).statusCode).toBe(404);
  });
});
