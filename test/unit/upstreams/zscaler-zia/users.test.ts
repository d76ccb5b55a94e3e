import { afterEach, describe, expect, it } from 'vitest';
import { ENTERPRISE_USER_SCHEMA } from '../../../../src/scim/resource.js';
import { ctx, expectWithinBudgets, idpUser, unsupportedMediaTypes, ziaHarness, type ZiaHarness } from './harness.js';

let h: ZiaHarness;
// Whatever a test does, no documented budget is ever exceeded (docs/upstreams/zscaler-zia.md §7).
afterEach(async () => {
  expectWithinBudgets(h.sim);
  await h.close();
});

const withDepartment = (department: string) => ({ [ENTERPRISE_USER_SCHEMA]: { department } });

describe('ZIA users: create, read, replace (docs/upstreams/zscaler-zia.md §4)', () => {
  it('creates a user with one POST, with a generated strong password and the department by name', async () => {
    h = await ziaHarness();
    const created = await h.adapter.users.create({ user: idpUser('ada@example.com', withDepartment('finance')), groupNames: [] }, ctx());
    expect(h.count('POST', '/users')).toBe(1);
    const record = h.sim.getUser(Number(created.upstreamId));
    expect(record).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace', comments: 'Provisioned by scim-bridge' });
    expect(record?.department.name).toBe('Finance');
    expect(record?.password).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)(?=.*[^A-Za-z\d]).{24}$/);
    expect(created.user).toMatchObject({ userName: 'ada@example.com', active: true, name: { givenName: 'Ada', familyName: 'Lovelace' } });
    expect(unsupportedMediaTypes(h.sim)).toBe(0);
  });

  it('gives every user the configured password when one is set', async () => {
    h = await ziaHarness({ config: { userPassword: { mode: 'fixed', value: 'Configured-Passw0rd!' } } });
    const created = await h.adapter.users.create({ user: idpUser('fixed@example.com'), groupNames: [] }, ctx());
    expect(h.sim.getUser(Number(created.upstreamId))?.password).toBe('Configured-Passw0rd!');
  });

  it('names a department ZIA does not have, and finds one added in ZIA once a minute has passed', async () => {
    h = await ziaHarness();
    await h.adapter.check(ctx());
    const legal = idpUser('lee@example.com', withDepartment('Legal'));
    await expect(h.adapter.users.create({ user: legal, groupNames: [] }, ctx())).rejects.toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('"Legal"'),
    });
    h.sim.addDepartment('Legal');
    // Within the minute the directory is not read again (GET /groups is 1/s & 400/h).
    await expect(h.adapter.users.create({ user: legal, groupNames: [] }, ctx())).rejects.toMatchObject({ kind: 'invalid' });
    expect(h.count('GET', '/departments')).toBe(1);
    await h.clock.advance(61_000);
    const created = await h.adapter.users.create({ user: legal, groupNames: [] }, ctx());
    expect(h.count('GET', '/departments')).toBe(2);
    expect(created.user[ENTERPRISE_USER_SCHEMA]).toEqual({ department: 'Legal' });
    expect(h.count('POST', '/users')).toBe(1);
  });

  it('gives users the ZIA groups of their group names, or of the configured links; unknown names are left out', async () => {
    h = await ziaHarness({ config: { groupLinks: { 'Okta Sales': 'Sales' } } });
    const created = await h.adapter.users.create({ user: idpUser('gus@example.com'), groupNames: [] }, ctx());
    const previous = { user: idpUser('gus@example.com'), groupNames: [] };
    await h.adapter.users.replace(
      created.upstreamId,
      { user: idpUser('gus@example.com'), groupNames: ['Okta Sales', 'engineering', 'Not in ZIA'], previous },
      ctx(),
      created,
    );
    const groups = h.sim.getUser(Number(created.upstreamId))?.groups.map((g) => g.name);
    expect(groups?.sort()).toEqual(['Engineering', 'Sales']);
  });

  it('reads a user before the full-replace PUT, so what was set in ZIA directly survives the update', async () => {
    h = await ziaHarness();
    const created = await h.adapter.users.create({ user: idpUser('kim@example.com'), groupNames: [] }, ctx());
    const id = Number(created.upstreamId);
    const department = h.sim.departments().find((d) => d.name === 'Engineering');
    const set = await fetch(`${h.url}/api/v1/users/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: `JSESSIONID=${h.sim.issueSession()}` },
      body: JSON.stringify({
        name: 'Ada Lovelace',
        department: { id: department?.id },
        groups: [],
        comments: 'set by a ZIA admin',
        tempAuthEmail: 'temp@example.com',
      }),
    });
    expect(set.status).toBe(200);
    await h.adapter.users.replace(created.upstreamId, { user: idpUser('kim@example.com', { displayName: 'Kim Renamed' }), groupNames: [] }, ctx(), created);
    expect(h.count('GET', '/users/:userId')).toBe(1);
    expect(h.count('PUT', '/users/:userId')).toBe(2);
    expect(h.sim.getUser(id)).toMatchObject({ name: 'Kim Renamed', comments: 'set by a ZIA admin', tempAuthEmail: 'temp@example.com' });
  });

  it('reads the user and writes nothing when a replace changes nothing ZIA holds', async () => {
    h = await ziaHarness();
    const created = await h.adapter.users.create({ user: idpUser('same@example.com'), groupNames: ['Sales'] }, ctx());
    h.sim.resetCalls();
    const previous = { user: idpUser('same@example.com'), groupNames: ['Sales'] };
    const same = { user: idpUser('same@example.com', { nickName: 'not held by ZIA', title: 'neither' }), groupNames: ['Sales'], previous };
    const result = await h.adapter.users.replace(created.upstreamId, same, ctx(), created);
    expect(h.sim.calls().map((c) => `${c.method} ${c.route}`)).toEqual(['GET /api/v1/users/:userId']);
    expect(result.upstreamId).toBe(created.upstreamId);
  });

  it("refuses an email change: ZIA's email is read-only after create", async () => {
    h = await ziaHarness();
    const created = await h.adapter.users.create({ user: idpUser('old@example.com'), groupNames: [] }, ctx());
    const moved = h.adapter.users.replace(created.upstreamId, { user: idpUser('new@example.com'), groupNames: [] }, ctx(), created);
    await expect(moved).rejects.toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^userName: ZIA's login \(email\) is read-only/) });
    expect(h.count('PUT', '/users/:userId')).toBe(0);
    expect(h.sim.getUser(Number(created.upstreamId))?.email).toBe('old@example.com');
  });

  it("a change of the userName's case is no email change", async () => {
    h = await ziaHarness();
    const created = await h.adapter.users.create({ user: idpUser('case@example.com'), groupNames: [] }, ctx());
    const next = idpUser('Case@Example.com', { displayName: 'Case Changed' });
    await h.adapter.users.replace(created.upstreamId, { user: next, groupNames: [] }, ctx(), created);
    expect(h.sim.getUser(Number(created.upstreamId))).toMatchObject({ email: 'case@example.com', name: 'Case Changed' });
  });

  it('re-creates the user under the new email where configured, recording the old record', async () => {
    h = await ziaHarness({ config: { emailChange: 'recreate' } });
    const created = await h.adapter.users.create({ user: idpUser('before@example.com'), groupNames: [] }, ctx());
    const c = ctx();
    const moved = await h.adapter.users.replace(created.upstreamId, { user: idpUser('after@example.com'), groupNames: [] }, c, created);
    expect(moved.upstreamId).not.toBe(created.upstreamId);
    expect(h.sim.getUser(Number(moved.upstreamId))?.email).toBe('after@example.com');
    expect(c.auditNotes?.join('\n')).toContain('before@example.com');
    expect(await h.adapter.users.get(created.upstreamId, ctx())).toBeUndefined();
    await h.adapter.close();
    expect(h.sim.getUser(Number(created.upstreamId))).toBeUndefined();
  });

  it('lists users page by page with one GET per page', async () => {
    h = await ziaHarness({ config: { pageSize: 10 } });
    h.sim.seedUsers(25);
    const seen: string[] = [];
    for await (const page of h.adapter.users.list(ctx())) seen.push(...page.map((u) => u.user.userName));
    expect(new Set(seen).size).toBe(25);
    expect(h.count('GET', '/users')).toBe(3);
  });
});
