import { afterEach, describe, expect, it } from 'vitest';
import { patchOp } from '../support/scim-requests.js';
import { startZuoraOneIdHarness, type OneIdHarness } from '../support/zuora-oneid-harness.js';
import { user } from '../support/zuora-rest-harness.js';

let h: OneIdHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const upstreamUser = (x: OneIdHarness, userName: string) => x.sim.users().find((u) => u.userName.toLowerCase() === userName.toLowerCase());

describe('Zuora OneID through the bridge: what any IdP (curl included) gets', () => {
  it('a plain RFC create works: the bridge fills organizationId, language, locale, roles and externalId', async () => {
    h = await startZuoraOneIdHarness();
    const res = await h.http
      .post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'curl@example.com', emails: [{ value: 'curl@example.com' }] })
      .expect(201);
    expect(res.body).toMatchObject({ userName: 'curl@example.com', active: true });
    const up = upstreamUser(h, 'curl@example.com');
    expect(up).toMatchObject({ organizationId: h.sim.orgId, preferredLanguage: 'en', locale: 'en-US', roles: ['USER'], externalId: 'curl@example.com' });
    expect(h.upstreamCalls('POST', '/scim/v2/Users')).toBe(1);
  });

  it('DELETE deactivates upstream, the id is gone for the IdP, and a later create revives that user', async () => {
    h = await startZuoraOneIdHarness();
    const first = await h.http.post('/Users', user('gone@example.com')).expect(201);
    await h.http.delete(`/Users/${first.body.id}`).expect(204);
    expect(upstreamUser(h, 'gone@example.com')).toMatchObject({ active: false, status: 'INACTIVE' });
    await h.http.get(`/Users/${first.body.id}`).expect(404);
    await h.http.patch(`/Users/${first.body.id}`, patchOp({ op: 'replace', path: 'title', value: 'x' })).expect(404);
    const again = await h.http.post('/Users', user('gone@example.com', { title: 'Back' })).expect(201);
    expect(again.body.id).not.toBe(first.body.id);
    expect(h.sim.users().filter((u) => u.userName === 'gone@example.com')).toHaveLength(1);
    expect(upstreamUser(h, 'gone@example.com')).toMatchObject({ active: true, status: 'ACTIVE' });
  });

  it('PATCH active=false deactivates and the user still reads back, inactive', async () => {
    h = await startZuoraOneIdHarness();
    const { body } = await h.http.post('/Users', user('paused@example.com')).expect(201);
    await h.http.patch(`/Users/${body.id}`, patchOp({ op: 'replace', value: { active: false } })).expect(204);
    expect((await h.http.get(`/Users/${body.id}`).expect(200)).body.active).toBe(false);
    expect(upstreamUser(h, 'paused@example.com')).toMatchObject({ active: false });
  });

  it('membership in the admin group makes the user ADMIN upstream, and leaving it makes them USER again', async () => {
    h = await startZuoraOneIdHarness();
    const u = await h.http.post('/Users', user('boss@example.com')).expect(201);
    const g = await h.http
      .post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Administrators', members: [{ value: u.body.id }] })
      .expect(201);
    expect(upstreamUser(h, 'boss@example.com')?.roles).toEqual(['ADMIN']);
    const read = await h.http.get(`/Users/${u.body.id}`).expect(200);
    expect(read.body.groups).toEqual([expect.objectContaining({ value: g.body.id, display: 'Administrators' })]);
    await h.http.patch(`/Groups/${g.body.id}`, patchOp({ op: 'remove', path: `members[value eq "${u.body.id}"]` })).expect(204);
    expect(upstreamUser(h, 'boss@example.com')?.roles).toEqual(['USER']);
    expect(h.sim.getGroup(g.body.id)?.members ?? []).toEqual([]);
  });
});

describe('groups pass through to OneID', () => {
  const EXT = 'urn:zuora:scim:schemas:1.0:GroupExtension';
  it('keeps members, displayName and the GroupExtension description both ways, and a rename is one PATCH', async () => {
    h = await startZuoraOneIdHarness();
    const u = await h.http.post('/Users', user('member@example.com')).expect(201);
    const created = await h.http
      .post('/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', EXT],
        displayName: 'Finance',
        members: [{ value: u.body.id }],
        [EXT]: { description: 'Money people' },
      })
      .expect(201);
    const upstream = h.sim.getGroup(created.body.id);
    expect(upstream).toMatchObject({ displayName: 'Finance', description: 'Money people' });
    const read = await h.http.get(`/Groups/${created.body.id}`).expect(200);
    expect(read.body[EXT]).toMatchObject({ description: 'Money people' });
    expect(read.body.members).toEqual([expect.objectContaining({ value: u.body.id })]);
    h.sim.resetCalls();
    await h.http.patch(`/Groups/${created.body.id}`, patchOp({ op: 'replace', path: 'displayName', value: 'Finance EU' })).expect(204);
    expect(h.upstreamCalls('PATCH', '/scim/v2/Groups/:id')).toBe(1);
    expect(h.sim.getGroup(created.body.id)?.displayName).toBe('Finance EU');
    const listed = await h.http.get('/Groups?filter=' + encodeURIComponent('displayName eq "Finance EU"')).expect(200);
    expect(listed.body.totalResults).toBe(1);
  });
});

describe('upstream Idempotency-Keys never replay an older, finished create', () => {
  it('create "a", rename it to "b", create "a" again with the same body: two users upstream', async () => {
    h = await startZuoraOneIdHarness();
    const body = user('a@example.com');
    const first = await h.http.post('/Users', body).expect(201);
    await h.http.patch(`/Users/${first.body.id}`, patchOp({ op: 'replace', path: 'userName', value: 'b@example.com' })).expect(204);
    const second = await h.http.post('/Users', body).expect(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(
      h.sim
        .users()
        .map((u) => u.userName)
        .sort(),
    ).toEqual(['a@example.com', 'b@example.com']);
    expect((await h.http.get(`/Users/${first.body.id}`).expect(200)).body.userName).toBe('b@example.com');
  });
});

describe('a governance reader paging with count=7 over 250 users and 30 groups', () => {
  it('sees every user and group exactly once, with stable ids, members on groups and roles on users', async () => {
    h = await startZuoraOneIdHarness({
      seed: (sim) => {
        sim.seedUsers(250);
        sim.seedGroups(30, 5);
      },
    });
    const pageAll = async (path: string) => {
      const seen: Record<string, unknown>[] = [];
      for (let start = 1; ; start += 7) {
        const res = await h!.http.get(`${path}?startIndex=${start}&count=7`).expect(200);
        expect(res.body.startIndex).toBe(start);
        seen.push(...res.body.Resources);
        if (start + 7 > res.body.totalResults) return { seen, total: res.body.totalResults as number };
      }
    };
    const users = await pageAll('/Users');
    const groups = await pageAll('/Groups');
    expect(users.total).toBe(250);
    expect(groups.total).toBe(30);
    expect(new Set(users.seen.map((u) => u.id)).size).toBe(250);
    expect(new Set(groups.seen.map((g) => g.id)).size).toBe(30);
    expect(users.seen.every((u) => Array.isArray(u.roles) && (u.roles as unknown[]).length > 0)).toBe(true);
    expect(groups.seen.every((g) => Array.isArray(g.members) && (g.members as unknown[]).length === 5)).toBe(true);
    const userIds = new Set(users.seen.map((u) => u.id));
    expect(groups.seen.flatMap((g) => (g.members as { value: string }[]).map((m) => m.value)).every((id) => userIds.has(id))).toBe(true);
    const again = await pageAll('/Users');
    expect(again.seen.map((u) => u.id)).toEqual(users.seen.map((u) => u.id));
  });
});

describe('a create whose answer from OneID comes too late', () => {
  it('is found upstream, answered 201, and an IdP retry gets 409: exactly one user', async () => {
    h = await startZuoraOneIdHarness({
      upstream: { timeouts: { connectMs: 1000, requestMs: 300 }, retry: { maxAttempts: 1, budgetMs: 1000, baseDelayMs: 5, maxDelayMs: 10 } },
    });
    // OneID processes the first create at once but answers only after the bridge has given up.
    h.sim.delayResponses(1, 1500, { route: 'POST /scim/v2/Users' });
    const body = user('slow@example.com');
    // The bridge gives up waiting, then asks OneID whether the user exists: it does, so the create succeeded.
    const first = await h.http.post('/Users', body).expect(201);
    expect(first.body.userName).toBe('slow@example.com');
    await new Promise((r) => setTimeout(r, 1600));
    // The IdP's filter finds it, and a retry of the create is a conflict, not a second user.
    expect(
      (await h.http.get(`/Users?filter=${encodeURIComponent('userName eq "slow@example.com"')}`).expect(200)).body.Resources.map((u: { id: string }) => u.id),
    ).toEqual([first.body.id]);
    await h.http.post('/Users', body).expect(409);
    expect(h.sim.users().filter((u) => u.userName === 'slow@example.com')).toHaveLength(1);
  });
});
