import { afterEach, describe, expect, it } from 'vitest';
import { ENTERPRISE_USER_SCHEMA, type ScimUser } from '../../../../src/scim/resource.js';
import type { UpstreamUser, UserWrite } from '../../../../src/upstreams/upstream.js';
import type { ZiaUser } from '../../../../src/upstreams/zscaler-zia/zia-user.js';
import { asAdmin, ctx, expectWithinBudgets, idpUser, ziaHarness, type ZiaHarness } from './harness.js';
import { isParkedId } from '../../../../src/upstreams/upstream.js';

let h: ZiaHarness;
afterEach(async () => {
  expectWithinBudgets(h.sim);
  await h.close();
});

const groupId = (name: string) => h.sim.groups().find((g) => g.name === name)?.id;
const departmentId = (name: string) => h.sim.departments().find((d) => d.name === name)?.id;
const groupsOf = (id: number) =>
  h.sim
    .getUser(id)
    ?.groups.map((g) => g.name)
    .sort();
/** Requests for users the simulator received, by method, since the last reset (directory reads and logins aside). */
const requests = () =>
  h.sim
    .calls()
    .filter((c) => c.route.includes('/users'))
    .map((c) => c.method);

/**
 * A user as it was in ZIA before the bridge: in an administrator's own group and in `Disabled Users`, with comments,
 * a temporary-authentication email, an admin flag and a type.
 */
async function adoptedUser(): Promise<{ id: number; before: ZiaUser; seen: UpstreamUser }> {
  h.sim.addGroup('Contractors');
  const before = await asAdmin<ZiaUser>(h, 'POST', '/users', {
    name: 'Grace Hopper',
    email: 'grace@example.com',
    department: { id: departmentId('Finance') },
    groups: [{ id: groupId('Contractors') }, { id: groupId('Disabled Users') }],
    comments: 'hired by Bob',
    tempAuthEmail: 'grace@temp.example.com',
    adminUser: true,
    type: 'AUDITOR',
    password: 'Initial-Passw0rd!',
  });
  const seen = await h.adapter.users.get(String(before.id), ctx());
  if (!seen) throw new Error('the adopted user was not found');
  h.sim.resetCalls();
  return { id: before.id, before, seen };
}

/** What the core passes for an IdP's write to a user it knew as `known` (its stored view), in groups `before`. */
const writeOf = (known: UpstreamUser, user: ScimUser, groupNames: string[], before: string[] = []): UserWrite => ({
  user,
  groupNames,
  previous: { user: known.user, groupNames: before },
});
const replace = (seen: UpstreamUser, write: UserWrite, c = ctx()) => h.adapter.users.replace(seen.upstreamId, write, c, seen);

describe('ZIA ownership: an adopted user keeps what nobody asked to change', () => {
  it('a change to an attribute ZIA does not hold writes nothing, and answers what ZIA holds', async () => {
    h = await ziaHarness();
    const { id, before, seen } = await adoptedUser();
    const result = await replace(seen, writeOf(seen, { ...seen.user, nickName: 'Amazing Grace', title: 'Rear Admiral' }, []));
    expect(requests()).toEqual(['GET']);
    expect(result).toEqual(seen);
    expect(h.sim.getUser(id)).toMatchObject({ ...before, password: 'Initial-Passw0rd!' });
    expect(h.adapter.users.merge({ ...seen.user, nickName: 'Amazing Grace' }, result)).toMatchObject({
      userName: 'grace@example.com',
      nickName: 'Amazing Grace',
      displayName: 'Grace Hopper',
    });
  });

  it('a name change is one GET and one PUT; groups, department, comments and every other field survive', async () => {
    h = await ziaHarness();
    const { id, before, seen } = await adoptedUser();
    const result = await replace(seen, writeOf(seen, { ...seen.user, displayName: 'Grace B. Hopper' }, []));
    expect(requests()).toEqual(['GET', 'PUT']);
    expect(h.sim.getUser(id)).toEqual({ ...before, name: 'Grace B. Hopper', password: 'Initial-Passw0rd!' });
    expect(result.state).toEqual({ department: 'Finance', groups: ['Contractors', 'Disabled Users'] });
  });

  it('joining a mapped group adds only its ZIA group; leaving removes only that one', async () => {
    h = await ziaHarness({ config: { groupLinks: { 'Okta Engineers': 'Engineering' } } });
    const { id, seen } = await adoptedUser();
    const joined = await replace(seen, writeOf(seen, seen.user, ['Okta Engineers']));
    expect(groupsOf(id)).toEqual(['Contractors', 'Disabled Users', 'Engineering']);
    expect(joined.state).toEqual({ department: 'Finance', groups: ['Contractors', 'Disabled Users', 'Engineering'] });
    await replace(seen, writeOf(seen, seen.user, [], ['Okta Engineers']));
    expect(groupsOf(id)).toEqual(['Contractors', 'Disabled Users']);
    expect(h.sim.getUser(id)?.comments).toBe('hired by Bob');
    expect(requests()).toEqual(['GET', 'PUT', 'GET', 'PUT']);
  });

  it('a group the mapping does not name in ZIA changes nothing, and costs no PUT', async () => {
    h = await ziaHarness();
    const { id, seen } = await adoptedUser();
    await replace(seen, writeOf(seen, seen.user, ['Only in the IdP']));
    expect(requests()).toEqual(['GET']);
    expect(groupsOf(id)).toEqual(['Contractors', 'Disabled Users']);
  });

  it("a department the IdP sends that differs is written; a write without one keeps ZIA's (the default is for creation)", async () => {
    h = await ziaHarness();
    const { id, seen } = await adoptedUser();
    const withSales = { ...seen.user, [ENTERPRISE_USER_SCHEMA]: { department: 'Sales' } };
    await replace(seen, writeOf(seen, withSales, []));
    expect(h.sim.getUser(id)?.department.name).toBe('Sales');
    h.sim.resetCalls();
    const moved = { ...seen, user: withSales };
    const { [ENTERPRISE_USER_SCHEMA]: _ext, ...withoutDepartment } = withSales;
    await replace(moved, writeOf(moved, { ...withoutDepartment, displayName: 'G. Hopper' }, []));
    expect(h.sim.getUser(id)).toMatchObject({ name: 'G. Hopper', department: { name: 'Sales' } });
  });

  it("a write that sends no name keeps ZIA's name (the userName fill is for creation only)", async () => {
    h = await ziaHarness();
    const { id, seen } = await adoptedUser();
    const { displayName: _d, name: _n, ...nameless } = seen.user;
    await replace(seen, writeOf(seen, { ...nameless, [ENTERPRISE_USER_SCHEMA]: { department: 'Sales' } }, []));
    expect(h.sim.getUser(id)).toMatchObject({ name: 'Grace Hopper', department: { name: 'Sales' } });
  });

  it('with drift enforcement (restore) the department and groups are set back exactly', async () => {
    h = await ziaHarness();
    const { id, seen } = await adoptedUser();
    await replace(seen, { ...writeOf(seen, seen.user, []), restore: { department: 'Engineering', groups: ['Sales'] } });
    expect(h.sim.getUser(id)).toMatchObject({ department: { name: 'Engineering' }, groups: [{ name: 'Sales' }], comments: 'hired by Bob', type: 'AUDITOR' });
  });

  it('decides from ZIA as read, never from a copy in memory: a change made elsewhere is not mistaken for done', async () => {
    h = await ziaHarness();
    const created = await h.adapter.users.create({ user: idpUser('rep@example.com', { displayName: 'Original' }), groupNames: ['Sales'] }, ctx());
    const id = Number(created.upstreamId);
    // Another replica (or process) read the user, then this one renames it, then the IdP renames it back there.
    // (Replicas share one budget through Redis; here a second passes between them instead.)
    const replica = h.restart();
    await replica.users.get(created.upstreamId, ctx());
    await h.clock.advance(1000);
    const renamed = await h.adapter.users.replace(
      created.upstreamId,
      writeOf(created, idpUser('rep@example.com', { displayName: 'Renamed' }), ['Sales'], ['Sales']),
      ctx(),
      created,
    );
    await h.clock.advance(1000);
    await replica.users.replace(
      created.upstreamId,
      writeOf(renamed, idpUser('rep@example.com', { displayName: 'Original' }), ['Sales'], ['Sales']),
      ctx(),
      renamed,
    );
    expect(h.sim.getUser(id)?.name).toBe('Original');
    // An administrator removes the group in the console; the IdP adds the user to it again: it is sent.
    await asAdmin(h, 'PUT', `/users/${id}`, { ...h.sim.getUser(id), password: undefined, groups: [] });
    h.sim.resetCalls();
    await h.adapter.users.replace(created.upstreamId, writeOf(created, idpUser('rep@example.com', { displayName: 'Original' }), ['Sales'], []), ctx(), created);
    expect(requests()).toEqual(['GET', 'PUT']);
    expect(groupsOf(id)).toEqual(['Sales']);
  });
});

describe('ZIA deactivation by group touches only the disabled group', () => {
  const config = { deactivation: { mode: 'group' as const, disabledGroup: 'Disabled Users' } };

  it("adds and removes the disabled group, leaving an administrator's groups alone", async () => {
    h = await ziaHarness({ config });
    h.sim.addGroup('Contractors');
    const made = await asAdmin<ZiaUser>(h, 'POST', '/users', {
      name: 'Alan Turing',
      email: 'alan@example.com',
      department: { id: departmentId('Sales') },
      groups: [{ id: groupId('Contractors') }],
      comments: 'keep me',
      password: 'Initial-Passw0rd!',
    });
    const seen = await h.adapter.users.get(String(made.id), ctx());
    if (!seen) throw new Error('not found');
    const off = await replace(seen, writeOf(seen, { ...seen.user, active: false }, []));
    expect(groupsOf(made.id)).toEqual(['Contractors', 'Disabled Users']);
    expect(off.user.active).toBe(false);
    await replace(off, writeOf(off, { ...seen.user, active: true }, []));
    expect(groupsOf(made.id)).toEqual(['Contractors']);
    expect(h.sim.getUser(made.id)?.comments).toBe('keep me');
  });

  it("an administrator's disabled group stays while `active` is not what changed", async () => {
    h = await ziaHarness({ config });
    const { id, seen } = await adoptedUser();
    expect(seen.user.active).toBe(false);
    await replace(seen, writeOf(seen, { ...seen.user, displayName: 'Renamed' }, []));
    expect(groupsOf(id)).toEqual(['Contractors', 'Disabled Users']);
  });
});

describe('ZIA plans (ctx.readOnly): computed and answered as if written, nothing sent', () => {
  it('replace, create, deactivation and delete send no write', async () => {
    h = await ziaHarness();
    const { id, before, seen } = await adoptedUser();
    const plan = { ...ctx(), readOnly: true };
    const planned = await replace(seen, writeOf(seen, { ...seen.user, displayName: 'Planned' }, ['Sales']), plan);
    expect(planned).toMatchObject({ upstreamId: String(id), user: { displayName: 'Planned' }, state: { groups: ['Contractors', 'Disabled Users', 'Sales'] } });
    const createdPlan = await h.adapter.users.create({ user: idpUser('new@example.com'), groupNames: ['Sales'] }, plan);
    expect(createdPlan).toMatchObject({ user: { userName: 'new@example.com' }, state: { department: 'Engineering', groups: ['Sales'] } });
    const parked = await replace(seen, writeOf(seen, { ...seen.user, active: false }, []), plan);
    expect(isParkedId(parked.upstreamId)).toBe(true);
    await h.adapter.users.delete(String(id), plan);
    expect(h.adapter.status?.()).toMatchObject({ pendingDeletions: 0, activation: { pending: false } });
    await h.adapter.close();
    expect(requests().filter((m) => m !== 'GET')).toEqual([]);
    expect(h.sim.getUser(id)).toMatchObject({ ...before, password: 'Initial-Passw0rd!' });
    expect(h.sim.users()).toHaveLength(1);
  });
});
