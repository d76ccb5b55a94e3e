import { afterEach, describe, expect, it } from 'vitest';
import { GROUP_SCHEMA, type ScimUser } from '../../../../src/scim/resource.js';
import type { UpstreamGroups, UpstreamUser } from '../../../../src/upstreams/upstream.js';
import { USER_EXTENSION } from '../../../../src/upstreams/zuora-oneid/oneid-wire.js';
import { seedOneId } from '../../../support/zuora-oneid-seed.js';
import { ctx, oneIdHarness, type OneIdHarness } from './harness.js';

/*
 * The ownership rule of `UserWrite` against OneID: a user that existed before the bridge (adopted) keeps its role and
 * every field the IdP does not change, and the bridge sends exactly the calls a change needs.
 */

let h: OneIdHarness;
afterEach(async () => h.close());

const REBECCA = 'rebecca.lindqvist@example.com';

/** A OneID organization before the bridge: an Organization Admin with her own locale and display name, in a group. */
async function adopted(config: Parameters<typeof oneIdHarness>[0] = {}) {
  h = await oneIdHarness({
    config: { adminRoles: ['Org Admin'], adminGroups: ['Zuora Admins'], ...config.config },
    ...(config.sim ? { sim: config.sim } : {}),
  });
  const seeded = await seedOneId(
    h.sim,
    [{ userName: REBECCA, givenName: 'Rebecca', familyName: 'Lindqvist', displayName: 'Becky L.', role: 'ADMIN', preferredLanguage: 'sv', locale: 'sv-SE' }],
    [{ displayName: 'Tenant Administrators', description: 'Every tenant permission', members: [REBECCA] }],
  );
  const id = seeded.users[REBECCA] as string;
  const read = (await h.adapter.users.get(id, ctx())) as UpstreamUser;
  // The bridge's view of an adopted user is what OneID holds.
  const view = h.adapter.users.merge(undefined, read);
  h.sim.resetCalls();
  return { id, view, current: { ...read, user: view }, before: structuredClone(h.sim.getUser(id)), groupId: seeded.groups['Tenant Administrators'] as string };
}

const writes = (x: OneIdHarness) =>
  x.sim
    .calls()
    .filter((c) => c.method !== 'GET')
    .map((c) => `${c.method} ${c.route}`);
const calls = (x: OneIdHarness) => x.sim.calls().map((c) => `${c.method} ${c.route}`);

describe('an adopted OneID user', () => {
  it('reads with its state: role, active and OneID’s status', async () => {
    const { current } = await adopted();
    expect(current.state).toEqual({ role: 'ADMIN', active: true, status: 'ACTIVE' });
  });

  it('costs no call when the IdP changes only what OneID does not hold', async () => {
    const { id, view, current, before } = await adopted();
    const next: ScimUser = { ...view, title: 'CFO', phoneNumbers: [{ value: '+46 8 123 456' }] };
    const result = await h.adapter.users.replace(
      id,
      { user: next, groupNames: ['Tenant Administrators'], previous: { user: view, groupNames: ['Tenant Administrators'] } },
      ctx(),
      current,
    );
    expect(calls(h)).toEqual([]);
    expect(result.state).toEqual({ role: 'ADMIN', active: true, status: 'ACTIVE' });
    expect(h.sim.getUser(id)).toEqual(before);
  });

  it('keeps its role, names, language, SSO and groups when the IdP changes its locale: one read, one PUT', async () => {
    const { id, view, current, before, groupId } = await adopted();
    const result = await h.adapter.users.replace(
      id,
      { user: { ...view, locale: 'en-GB' }, groupNames: [], previous: { user: view, groupNames: [] } },
      ctx(),
      current,
    );
    expect(calls(h)).toEqual(['GET /scim/v2/Users/:id', 'PUT /scim/v2/Users/:id']);
    expect(h.sim.getUser(id)).toEqual({ ...before, locale: 'en-GB', lastModified: expect.any(String) });
    expect(h.sim.getGroup(groupId)?.members).toEqual([id]);
    expect(result.state).toEqual({ role: 'ADMIN', active: true, status: 'ACTIVE' });
  });

  it('keeps its names when a PUT from the IdP sends none, and fills none', async () => {
    const { id, view, current, before } = await adopted();
    const put: ScimUser = {
      schemas: view.schemas,
      userName: REBECCA,
      active: true,
      emails: [{ value: REBECCA, type: 'work', primary: true }],
      displayName: 'Rebecca',
    };
    await h.adapter.users.replace(id, { user: put, groupNames: [], previous: { user: view, groupNames: [] } }, ctx(), current);
    expect(writes(h)).toEqual(['PUT /scim/v2/Users/:id']);
    expect(h.sim.getUser(id)).toEqual({ ...before, displayName: 'Rebecca', lastModified: expect.any(String) });
  });

  it('is not demoted by a membership change of a group no rule names', async () => {
    const { id, view, current } = await adopted();
    await h.adapter.users.replace(id, { user: view, groupNames: ['Engineering'], previous: { user: view, groupNames: [] } }, ctx(), current);
    expect(calls(h)).toEqual([]);
    expect(h.sim.getUser(id)?.roles).toEqual(['ADMIN']);
  });

  it('becomes USER when it leaves the admin group it was in, and ADMIN again when it joins', async () => {
    const { id, view, current } = await adopted();
    await h.adapter.users.replace(id, { user: view, groupNames: [], previous: { user: view, groupNames: ['Zuora Admins'] } }, ctx(), current);
    expect(h.sim.getUser(id)?.roles).toEqual(['USER']);
    const demoted = (await h.adapter.users.get(id, ctx())) as UpstreamUser;
    const demotedView = h.adapter.users.merge(view, demoted);
    await h.adapter.users.replace(id, { user: demotedView, groupNames: ['zuora admins'], previous: { user: demotedView, groupNames: [] } }, ctx(), demoted);
    expect(h.sim.getUser(id)?.roles).toEqual(['ADMIN']);
  });

  it('follows an explicit role value the IdP sends, and keeps OneID’s role once it stops', async () => {
    const { id, view, current } = await adopted();
    const asUser = { ...view, roles: [...(view.roles ?? []), { value: 'USER' }] };
    await h.adapter.users.replace(id, { user: asUser, groupNames: [], previous: { user: view, groupNames: [] } }, ctx(), current);
    expect(h.sim.getUser(id)?.roles).toEqual(['USER']);
  });

  it('gets back exactly the role and active state drift enforcement restores', async () => {
    const { id, view, current } = await adopted();
    await h.adapter.users.replace(
      id,
      { user: view, groupNames: [], previous: { user: view, groupNames: [] }, restore: { role: 'USER', active: false } },
      ctx(),
      current,
    );
    expect(h.sim.getUser(id)).toMatchObject({ roles: ['USER'], active: false, status: 'INACTIVE' });
  });

  it('sets and changes ssoEnabled when the IdP says so', async () => {
    const { id, view, current } = await adopted();
    const off = { ...view, [USER_EXTENSION]: { ...(view[USER_EXTENSION] as object), ssoEnabled: false } };
    await h.adapter.users.replace(id, { user: off, groupNames: [], previous: { user: view, groupNames: [] } }, ctx(), current);
    expect(h.sim.getUser(id)?.ssoEnabled).toBe(false);
  });
});

describe('in a read-only context (scim-bridge plan)', () => {
  it('reads, answers what it would write, and sends nothing else', async () => {
    const { id, view, current, before } = await adopted();
    const plan = { ...ctx(), readOnly: true };
    const result = await h.adapter.users.replace(
      id,
      { user: { ...view, locale: 'en-GB' }, groupNames: ['Zuora Admins'], previous: { user: view, groupNames: [] } },
      plan,
      current,
    );
    expect(result.user).toMatchObject({ locale: 'en-GB' });
    expect(result.state).toEqual({ role: 'ADMIN', active: true, status: 'ACTIVE' });
    const created = await h.adapter.users.create(
      { user: { schemas: view.schemas, userName: 'new@example.com', emails: [{ value: 'new@example.com' }] }, groupNames: [] },
      plan,
    );
    expect(created.state).toMatchObject({ role: 'USER', active: true });
    await h.adapter.users.delete(id, plan);
    const groups = h.adapter.groups as UpstreamGroups;
    await groups.create({ schemas: [GROUP_SCHEMA], displayName: 'Planned' }, plan);
    await groups.modify('g-1', { displayName: 'Renamed', addMemberIds: [], removeMemberIds: [] }, plan);
    await groups.replace('g-1', { schemas: [GROUP_SCHEMA], displayName: 'Renamed' }, plan);
    await groups.delete('g-1', plan);
    expect(writes(h)).toEqual([]);
    expect(calls(h)).toEqual(['GET /scim/v2/Users/:id']);
    expect(h.sim.getUser(id)).toEqual(before);
    expect(h.sim.users()).toHaveLength(1);
  });
});

describe('a create', () => {
  it('fills what OneID requires and the default role', async () => {
    h = await oneIdHarness();
    const created = await h.adapter.users.create(
      { user: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'grace.hopper@example.com' }, groupNames: [] },
      ctx(),
    );
    expect(h.sim.getUser(created.upstreamId)).toMatchObject({
      name: { givenName: 'grace.hopper', familyName: 'grace.hopper' },
      roles: ['USER'],
      locale: 'en-US',
    });
  });
});
