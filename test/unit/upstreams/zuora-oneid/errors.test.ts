import { afterEach, describe, expect, it } from 'vitest';
import { GROUP_SCHEMA } from '../../../../src/scim/resource.js';
import type { UpstreamGroups } from '../../../../src/upstreams/upstream.js';
import { UpstreamError } from '../../../../src/upstreams/upstream-error.js';
import { ctx, idpUser, oneIdHarness, type OneIdHarness } from './harness.js';

let h: OneIdHarness;
afterEach(async () => h.close());

const groupsOf = (harness: OneIdHarness): UpstreamGroups => {
  if (!harness.adapter.groups) throw new Error('native groups expected');
  return harness.adapter.groups;
};

const rejection = async (promise: Promise<unknown>): Promise<UpstreamError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
};

describe.each(['scim', 'zuora'] as const)('OneID failures in the %s error format', (errorFormat) => {
  it('a duplicate userName is a conflict carrying OneID’s words', async () => {
    h = await oneIdHarness({ sim: { behaviour: { errorFormat } } });
    await h.adapter.users.create({ user: idpUser('ada@example.com'), groupNames: [] }, ctx());

    const error = await rejection(h.adapter.users.create({ user: idpUser('ADA@example.com'), groupNames: [] }, ctx()));

    expect(error).toMatchObject({ kind: 'conflict', status: 409 });
    expect(error.message).toContain('already taken');
  });

  it('a member OneID does not know is invalid', async () => {
    h = await oneIdHarness({ sim: { behaviour: { errorFormat } } });
    const error = await rejection(groupsOf(h).create({ schemas: [GROUP_SCHEMA], displayName: 'Billing', members: [{ value: 'nobody' }] }, ctx()));
    expect(error).toMatchObject({ kind: 'invalid', status: 400 });
  });

  it('a group OneID does not know is notFound for a change, undefined for a read', async () => {
    h = await oneIdHarness({ sim: { behaviour: { errorFormat } } });
    const missing = '5b8f0000-0000-4000-8000-000000000000';
    expect(await groupsOf(h).get(missing, ctx())).toBeUndefined();
    const error = await rejection(groupsOf(h).modify(missing, { displayName: 'x', addMemberIds: [], removeMemberIds: [] }, ctx()));
    expect(error).toMatchObject({ kind: 'notFound', status: 404 });
  });

  it.each([
    [{ kind: 'respond', status: 403 } as const, 'unauthorized'],
    [{ kind: 'rateLimit', retryAfterSeconds: 30 } as const, 'rateLimited'],
    [{ kind: 'serverError', status: 500 } as const, 'unavailable'],
    [{ kind: 'serverError', status: 502 } as const, 'unavailable'],
    [{ kind: 'serverError', status: 503 } as const, 'unavailable'],
    [{ kind: 'serverError', status: 504 } as const, 'unavailable'],
  ])('a persistent %j is %s', async (fault, kind) => {
    h = await oneIdHarness({ sim: { behaviour: { errorFormat } }, config: { retry: { maxAttempts: 2 } } });
    await h.adapter.check(ctx());
    h.sim.faults.failNext(5, fault, '/scim/v2/*');

    const error = await rejection(h.adapter.users.get('some-id', ctx()));

    expect(error.kind).toBe(kind);
  });
});

describe('credentials', () => {
  it('a refused client secret is unauthorized, and the secret never appears in the message', async () => {
    h = await oneIdHarness({ config: { clientSecret: 'not-the-secret-0123456789' } });

    const error = await rejection(h.adapter.check(ctx()));

    expect(error.kind).toBe('unauthorized');
    expect(error.message).not.toContain('not-the-secret-0123456789');
  });

  it('fetches a new token when OneID stops accepting the old one', async () => {
    h = await oneIdHarness();
    await h.adapter.check(ctx());
    h.sim.faults.expireAllTokens();

    await h.adapter.check(ctx());

    expect(h.sim.count('POST', '/oauth2/token')).toBe(2);
  });
});
