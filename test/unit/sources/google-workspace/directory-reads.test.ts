import { createGoogleWorkspaceSimulator, DIRECTORY_PREFIX, type GoogleWorkspaceSimulator } from '@scim-bridge/simulators/google-workspace';
import { afterEach, describe, expect, it } from 'vitest';

import { googleWorkspaceConfigSchema } from '../../../../src/sources/google-workspace/google-workspace-config.js';
import { createGoogleWorkspaceSource } from '../../../../src/sources/google-workspace/google-workspace-source.js';
import type { IdentitySource, SourceGroup, SourceUser } from '../../../../src/sources/identity-source.js';
import { newUpstreamContext } from '../../../../src/upstreams/call-record.js';
import { UpstreamError } from '../../../../src/upstreams/upstream-error.js';
import { testServiceAccountKey } from './test-key.js';

/*
 * The source against the Directory API simulator (packages/simulators/src/google-workspace/) over a real listener:
 * what it asks Google for, how many calls a snapshot costs, and what it makes of Google's refusals.
 */

const USERS = `${DIRECTORY_PREFIX}/users`;
const GROUPS = `${DIRECTORY_PREFIX}/groups`;
const MEMBERS = `${DIRECTORY_PREFIX}/groups/:groupKey/members`;

let sim: GoogleWorkspaceSimulator | undefined;
let source: IdentitySource | undefined;
afterEach(async () => {
  await source?.close();
  await sim?.close();
  sim = source = undefined;
});

async function setUp(
  seed: { users: number; groups?: number },
  config: Record<string, unknown> = {},
  key?: (k: Record<string, unknown>) => Record<string, unknown>,
) {
  sim = createGoogleWorkspaceSimulator({ seed });
  const url = await sim.listen(0, '127.0.0.1');
  const keyFile = sim.serviceAccountKey() as unknown as Record<string, unknown>;
  const parsed = googleWorkspaceConfigSchema.parse({
    type: 'google-workspace',
    key: JSON.stringify(key ? key(keyFile) : keyFile),
    subject: sim.adminEmail(),
    baseUrlOverride: url,
    // Quick retries, so that a test of backoff takes milliseconds.
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...config,
  });
  source = createGoogleWorkspaceSource(parsed);
  return { sim, source, email: keyFile.client_email as string, pem: keyFile.private_key as string };
}

async function readAll<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const page of pages) out.push(page);
  return out;
}

const failureOf = async (run: () => Promise<unknown>): Promise<UpstreamError> => {
  try {
    await run();
  } catch (e) {
    if (e instanceof UpstreamError) return e;
    throw e;
  }
  throw new Error('expected an UpstreamError');
};

const query = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);

describe('reading users from the Directory API', () => {
  it('reads 1,201 users in three pages of 500, one token, only the mapped fields, suspended and archived included', async () => {
    const { sim, source } = await setUp({ users: 1201 });
    const pages = await readAll(source.users(newUpstreamContext('t')));

    expect(pages.map((p) => p.length)).toEqual([500, 500, 201]);
    expect(sim.count('GET', USERS)).toBe(3);
    expect(sim.count('POST', '/token')).toBe(1);
    const first = query(sim.calls().find((c) => c.route === USERS)?.url ?? '');
    expect(first).toMatchObject({ customer: 'my_customer', maxResults: '500', projection: 'full' });
    expect(first.fields).toMatch(/^nextPageToken,users\(id,primaryEmail,name\(/);
    expect(first.showDeleted).toBeUndefined();

    const users: SourceUser[] = pages.flat();
    const google = sim.users();
    expect(users.map((u) => u.sourceId).sort()).toEqual(google.map((u) => u.id).sort());
    const inactive = google.filter((u) => u.suspended || u.archived).map((u) => u.id);
    expect(inactive.length).toBeGreaterThan(0);
    expect(
      users
        .filter((u) => u.user.active === false)
        .map((u) => u.sourceId)
        .sort(),
    ).toEqual(inactive.sort());
    const someone = google[7];
    expect(users.find((u) => u.sourceId === someone?.id)?.user).toMatchObject({
      userName: someone?.primaryEmail,
      name: { givenName: someone?.name.givenName, familyName: someone?.name.familyName },
      title: someone?.organizations[0]?.title,
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: someone?.organizations[0]?.department },
    });
  });

  it('reuses its token across reads', async () => {
    const { sim, source } = await setUp({ users: 3 });
    await readAll(source.users(newUpstreamContext('a')));
    await readAll(source.users(newUpstreamContext('b')));
    await source.check(newUpstreamContext('c'));
    expect(sim.count('POST', '/token')).toBe(1);
    expect(sim.count('GET', USERS)).toBe(3);
  });

  it('fetches a new token before the one it holds expires, not after', async () => {
    let now = Date.parse('2026-12-07T09:00:00Z');
    const clock = { now: () => now, sleep: async () => undefined, setTimer: () => ({ cancel: () => undefined }) };
    sim = createGoogleWorkspaceSimulator({ seed: { users: 3 }, now: clock.now, tokenTtlSeconds: 600 });
    const url = await sim.listen(0, '127.0.0.1');
    const config = googleWorkspaceConfigSchema.parse({
      type: 'google-workspace',
      key: JSON.stringify(sim.serviceAccountKey()),
      subject: sim.adminEmail(),
      baseUrlOverride: url,
    });
    source = createGoogleWorkspaceSource(config, { clock });
    await source.check(newUpstreamContext('1'));
    now += 545_000; // within the token's life, but inside the last minute the bridge keeps as a margin
    await source.check(newUpstreamContext('2'));
    expect(sim.count('POST', '/token')).toBe(2);
    expect(
      sim
        .calls()
        .filter((c) => c.route === USERS)
        .map((c) => c.status),
    ).toEqual([200, 200]);
  });

  it('keeps to its queries-per-minute budget by waiting, not by failing', async () => {
    let now = Date.parse('2026-12-07T09:00:00Z');
    const waits: number[] = [];
    const clock = {
      now: () => now,
      sleep: async (ms: number) => {
        waits.push(ms);
        now += ms;
      },
      setTimer: () => ({ cancel: () => undefined }),
    };
    sim = createGoogleWorkspaceSimulator({ seed: { users: 1201 }, now: clock.now });
    const url = await sim.listen(0, '127.0.0.1');
    const config = googleWorkspaceConfigSchema.parse({
      type: 'google-workspace',
      key: JSON.stringify(sim.serviceAccountKey()),
      subject: sim.adminEmail(),
      baseUrlOverride: url,
      queriesPerMinute: 2,
    });
    source = createGoogleWorkspaceSource(config, { clock });
    const pages = await readAll(source.users(newUpstreamContext('b')));
    expect(pages.flat()).toHaveLength(1201);
    // Two queries in the first minute; the third waits out the rest of it.
    expect(waits).toEqual([60_000]);
    expect(sim.count('GET', USERS)).toBe(3);
  });

  it("rides out Google's quota answers (403 userRateLimitExceeded, quotaExceeded) with backoff", async () => {
    const { sim, source } = await setUp({ users: 20 });
    sim.failQuota(1, 'userRateLimitExceeded', `GET ${USERS}`);
    sim.failQuota(1, 'quotaExceeded', `GET ${USERS}`);
    const ctx = newUpstreamContext('q');
    const pages = await readAll(source.users(ctx));
    expect(pages.flat()).toHaveLength(20);
    expect(
      sim
        .calls()
        .filter((c) => c.route === USERS)
        .map((c) => c.status),
    ).toEqual([403, 403, 200]);
    expect(ctx.calls.filter((c) => c.path === USERS).map((c) => c.attempt)).toEqual([1, 2, 3]);
  });

  it('throws when a page fails for good: page 3 of 3, after the two before it', async () => {
    const { sim, source } = await setUp({ users: 1100 }, { retry: { maxAttempts: 1 } });
    sim.failPage(`GET ${USERS}`, 3, 503);
    const seen: number[] = [];
    const error = await failureOf(async () => {
      for await (const page of source.users(newUpstreamContext('p'))) seen.push(page.length);
    });
    expect(seen).toEqual([500, 500]);
    expect(error.kind).toBe('unavailable');
    expect(error.status).toBe(503);
  });

  it('reads only the org units in scope, sub-units included, with the org unit scope', async () => {
    const { sim, source } = await setUp({ users: 60 }, { orgUnits: ['/Engineering'] });
    const users = (await readAll(source.users(newUpstreamContext('o')))).flat();
    const expected = sim.users().filter((u) => u.orgUnitPath === '/Engineering' || u.orgUnitPath.startsWith('/Engineering/'));
    expect(expected.length).toBeGreaterThan(0);
    expect(users.map((u) => u.sourceId).sort()).toEqual(expected.map((u) => u.id).sort());
    expect(query(sim.calls().find((c) => c.route === USERS)?.url ?? '').query).toBe("orgUnitPath='/Engineering'");
  });
});

describe('reading groups and their members', () => {
  it('lists each group once and its members flattened by Google (includeDerivedMembership), users only', async () => {
    const { sim, source } = await setUp({ users: 40, groups: 3 });
    const groups: SourceGroup[] = (await readAll(source.groups(newUpstreamContext('g')))).flat();

    expect(sim.count('GET', GROUPS)).toBe(1);
    expect(sim.count('GET', MEMBERS)).toBe(3);
    const memberCall = query(sim.calls().find((c) => c.route === MEMBERS)?.url ?? '');
    expect(memberCall).toMatchObject({ includeDerivedMembership: 'true', maxResults: '200', fields: 'nextPageToken,members(id,type)' });

    const [top, middle, bottom] = sim.groups();
    const direct = (id: string | undefined) =>
      id === undefined
        ? []
        : sim
            .members(id)
            .filter((m) => m.type === 'USER')
            .map((m) => m.memberId);
    // The seed nests the third group in the second and the second in the first.
    const expectedTop = new Set([...direct(top?.id), ...direct(middle?.id), ...direct(bottom?.id)]);
    const got = groups.find((g) => g.sourceId === top?.id);
    expect(got?.displayName).toBe(top?.name);
    expect(new Set(got?.memberSourceIds)).toEqual(expectedTop);
    expect(got?.memberSourceIds).toHaveLength(expectedTop.size);
    expect(got?.memberSourceIds).not.toContain(middle?.id);
  });

  it('scoped by groups: reads those groups only, and only users who are their members', async () => {
    // The seed names its fourth group Sales (packages/simulators/src/google-workspace/seed.ts).
    const { sim, source: scoped } = await setUp({ users: 40, groups: 4 }, { groups: ['sales@example.com'] });
    const last = sim.groups()[3];
    expect(last?.email).toBe('sales@example.com');
    const groups = (await readAll(scoped.groups(newUpstreamContext('s')))).flat();
    expect(groups.map((g) => g.displayName)).toEqual([last?.name]);
    const users = (await readAll(scoped.users(newUpstreamContext('u')))).flat();
    expect(users.map((u) => u.sourceId).sort()).toEqual([...(groups[0]?.memberSourceIds ?? [])].sort());
  });

  it('scoped by groups: one snapshot (users, then groups, on one context) lists the groups and their members once', async () => {
    const { sim, source: scoped } = await setUp({ users: 40, groups: 4 }, { groups: ['sales@example.com'] });
    const ctx = newUpstreamContext('snapshot');
    const users = (await readAll(scoped.users(ctx))).flat();
    const groups = (await readAll(scoped.groups(ctx))).flat();
    expect(new Set(users.map((u) => u.sourceId))).toEqual(new Set(groups[0]?.memberSourceIds));
    expect([sim.count('GET', GROUPS), sim.count('GET', MEMBERS)]).toEqual([1, 1]);
    // The next snapshot reads afresh.
    await readAll(scoped.groups(newUpstreamContext('next')));
    expect([sim.count('GET', GROUPS), sim.count('GET', MEMBERS)]).toEqual([2, 2]);
  });
});

describe("the source's credentials", () => {
  it('a wrong key is refused at the token endpoint: the error names the service account, never the key or the assertion', async () => {
    const other = testServiceAccountKey().pem;
    const { sim, source, email } = await setUp({ users: 3 }, {}, (k) => ({ ...k, private_key: other }));
    const error = await failureOf(() => readAll(source.users(newUpstreamContext('w'))));
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toContain(email);
    expect(error.message).toContain('invalid_grant');
    expect(error.message).not.toMatch(/PRIVATE KEY|eyJ/);
    expect(sim.count('GET', USERS)).toBe(0);
  });

  it('the key of another service account is refused, naming that account', async () => {
    const { source } = await setUp({ users: 3 }, {}, (k) => ({ ...k, client_email: 'someone-else@other.iam.gserviceaccount.com' }));
    const error = await failureOf(() => source.check(newUpstreamContext('o')));
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toContain('someone-else@other.iam.gserviceaccount.com');
  });

  it('a delegation without a needed scope is refused, naming the account', async () => {
    const { sim, source, email } = await setUp({ users: 3 });
    sim.setGrantedScopes(['https://www.googleapis.com/auth/admin.directory.group.readonly']);
    const error = await failureOf(() => source.check(newUpstreamContext('s')));
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toContain(email);
    expect(error.message).toContain('unauthorized_client');
  });
});
