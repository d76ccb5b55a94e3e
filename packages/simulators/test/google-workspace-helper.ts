import { createSign, generateKeyPairSync } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { DIRECTORY_PREFIX, JWT_BEARER_GRANT, createGoogleWorkspaceSimulator } from '../src/google-workspace/index.js';
import type { GoogleWorkspaceSimulator, GoogleWorkspaceSimulatorOptions, ServiceAccountKeyFile } from '../src/google-workspace/index.js';

export { DIRECTORY_PREFIX };

/** A clock the test moves by hand. */
export function fakeClock(start = Date.parse('2026-12-07T09:00:00.000Z')) {
  let at = start;
  return { now: () => at, advance: (ms: number) => void (at += ms) };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT-bearer assertion as a Google client library makes one from a key file; `overrides` change its claims. */
export function assertion(key: ServiceAccountKeyFile, nowSeconds: number, claims: Record<string, unknown> = {}, privateKey = key.private_key): string {
  const header = { alg: 'RS256', typ: 'JWT', kid: key.private_key_id };
  const payload = {
    iss: key.client_email,
    aud: key.token_uri,
    iat: nowSeconds,
    exp: nowSeconds + 3600,
    scope: 'https://www.googleapis.com/auth/admin.directory.user.readonly',
    ...claims,
  };
  const input = `${b64(header)}.${b64(payload)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url');
  return `${input}.${signature}`;
}

export const otherPrivateKey = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

export async function requestToken(sim: GoogleWorkspaceSimulator, jwt: string, grantType = JWT_BEARER_GRANT): Promise<LightMyRequestResponse> {
  return sim.app.inject({
    method: 'POST',
    url: '/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: grantType, assertion: jwt }).toString(),
  });
}

/** A seeded simulator on a fake clock, a token as its first admin, and `get` on the Directory API. */
export function workspace(options: GoogleWorkspaceSimulatorOptions = {}) {
  const clock = fakeClock();
  const sim = createGoogleWorkspaceSimulator({ now: clock.now, seed: { users: 30, groups: 4 }, ...options });
  const token = sim.issueToken();
  const get = (path: string, query: Record<string, string> = {}, bearer = token) =>
    sim.app.inject({ method: 'GET', url: `${DIRECTORY_PREFIX}${path}`, query, headers: { authorization: `Bearer ${bearer}` } });
  return { sim, clock, token, get };
}

/** Every page of a listing, following `nextPageToken`: the items of each page, in order. */
export async function allPages(get: (query: Record<string, string>) => Promise<LightMyRequestResponse>, itemsKey: string, query: Record<string, string> = {}) {
  const pages: Array<Array<Record<string, unknown>>> = [];
  let pageToken: string | undefined;
  do {
    const response = await get(pageToken === undefined ? query : { ...query, pageToken });
    if (response.statusCode !== 200) throw new Error(`page ${pages.length + 1}: ${response.statusCode} ${response.body}`);
    const body = response.json<Record<string, unknown>>();
    pages.push((body[itemsKey] as Array<Record<string, unknown>> | undefined) ?? []);
    pageToken = body.nextPageToken as string | undefined;
  } while (pageToken !== undefined);
  return pages;
}
