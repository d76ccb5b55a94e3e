import { describe, expect, it } from 'vitest';
import { allPages, workspace } from './google-workspace-helper.js';

type Item = Record<string, unknown>;

describe('Google Workspace simulator: listings', () => {
  it('pages 500 users 100 at a time, each exactly once, even when users come and go between pages', async () => {
    const { sim, get } = workspace({ seed: { users: 500, groups: 3 } });
    const pages = await allPages((q) => get('/users', q), 'users', { customer: 'my_customer' });
    expect(pages.map((p) => p.length)).toEqual([100, 100, 100, 100, 100]);
    const ids = pages.flat().map((u) => u.id);
    expect(new Set(ids).size).toBe(500);
    expect(ids.every((id) => typeof id === 'string' && /^\d{21}$/.test(id))).toBe(true);

    // A user deleted behind the first page and one added after it: nothing served twice, nothing skipped.
    const first = (await get('/users', { customer: 'my_customer', maxResults: '200' })).json<{ users: Item[]; nextPageToken: string }>();
    sim.deleteUser(String(first.users.find((u) => u.isAdmin !== true)?.id)); // not the admin the token acts as
    const added = sim.addUser({ primaryEmail: 'new.hire@example.com', givenName: 'New', familyName: 'Hire' });
    const rest = await allPages((q) => get('/users', q), 'users', { customer: 'my_customer', maxResults: '200', pageToken: first.nextPageToken });
    const seen = [...first.users, ...rest.flat()].map((u) => u.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(501);
    expect(seen).toContain(added.id);
  });

  it('orders by email and caps maxResults: users above 500 refused, groups and members served 200 at most', async () => {
    const { get } = workspace({ seed: { users: 510, groups: 250 } });
    const byEmail = (await get('/users', { domain: 'example.com', orderBy: 'email', maxResults: '500' })).json<{ users: Item[] }>().users;
    expect(byEmail).toHaveLength(500);
    const emails = byEmail.map((u) => String(u.primaryEmail));
    expect(emails).toEqual([...emails].sort());
    const tooMany = await get('/users', { customer: 'my_customer', maxResults: '501' });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ error: { code: 400, errors: [{ reason: 'invalid' }], status: 'INVALID_ARGUMENT' } });
    const groups = (await get('/groups', { customer: 'my_customer', maxResults: '500' })).json<{ groups: Item[]; nextPageToken?: string }>();
    expect(groups.groups).toHaveLength(200);
    expect(groups.nextPageToken).toEqual(expect.any(String));
    expect(groups.groups[0]).toMatchObject({ kind: 'admin#directory#group', directMembersCount: expect.stringMatching(/^\d+$/) });
  });

  it('narrows the answer to a fields selection', async () => {
    const { get } = workspace();
    const body = (await get('/users', { customer: 'my_customer', maxResults: '5', fields: 'nextPageToken,users(id,primaryEmail,name/fullName)' })).json<{
      users: Item[];
      nextPageToken: string;
    }>();
    expect(Object.keys(body).sort()).toEqual(['nextPageToken', 'users']);
    expect(body.users).toHaveLength(5);
    for (const user of body.users) {
      expect(Object.keys(user).sort()).toEqual(['id', 'name', 'primaryEmail']);
      expect(Object.keys(user.name as object)).toEqual(['fullName']);
    }
    for (const fields of ['users(id', 'users(id))', 'users/']) expect((await get('/users', { customer: 'my_customer', fields })).statusCode, fields).toBe(400);
  });

  it('filters users by org unit (and its sub-units) and suspension; customSchemas only with projection=full', async () => {
    const { sim, get } = workspace({ seed: { users: 60, groups: 2 } });
    const list = async (query: Record<string, string>) =>
      (await get('/users', { customer: 'my_customer', maxResults: '500', ...query })).json<{ users?: Item[] }>().users ?? [];
    const engineering = await list({ query: "orgUnitPath='/Engineering'" });
    const expected = sim.users().filter((u) => u.orgUnitPath.startsWith('/Engineering'));
    expect(engineering.map((u) => u.id).sort()).toEqual(expected.map((u) => u.id).sort());
    expect(new Set(engineering.map((u) => u.orgUnitPath))).toEqual(new Set(['/Engineering', '/Engineering/Platform']));
    const suspended = await list({ query: 'isSuspended=true' });
    expect(suspended.length).toBeGreaterThan(0);
    expect(suspended.map((u) => u.id).sort()).toEqual(
      sim
        .users()
        .filter((u) => u.suspended)
        .map((u) => u.id)
        .sort(),
    );
    expect(sim.users().some((u) => u.archived)).toBe(true);
    expect((await list({}))[0]).not.toHaveProperty('customSchemas');
    expect((await list({ projection: 'full' }))[0]).toHaveProperty('customSchemas.Employment.employeeNumber');
    sim.deleteUser(String(expected[0]?.primaryEmail));
    expect((await list({ showDeleted: 'true' })).map((u) => u.id)).toEqual([expected[0]?.id]);
  });

  it('flattens nested groups with includeDerivedMembership, each member once', async () => {
    const { sim, get } = workspace({ seed: { users: 30, groups: 4 } });
    const [top, middle, bottom] = sim.groups();
    const direct = (await get(`/groups/${top?.email}/members`)).json<{ members: Item[] }>().members;
    expect(direct.some((m) => m.type === 'GROUP' && m.id === middle?.id)).toBe(true);
    const derived = (await get(`/groups/${top?.id}/members`, { includeDerivedMembership: 'true' })).json<{ members: Item[] }>().members;
    const ids = derived.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const nestedUsers = [middle, bottom].flatMap((g) =>
      sim
        .members(g?.id)
        .filter((m) => m.type === 'USER')
        .map((m) => m.memberId),
    );
    for (const id of nestedUsers) expect(ids).toContain(id);
    expect(derived.length).toBeGreaterThan(direct.length);
    expect((await get('/groups/nobody@example.com/members')).statusCode).toBe(404);
  });

  it('lists every org unit with type=all, only the children by default', async () => {
    const { get } = workspace();
    const all = (await get('/customer/my_customer/orgunits', { type: 'all' })).json<{ organizationUnits: Item[] }>().organizationUnits;
    expect(all.map((u) => u.orgUnitPath)).toContain('/Engineering/Platform');
    const children = (await get('/customer/my_customer/orgunits')).json<{ organizationUnits: Item[] }>().organizationUnits;
    expect(children.map((u) => u.orgUnitPath)).not.toContain('/Engineering/Platform');
    expect(children.length).toBeLessThan(all.length);
    const engineering = all.find((u) => u.orgUnitPath === '/Engineering');
    const byId = (await get('/customer/my_customer/orgunits', { orgUnitPath: String(engineering?.orgUnitId), type: 'allIncludingParent' })).json<{
      organizationUnits: Item[];
    }>().organizationUnits;
    expect(byId.map((u) => u.orgUnitPath)).toEqual(['/Engineering', '/Engineering/Platform']);
    expect((await get('/customer/my_customer/orgunits', { orgUnitPath: 'id:nothing' })).statusCode).toBe(404);
    expect((await get('/customer/C999/orgunits')).statusCode).toBe(403);
  });

  it('refuses a forged page token, one from another listing, and one made stale', async () => {
    const { sim, get } = workspace();
    const first = (await get('/users', { customer: 'my_customer', maxResults: '5' })).json<{ nextPageToken: string }>();
    const forged = `${first.nextPageToken.split('.')[0]}.AAAAAAAAAAAAAAAAAAAAAA`;
    const refused: Array<Record<string, string>> = [
      { pageToken: 'garbage' },
      { pageToken: forged },
      { pageToken: first.nextPageToken, query: 'isSuspended=true' },
    ];
    for (const query of refused) {
      const response = await get('/users', { customer: 'my_customer', maxResults: '5', ...query });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 400, errors: [{ reason: 'invalid' }] } });
    }
    expect((await get('/users', { customer: 'my_customer', maxResults: '5', pageToken: first.nextPageToken })).statusCode).toBe(200);
    sim.invalidatePageTokens();
    expect((await get('/users', { customer: 'my_customer', maxResults: '5', pageToken: first.nextPageToken })).statusCode).toBe(400);
  });

  it('needs customer or domain, and only this customer’s', async () => {
    const { get } = workspace();
    expect((await get('/users')).statusCode).toBe(400);
    expect((await get('/users', { domain: 'other.example' })).statusCode).toBe(403);
    expect((await get('/users', { customer: 'C0abc123' })).statusCode).toBe(200);
  });
});
