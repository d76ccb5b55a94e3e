import type { LightMyRequestResponse } from 'fastify';
import type { ZuoraRestSimulator } from '../src/zuora-rest/index.js';

/** A clock the test moves by hand, so expiry and rate windows need no waiting. */
export function fakeClock(start = Date.parse('2026-03-01T09:00:00.000Z')) {
  let at = start;
  return { now: () => at, advance: (ms: number) => void (at += ms) };
}

export function tokenForm(sim: Pick<ZuoraRestSimulator, 'clientId' | 'clientSecret'>, overrides: Record<string, string> = {}): string {
  return new URLSearchParams({
    client_id: sim.clientId,
    client_secret: sim.clientSecret,
    grant_type: 'client_credentials',
    ...overrides,
  }).toString();
}

/** Fetch a token the way a client does: `POST /oauth/token` with a form body. */
export async function fetchToken(sim: ZuoraRestSimulator): Promise<string> {
  const res = await sim.app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: tokenForm(sim),
  });
  return (res.json() as { access_token: string }).access_token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The first reason of a Zuora error envelope. */
export function reasonOf(res: LightMyRequestResponse): { code: string; message: string } | undefined {
  return (res.json() as { reasons?: Array<{ code: string; message: string }> }).reasons?.[0];
}

export const newUser = (overrides: Record<string, unknown> = {}) => ({
  username: 'john@example.com',
  email: 'john@example.com',
  firstName: 'John',
  lastName: 'Smith',
  profileId: 'p-readonly',
  ...overrides,
});
