import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { group, membership, patchOp } from '../support/scim-requests.js';
import { startZuoraRestHarness, user, type Harness } from '../support/zuora-rest-harness.js';

/*
 * Zuora REST holds one profileId per user and has no groups: the bridge keeps the IdP's groups and, through the
 * tenant's mapping (PROFILES in the harness), turns roles and group names into that one profile
 * (docs/architecture.md "The store keeps only what the bridge owns"). Simulator ids: p-admin Administrator, p-billing Billing
 * Clerk, p-standard Standard User (the default), p-readonly Read Only.
 */

let h: Harness;
beforeEach(async () => {
  h = await startZuoraRestHarness();
});
afterEach(async () => h.close());

interface Created {
  id: string;
  userName: string;
}

const createUser = async (userName: string, extra: Record<string, unknown> = {}): Promise<Created> => {
  const res = await h.http.post('/Users', user(userName, extra)).expect(201);
  return { id: res.body.id, userName };
};
const createGroup = async (displayName: string, members: Created[] = []): Promise<string> =>
  (
    await h.http
      .post(
        '/Groups',
        group(
          displayName,
          members.map((m) => m.id),
        ),
      )
      .expect(201)
  ).body.id;

const profileOf = (u: Created) => h.sim.users().find((z) => z.username.toLowerCase() === u.userName.toLowerCase())?.profileId;
const puts = () => h.upstreamCalls('PUT', '/v1/users/:id');
const upstreamTotal = () => h.sim.calls().length;
const profileRole = (roles: { type?: string }[] | undefined) => roles?.filter((r) => r.type === 'zuora-profile');

describe('the profile a create assigns', () => {
  it('no roles and no groups: the default profile, in the one POST', async () => {
    h.sim.resetCalls();
    const res = await h.http.post('/Users', user('plain@example.com')).expect(201);
    expect(profileOf({ id: res.body.id, userName: 'plain@example.com' })).toBe('p-standard');
    expect(upstreamTotal()).toBe(1);
    expect(h.upstreamCalls('POST', '/v1/users')).toBe(1);
    expect(profileRole(res.body.roles)).toEqual([expect.objectContaining({ value: 'Standard User', type: 'zuora-profile', primary: true })]);
  });

  it('role admin: p-admin, and the requested role is kept beside the profile read-back', async () => {
    h.sim.resetCalls();
    const res = await h.http.post('/Users', user('boss@example.com', { roles: [{ value: 'admin' }] })).expect(201);
    expect(profileOf({ id: res.body.id, userName: 'boss@example.com' })).toBe('p-admin');
    expect(upstreamTotal()).toBe(1);
    expect(res.body.roles).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: 'admin' }),
        expect.objectContaining({ value: 'Administrator', type: 'zuora-profile', primary: true }),
      ]),
    );
  });

  it('a role that names a Zuora profile directly selects it', async () => {
    const u = await createUser('ro@example.com', { roles: [{ value: 'Read Only' }] });
    expect(profileOf(u)).toBe('p-readonly');
  });
});

describe('role changes', () => {
  it('PATCH replace roles re-assigns the profile with exactly one PUT', async () => {
    const u = await createUser('role@example.com', { roles: [{ value: 'admin' }] });
    h.sim.resetCalls();
    await h.http.patch(`/Users/${u.id}`, patchOp({ op: 'replace', path: 'roles', value: [{ value: 'billing' }] })).expect(204);
    expect(profileOf(u)).toBe('p-billing');
    expect(puts()).toBe(1);
    expect(upstreamTotal()).toBe(1);
    const read = await h.http.get(`/Users/${u.id}`).expect(200);
    expect(profileRole(read.body.roles)).toEqual([expect.objectContaining({ value: 'Billing Clerk' })]);
  });

  it('removing every role returns the user to the default with one PUT; re-sending the same role costs nothing', async () => {
    const u = await createUser('norole@example.com', { roles: [{ value: 'billing' }] });
    h.sim.resetCalls();
    await h.http.patch(`/Users/${u.id}`, patchOp({ op: 'replace', path: 'roles', value: [{ value: 'billing' }] })).expect(204);
    expect(upstreamTotal()).toBe(0);
    await h.http.patch(`/Users/${u.id}`, patchOp({ op: 'remove', path: 'roles' })).expect(204);
    expect(profileOf(u)).toBe('p-standard');
    expect(puts()).toBe(1);
  });

  it('a role and a mapped group: the stronger profile by precedence wins, and the weaker group costs no call', async () => {
    const u = await createUser('clerk@example.com', { roles: [{ value: 'billing' }] });
    h.sim.resetCalls();
    await createGroup('Auditors', [u]);
    expect(profileOf(u)).toBe('p-billing');
    expect(upstreamTotal()).toBe(0);
  });
});

describe('group membership decides the profile', () => {
  it('POST /Groups "Billing Team" with the user as member: one PUT to p-billing', async () => {
    const u = await createUser('bt@example.com');
    h.sim.resetCalls();
    await createGroup('Billing Team', [u]);
    expect(profileOf(u)).toBe('p-billing');
    expect(puts()).toBe(1);
    expect(upstreamTotal()).toBe(1);
  });

  it.each([
    ['Okta', (u: Created) => membership.oktaAdd([u])],
    ['Entra', (u: Created) => membership.entraAdd([u.id])],
    ['Okta full push', (u: Created) => ({ op: 'replace', path: 'members', value: [{ value: u.id, display: u.userName }] })],
  ])('PATCH members (%s shape) to "Billing Team": one PUT to p-billing', async (_idp, add) => {
    const u = await createUser('added@example.com');
    const gid = await createGroup('Billing Team');
    h.sim.resetCalls();
    await h.http.patch(`/Groups/${gid}`, patchOp(add(u))).expect(204);
    expect(profileOf(u)).toBe('p-billing');
    expect(puts()).toBe(1);
    expect(upstreamTotal()).toBe(1);
  });

  it.each([
    ['Okta members[value eq "id"] remove', (u: Created) => membership.oktaRemove(u.id)],
    ['Entra Remove members with a value list', (u: Created) => membership.entraRemove([u.id])],
  ])('in Administrators and Billing Team: p-admin; %s from Administrators: p-billing with one PUT', async (_shape, remove) => {
    const u = await createUser('both@example.com');
    const other = await createUser('stays@example.com');
    await createGroup('Billing Team', [u]);
    const admins = await createGroup('Administrators', [u, other]);
    expect(profileOf(u)).toBe('p-admin');
    h.sim.resetCalls();
    await h.http.patch(`/Groups/${admins}`, patchOp(remove(u))).expect(204);
    expect(profileOf(u)).toBe('p-billing');
    expect(profileOf(other)).toBe('p-admin');
    expect(puts()).toBe(1);
    expect(upstreamTotal()).toBe(1);
    const read = await h.http.get(`/Groups/${admins}`).expect(200);
    expect(read.body.members.map((m: { value: string }) => m.value)).toEqual([other.id]);
  });

  it('a PUT or PATCH of the user keeps the profile its group gives (groups are not written through /Users)', async () => {
    const u = await createUser('kept@example.com', { title: 'Clerk' });
    await createGroup('Billing Team', [u]);
    const current = (await h.http.get(`/Users/${u.id}`).expect(200)).body;
    h.sim.resetCalls();
    await h.http.put(`/Users/${u.id}`, { ...user(u.userName), title: 'Senior Clerk' }).expect(200);
    await h.http.patch(`/Users/${u.id}`, patchOp({ op: 'replace', path: 'name.givenName', value: 'Renamed' })).expect(204);
    await h.http.put(`/Users/${u.id}`, { ...current, title: 'Senior Clerk', name: { givenName: 'Renamed', familyName: 'Family' } }).expect(200);
    expect(h.sim.users().find((z) => z.username === u.userName)).toMatchObject({ profileId: 'p-billing', title: 'Senior Clerk', firstName: 'Renamed' });
    expect(puts()).toBe(2);
  });

  it('membership changes in an unmapped group cause no upstream call at all', async () => {
    const a = await createUser('eng1@example.com');
    const b = await createUser('eng2@example.com', { roles: [{ value: 'admin' }] });
    h.sim.resetCalls();
    const gid = await createGroup('Engineering', [a]);
    await h.http.patch(`/Groups/${gid}`, patchOp(membership.oktaAdd([b]))).expect(204);
    await h.http.patch(`/Groups/${gid}`, patchOp(membership.entraRemove([a.id]))).expect(204);
    await h.http.patch(`/Groups/${gid}`, patchOp(membership.entraAdd([a.id]), membership.oktaRemove(b.id))).expect(204);
    await h.http.patch(`/Groups/${gid}`, patchOp({ op: 'Replace', path: 'displayName', value: 'Platform' })).expect(204);
    await h.http.put(`/Groups/${gid}`, group('Platform', [a.id, b.id])).expect(200);
    await h.http.delete(`/Groups/${gid}`).expect(204);
    expect(h.sim.calls()).toEqual([]);
    expect([profileOf(a), profileOf(b)]).toEqual(['p-standard', 'p-admin']);
  });

  it('renaming a group to a mapped name re-assigns its members, and renaming it away restores the default', async () => {
    const a = await createUser('fin1@example.com');
    const b = await createUser('fin2@example.com');
    const gid = await createGroup('Finance', [a, b]);
    h.sim.resetCalls();
    // Entra renames with a path; Okta with a no-path replace echoing the read-only id.
    await h.http.patch(`/Groups/${gid}`, patchOp({ op: 'Replace', path: 'displayName', value: 'Billing Team' })).expect(204);
    expect([profileOf(a), profileOf(b)]).toEqual(['p-billing', 'p-billing']);
    expect(puts()).toBe(2);
    h.sim.resetCalls();
    await h.http.patch(`/Groups/${gid}`, patchOp({ op: 'replace', value: { id: gid, displayName: 'Finance' } })).expect(204);
    expect([profileOf(a), profileOf(b)]).toEqual(['p-standard', 'p-standard']);
    expect(puts()).toBe(2);
    expect(upstreamTotal()).toBe(2);
  });

  it('deleting a mapped group moves its members back to the default, one PUT each', async () => {
    const a = await createUser('aud1@example.com');
    const b = await createUser('aud2@example.com');
    const gid = await createGroup('Auditors', [a, b]);
    expect([profileOf(a), profileOf(b)]).toEqual(['p-readonly', 'p-readonly']);
    h.sim.resetCalls();
    await h.http.delete(`/Groups/${gid}`).expect(204);
    expect([profileOf(a), profileOf(b)]).toEqual(['p-standard', 'p-standard']);
    expect(puts()).toBe(2);
    expect(upstreamTotal()).toBe(2);
    const read = await h.http.get(`/Users/${a.id}`).expect(200);
    expect(read.body.groups).toBeUndefined();
    expect(profileRole(read.body.roles)).toEqual([expect.objectContaining({ value: 'Standard User' })]);
  });
});

describe('concurrent membership changes', () => {
  it('two group PATCHes for one user in flight at once still leave the profile precedence picks', async () => {
    const u = await createUser('race@example.com');
    const billing = await createGroup('Billing Team');
    const admins = await createGroup('Administrators');
    h.sim.resetCalls();
    // Hold the first PUT upstream long enough for the second request to be served while it is in flight.
    h.sim.faults.failNext(1, { kind: 'latency', ms: 500 }, 'PUT /v1/users/:id');
    const first = h.http.patch(`/Groups/${billing}`, patchOp(membership.oktaAdd([u]))).then((res) => res.status);
    await expect.poll(() => puts(), { interval: 2, timeout: 2_000 }).toBe(1);
    await h.http.patch(`/Groups/${admins}`, patchOp(membership.oktaAdd([u]))).expect(204);
    expect(await first).toBe(204);
    const read = await h.http.get(`/Users/${u.id}`).expect(200);
    expect(read.body.groups.map((g: { display: string }) => g.display).sort()).toEqual(['Administrators', 'Billing Team']);
    expect(profileOf(u)).toBe('p-admin');
    expect(profileRole(read.body.roles)).toEqual([expect.objectContaining({ value: 'Administrator' })]);
  });
});

describe('reading memberships and profiles back', () => {
  it('GET /Users/{id} shows groups and the profile role; GET /Groups/{id} shows members with display = userName', async () => {
    const u = await createUser('Reader.One@Example.com');
    const gid = await createGroup('Billing Team', [u]);
    const read = await h.http.get(`/Users/${u.id}`).expect(200);
    expect(read.body.groups).toEqual([expect.objectContaining({ value: gid, display: 'Billing Team' })]);
    expect(profileRole(read.body.roles)).toEqual([expect.objectContaining({ value: 'Billing Clerk', type: 'zuora-profile' })]);
    const g = await h.http.get(`/Groups/${gid}`).expect(200);
    expect(g.body.members).toEqual([expect.objectContaining({ value: u.id, display: 'Reader.One@Example.com' })]);
  });

  it('a governance reader paging /Users and /Groups sees every user once with its profile, and every group with members', async () => {
    const expected = new Map<string, { profileName: string; groups: string[] }>();
    const make = async (userName: string, profileName: string, groups: string[], extra: Record<string, unknown> = {}) => {
      const u = await createUser(userName, extra);
      expected.set(u.id, { profileName, groups });
      return u;
    };
    await make('g0@example.com', 'Administrator', [], { roles: [{ value: 'admin' }] });
    await make('g1@example.com', 'Standard User', []);
    const billing = await make('g2@example.com', 'Billing Clerk', ['Billing Team']);
    const auditor = await make('g3@example.com', 'Read Only', ['Auditors']);
    const strong = await make('g4@example.com', 'Administrator', ['Administrators', 'Auditors']);
    await make('g5@example.com', 'Billing Clerk', [], { roles: [{ value: 'billing' }] });
    const engineer = await make('g6@example.com', 'Standard User', ['Engineering']);
    const groups: Record<string, Created[]> = {
      'Billing Team': [billing],
      Auditors: [auditor, strong],
      Administrators: [strong],
      Engineering: [engineer],
    };
    for (const [name, members] of Object.entries(groups)) await createGroup(name, members);

    const seen: { id: string; userName: string; roles?: { type?: string; value?: string }[]; groups?: { display: string }[] }[] = [];
    for (let start = 1; ; start += 3) {
      const page = await h.http.get(`/Users?startIndex=${start}&count=3`).expect(200);
      expect(page.body).toMatchObject({ totalResults: 7, startIndex: start });
      seen.push(...page.body.Resources);
      if (page.body.Resources.length === 0 || start + 3 > page.body.totalResults) break;
    }
    expect(seen.map((u) => u.id).sort()).toEqual([...expected.keys()].sort());
    const idOfName = new Map(h.sim.profiles().map((p) => [p.name, p.id]));
    for (const u of seen) {
      const want = expected.get(u.id)!;
      expect(profileRole(u.roles)?.map((r) => (r as { value: string }).value)).toEqual([want.profileName]);
      expect((u.groups ?? []).map((g) => g.display).sort()).toEqual([...want.groups].sort());
      expect(profileOf(u)).toBe(idOfName.get(want.profileName));
    }

    const listed = await h.http.get('/Groups').expect(200);
    expect(listed.body.totalResults).toBe(4);
    const members = Object.fromEntries(
      listed.body.Resources.map((g: { displayName: string; members: { value: string; display: string }[] }) => [
        g.displayName,
        g.members.map((m) => `${m.value}:${m.display}`).sort(),
      ]),
    );
    expect(members).toEqual(Object.fromEntries(Object.entries(groups).map(([name, ms]) => [name, ms.map((m) => `${m.id}:${m.userName}`).sort()])));
  });
});
