import type { LightMyRequestResponse } from 'fastify';
import { URN, createZuoraOneIdSimulator } from '../src/zuora-oneid/index.js';
import type { ZuoraOneIdSimulatorOptions } from '../src/zuora-oneid/index.js';

export { URN };

/** A clock the test moves by hand, so expiry needs no waiting. */
export function fakeClock(start = Date.parse('2026-03-01T09:00:00.000Z')) {
  let at = start;
  return { now: () => at, advance: (ms: number) => void (at += ms) };
}

/** The createAUser sample body, made valid for `orgId` (the sample's request is a one-element array of this). */
export function newUser(orgId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [URN.userExtension, URN.user],
    name: { givenName: 'Amy', familyName: 'Lawrence', formatted: 'Amy Lawrence' },
    active: true,
    emails: [{ value: 'amy+Lawrence@zuora.com', type: 'work', primary: true }],
    roles: [{ value: 'ADMIN' }],
    externalId: 'asdasdasdS',
    userName: 'amy+test102',
    preferredLanguage: 'en',
    locale: 'en-US',
    [URN.userExtension]: { schemas: [URN.userExtension], organizationId: orgId },
    ...overrides,
  };
}

export function newGroup(orgId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [URN.group, URN.groupExtension],
    displayName: 'Amy Laurance test scim',
    [URN.groupExtension]: { schemas: [URN.groupExtension], description: '', organizationId: orgId },
    ...overrides,
  };
}

export const patchOp = (operations: unknown[], key = 'operations') => ({ schemas: [URN.patchOp], [key]: operations });

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A simulator, a token, and a `call` that sends JSON with that token. */
export function oneId(options: ZuoraOneIdSimulatorOptions = {}) {
  const sim = createZuoraOneIdSimulator(options);
  const auth = { authorization: `Bearer ${sim.issueToken()}` };
  const call = (method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    sim.app.inject({
      method,
      url: `/scim/v2${url}`,
      headers: { ...auth, ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const createUser = async (overrides: Record<string, unknown> = {}) => {
    const res = await call('POST', '/Users', newUser(sim.orgId, overrides));
    if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
    return res.json() as Record<string, unknown> & { id: string };
  };
  return { sim, auth, call, createUser };
}

/** `detail` of an RFC 7644 error body. */
export const detailOf = (res: LightMyRequestResponse): string => (res.json() as { detail?: string }).detail ?? '';

export const filterQuery = (filter: string) => `filter=${encodeURIComponent(filter)}`;
