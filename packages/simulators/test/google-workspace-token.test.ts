import { describe, expect, it } from 'vitest';
import { createGoogleWorkspaceSimulator, READONLY_DIRECTORY_SCOPES } from '../src/google-workspace/index.js';
import { DIRECTORY_PREFIX, assertion, fakeClock, otherPrivateKey, requestToken } from './google-workspace-helper.js';

const USER_SCOPE = 'https://www.googleapis.com/auth/admin.directory.user.readonly';

function setup() {
  const clock = fakeClock();
  const sim = createGoogleWorkspaceSimulator({ now: clock.now, seed: { users: 12, groups: 2 } });
  const key = sim.serviceAccountKey();
  const nowSeconds = () => Math.floor(clock.now() / 1000);
  const admin = sim.adminEmail() ?? '';
  const listUsers = (token: string) =>
    sim.app.inject({ method: 'GET', url: `${DIRECTORY_PREFIX}/users?customer=my_customer`, headers: { authorization: `Bearer ${token}` } });
  return { sim, clock, key, nowSeconds, admin, listUsers };
}

describe('Google Workspace simulator: service-account token endpoint', () => {
  it('issues a bearer token for a correctly signed assertion, which reads the directory', async () => {
    const { sim, key, nowSeconds, admin, listUsers } = setup();
    expect(key).toMatchObject({
      type: 'service_account',
      token_uri: 'http://127.0.0.1/token',
      client_email: expect.stringMatching(/iam\.gserviceaccount\.com$/),
    });
    expect(key.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const response = await requestToken(sim, assertion(key, nowSeconds(), { sub: admin, scope: READONLY_DIRECTORY_SCOPES.join(' ') }));
    expect(response.statusCode).toBe(200);
    const body = response.json<{ access_token: string; expires_in: number; token_type: string }>();
    expect(body).toEqual({ access_token: expect.stringMatching(/^ya29\./), expires_in: 3599, token_type: 'Bearer' });
    const users = await listUsers(body.access_token);
    expect(users.statusCode).toBe(200);
    expect(users.json<{ users: unknown[] }>().users).toHaveLength(12);
  });

  it('refuses an assertion signed with another key, for another audience, expired, too long-lived, or with a bad grant type', async () => {
    const { sim, key, nowSeconds, admin } = setup();
    const cases = [
      assertion(key, nowSeconds(), { sub: admin }, otherPrivateKey()),
      assertion(key, nowSeconds(), { sub: admin, aud: 'https://oauth2.googleapis.com/token' }),
      assertion(key, nowSeconds() - 7200, { sub: admin }),
      assertion(key, nowSeconds(), { sub: admin, exp: nowSeconds() + 3601 }),
      assertion(key, nowSeconds() + 600, { sub: admin }),
      assertion(key, nowSeconds(), { sub: admin, iss: 'someone@else.iam.gserviceaccount.com' }),
    ];
    for (const jwt of cases) {
      const response = await requestToken(sim, jwt);
      expect(response.statusCode, jwt).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.any(String) });
    }
    const wrongGrant = await requestToken(sim, assertion(key, nowSeconds(), { sub: admin }), 'client_credentials');
    expect(wrongGrant.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('refuses scopes domain-wide delegation does not grant (401 unauthorized_client) and an empty scope (invalid_scope)', async () => {
    const { sim, key, nowSeconds, admin } = setup();
    const write = await requestToken(
      sim,
      assertion(key, nowSeconds(), { sub: admin, scope: `${USER_SCOPE} https://www.googleapis.com/auth/admin.directory.user` }),
    );
    expect(write.statusCode).toBe(401);
    expect(write.json()).toMatchObject({ error: 'unauthorized_client' });
    const empty = await requestToken(sim, assertion(key, nowSeconds(), { sub: admin, scope: '' }));
    expect(empty.json()).toMatchObject({ error: 'invalid_scope' });
    sim.setGrantedScopes([...READONLY_DIRECTORY_SCOPES, 'https://www.googleapis.com/auth/admin.directory.user']);
    expect(
      (await requestToken(sim, assertion(key, nowSeconds(), { sub: admin, scope: `${USER_SCOPE} https://www.googleapis.com/auth/admin.directory.user` })))
        .statusCode,
    ).toBe(200);
  });

  it('refuses a subject who is not a user; a plain user or no subject gets a token the Directory API refuses (403 forbidden)', async () => {
    const { sim, key, nowSeconds, admin, listUsers } = setup();
    const stranger = await requestToken(sim, assertion(key, nowSeconds(), { sub: 'nobody@example.com' }));
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json()).toMatchObject({ error: 'invalid_grant' });
    const plain = sim.users().find((u) => !u.isAdmin)?.primaryEmail ?? '';
    for (const claims of [{ sub: plain }, {}]) {
      const token = (await requestToken(sim, assertion(key, nowSeconds(), claims))).json<{ access_token: string }>().access_token;
      const users = await listUsers(token);
      expect(users.statusCode).toBe(403);
      expect(users.json()).toMatchObject({ error: { code: 403, errors: [{ reason: 'forbidden', domain: 'global' }], status: 'PERMISSION_DENIED' } });
    }
    const adminToken = (await requestToken(sim, assertion(key, nowSeconds(), { sub: admin }))).json<{ access_token: string }>().access_token;
    expect((await listUsers(adminToken)).statusCode).toBe(200);
  });

  it('answers 401 in Google’s error format without a token, with an unknown one, and once the token has expired', async () => {
    const { sim, clock, listUsers } = setup();
    const missing = await sim.app.inject({ method: 'GET', url: `${DIRECTORY_PREFIX}/users?customer=my_customer` });
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toMatchObject({ error: { code: 401, errors: [{ reason: 'required' }], status: 'UNAUTHENTICATED' } });
    expect((await listUsers('ya29.unknown')).json()).toMatchObject({ error: { code: 401, errors: [{ reason: 'authError' }] } });
    const token = sim.issueToken();
    clock.advance(3599_000);
    expect((await listUsers(token)).statusCode).toBe(200);
    clock.advance(1_000);
    expect((await listUsers(token)).statusCode).toBe(401);
  });

  it('answers 403 insufficientPermissions to a token without the route’s scope', async () => {
    const { sim } = setup();
    const token = sim.issueToken({ scopes: ['https://www.googleapis.com/auth/admin.directory.group.readonly'] });
    const headers = { authorization: `Bearer ${token}` };
    const users = await sim.app.inject({ method: 'GET', url: `${DIRECTORY_PREFIX}/users?customer=my_customer`, headers });
    expect(users.statusCode).toBe(403);
    expect(users.json()).toMatchObject({ error: { code: 403, errors: [{ reason: 'insufficientPermissions' }], status: 'PERMISSION_DENIED' } });
    expect((await sim.app.inject({ method: 'GET', url: `${DIRECTORY_PREFIX}/groups?customer=my_customer`, headers })).statusCode).toBe(200);
    expect((await sim.app.inject({ method: 'GET', url: `${DIRECTORY_PREFIX}/customer/my_customer/orgunits`, headers })).statusCode).toBe(403);
  });

  it('over HTTP: the key file names the listening URL, and a client reads the directory with the token it gets there', async () => {
    const sim = createGoogleWorkspaceSimulator({ seed: { users: 3 } });
    const url = await sim.listen();
    try {
      const key = sim.serviceAccountKey();
      expect(key.token_uri).toBe(`${url}/token`);
      const jwt = assertion(key, Math.floor(Date.now() / 1000), { sub: sim.adminEmail() });
      const form = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt });
      const token = (await (await fetch(key.token_uri, { method: 'POST', body: form })).json()) as { access_token: string };
      const users = await fetch(`${url}${DIRECTORY_PREFIX}/users?customer=my_customer&fields=users(primaryEmail)`, {
        headers: { authorization: `Bearer ${token.access_token}` },
      });
      expect(await users.json()).toEqual({ users: sim.users().map((u) => ({ primaryEmail: u.primaryEmail })) });
      expect(sim.count('POST', '/token')).toBe(1);
      expect(sim.count('GET', `${DIRECTORY_PREFIX}/users`)).toBe(1);
    } finally {
      await sim.close();
    }
  });
});
