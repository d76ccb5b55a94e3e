import { describe, expect, it } from 'vitest';
import { ZiaCode, createZscalerZiaSimulator } from '../src/zscaler-zia/index.js';
import { loginBody, sessionCookie, zia } from './zscaler-zia-helper.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('ZIA simulator: session authentication (docs/upstreams/zscaler-zia.md §2, §3)', () => {
  const post = (env: ReturnType<typeof zia>, payload: unknown, headers: Record<string, string> = {}) =>
    env.sim.app.inject({ method: 'POST', url: '/api/v1/authenticatedSession', payload: payload as object, headers });

  describe('POST /authenticatedSession', () => {
    it('answers the SessionInfo and sets JSESSIONID (32 hex; Path=/; Secure; HttpOnly)', async () => {
      const env = zia();
      const res = await post(env, loginBody(env.sim, env.clock.now()));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ authType: 'ADMIN_LOGIN', obfuscateApiKey: true, passwordExpiryTime: -1, passwordExpiryDays: -1 });
      expect(res.headers['set-cookie']).toMatch(/^JSESSIONID=[0-9A-F]{32}; Path=\/; Secure; HttpOnly$/);
      const cookie = `JSESSIONID=${sessionCookie(res)}`;
      expect((await env.sim.app.inject({ method: 'GET', url: '/api/v1/status', headers: { cookie } })).statusCode).toBe(200);
    });

    it('also takes the timestamp as a JSON number', async () => {
      const env = zia();
      const body = loginBody(env.sim, env.clock.now());
      expect((await post(env, { ...body, timestamp: Number(body.timestamp) })).statusCode).toBe(200);
    });

    it('answers a wrong username or password with 400 INVALID_USERNAME_OR_PASSWORD and no cookie', async () => {
      const env = zia();
      for (const wrong of [{ username: 'someone@example.com' }, { password: 'nope' }]) {
        const res = await post(env, loginBody(env.sim, env.clock.now(), wrong));
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({ code: 'INVALID_USERNAME_OR_PASSWORD', message: 'Invalid email or password' });
        expect(res.headers['set-cookie']).toBeUndefined();
      }
      expect(env.sim.liveSessions()).toBe(1); // only the helper's own session
    });

    it('recomputes the key from the request timestamp: the raw key, or a key made for another timestamp, is refused with 401', async () => {
      const env = zia();
      const now = env.clock.now();
      const raw = await post(env, loginBody(env.sim, now, { apiKey: env.sim.apiKey }));
      expect(raw.statusCode).toBe(401);
      expect(raw.json()).toMatchObject({ code: ZiaCode.invalidApiKey });
      const stale = loginBody(env.sim, now - 1);
      expect((await post(env, { ...stale, timestamp: String(now) })).statusCode).toBe(401);
    });

    it('accepts a timestamp up to two hours from the server clock, and refuses one further away', async () => {
      const env = zia();
      const now = env.clock.now();
      expect((await post(env, loginBody(env.sim, now - 2 * HOUR))).statusCode).toBe(200);
      expect((await post(env, loginBody(env.sim, now + 2 * HOUR))).statusCode).toBe(200);
      expect((await post(env, loginBody(env.sim, now - 2 * HOUR - 1))).statusCode).toBe(401);
      expect((await post(env, loginBody(env.sim, now + 2 * HOUR + 1))).statusCode).toBe(401);
    });

    it('can answer a bad key exactly like bad credentials (400) when switched', async () => {
      const env = zia({ behaviour: { badApiKeyStatus: 400 } });
      const res = await post(env, loginBody(env.sim, env.clock.now() - 3 * HOUR));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ code: 'INVALID_USERNAME_OR_PASSWORD', message: 'Invalid email or password' });
    });

    it('requires every field (400) and a JSON content type (415)', async () => {
      const env = zia();
      const { password: _omitted, ...noPassword } = loginBody(env.sim, env.clock.now());
      expect((await post(env, noPassword)).json()).toMatchObject({ code: 'INVALID_INPUT_ARGUMENT' });
      const form = new URLSearchParams(loginBody(env.sim, env.clock.now())).toString();
      const res = await post(env, form, { 'content-type': 'application/x-www-form-urlencoded' });
      expect(res.statusCode).toBe(415);
      expect(res.json()).toMatchObject({ code: ZiaCode.unsupportedMediaType });
    });
  });

  describe('using the session', () => {
    it('accepts the JSESSIONID cookie and, as ZSDK sends it, the JSessionID header; anything else is 401 SESSION_NOT_VALID', async () => {
      const env = zia();
      const id = env.sim.issueSession();
      const get = (headers: Record<string, string>) => env.sim.app.inject({ method: 'GET', url: '/api/v1/users', headers });
      expect((await get({ cookie: `theme=dark; JSESSIONID=${id}` })).statusCode).toBe(200);
      expect((await get({ JSessionID: id })).statusCode).toBe(200);
      const refused: Array<Record<string, string>> = [{}, { cookie: 'JSESSIONID=0123456789ABCDEF0123456789ABCDEF' }];
      for (const headers of refused) {
        const res = await get(headers);
        expect(res.statusCode).toBe(401);
        expect(res.json()).toEqual({ code: 'SESSION_NOT_VALID', message: 'Session is not authenticated or timed out' });
      }
    });

    it('expires after five idle minutes; each request restarts the idle time', async () => {
      const env = zia({ sessionMaxAgeSeconds: 3600 });
      await env.login();
      env.clock.advance(5 * MINUTE - 1);
      expect((await env.call('GET', '/status')).statusCode).toBe(200);
      env.clock.advance(5 * MINUTE - 1);
      expect((await env.call('GET', '/status')).statusCode).toBe(200);
      env.clock.advance(5 * MINUTE);
      expect((await env.call('GET', '/status')).json()).toMatchObject({ code: 'SESSION_NOT_VALID' });
    });

    it('expires five minutes after login however busy it is, unless configured otherwise', async () => {
      const busy = zia();
      await busy.login();
      for (let i = 0; i < 4; i += 1) {
        busy.clock.advance(MINUTE);
        expect((await busy.call('GET', '/status')).statusCode).toBe(200);
      }
      busy.clock.advance(MINUTE);
      expect((await busy.call('GET', '/status')).statusCode).toBe(401);

      const longLived = zia({ sessionMaxAgeSeconds: 3600 });
      await longLived.login();
      for (let i = 0; i < 10; i += 1) longLived.clock.advance(4 * MINUTE);
      expect((await longLived.call('GET', '/status')).statusCode).toBe(401); // idle for 40 minutes
      await longLived.login();
      for (let i = 0; i < 10; i += 1) {
        longLived.clock.advance(4 * MINUTE);
        expect((await longLived.call('GET', '/status')).statusCode).toBe(200);
      }
    });

    it('GET /authenticatedSession reports authType only while the session lives', async () => {
      const env = zia();
      await env.login();
      expect((await env.call('GET', '/authenticatedSession')).json()).toMatchObject({ authType: 'ADMIN_LOGIN' });
      env.clock.advance(5 * MINUTE);
      const expired = await env.call('GET', '/authenticatedSession');
      expect(expired.statusCode).toBe(200);
      expect(expired.json()).toEqual({});
    });

    it('DELETE /authenticatedSession logs out: the session is gone, a second logout is 401', async () => {
      const env = zia();
      await env.login();
      const out = await env.call('DELETE', '/authenticatedSession');
      expect(out.statusCode).toBe(200);
      expect(out.json()).toEqual({ status: 'ACTIVE' });
      expect((await env.call('GET', '/users')).statusCode).toBe(401);
      expect((await env.call('DELETE', '/authenticatedSession')).statusCode).toBe(401);
    });

    it('expireAllSessions (and /__sim/tokens/expire) ends every session on demand', async () => {
      const env = zia();
      await env.login();
      env.sim.expireAllSessions();
      expect((await env.call('GET', '/users')).json()).toMatchObject({ code: 'SESSION_NOT_VALID' });
      await env.login();
      expect((await env.sim.app.inject({ method: 'POST', url: '/__sim/tokens/expire' })).statusCode).toBe(204);
      expect((await env.call('GET', '/users')).statusCode).toBe(401);
      expect(env.sim.liveSessions()).toBe(0);
    });
  });

  describe('over a real socket, at a configurable prefix', () => {
    it('logs in with fetch, then calls with the cookie it got', async () => {
      const sim = createZscalerZiaSimulator({ apiPrefix: '/zsapi/api/v1' });
      const base = `${await sim.listen()}/zsapi/api/v1`;
      try {
        const login = await fetch(`${base}/authenticatedSession`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(loginBody(sim, Date.now())),
        });
        expect(login.status).toBe(200);
        const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        expect(cookie).toMatch(/^JSESSIONID=[0-9A-F]{32}$/);
        const users = await fetch(`${base}/users`, { headers: { cookie } });
        expect(users.status).toBe(200);
        expect(await users.json()).toEqual([]);
        expect(sim.count('GET', '/zsapi/api/v1/users')).toBe(1);
      } finally {
        await sim.close();
      }
    });
  });
});
