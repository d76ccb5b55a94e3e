import { afterEach, describe, expect, it } from 'vitest';
import { ONEID_ROLE_TYPE } from '../../../../src/upstreams/zuora-oneid/mapping.js';
import { USER_EXTENSION } from '../../../../src/upstreams/zuora-oneid/oneid-wire.js';
import { ctx, idpUser, oneIdHarness, type OneIdHarness } from './harness.js';

let h: OneIdHarness;
afterEach(async () => h.close());

describe('create fills what OneID requires and IdPs do not send', () => {
  it('sends organizationId, preferredLanguage, locale, a role and the externalId in the one POST', async () => {
    h = await oneIdHarness({ config: { preferredLanguage: 'fr', locale: 'fr-FR' } });

    const created = await h.adapter.users.create({ user: idpUser('ada@example.com', { externalId: 'okta-00u1' }), groupNames: [] }, ctx());

    expect(h.sim.count('POST', '/scim/v2/Users')).toBe(1);
    expect(h.sim.getUser(created.upstreamId)).toMatchObject({
      organizationId: h.sim.orgId,
      userName: 'ada@example.com',
      externalId: 'okta-00u1',
      preferredLanguage: 'fr',
      locale: 'fr-FR',
      roles: ['USER'],
      active: true,
      status: 'ACTIVE',
    });
    expect(created.user.roles).toEqual([{ value: 'USER', display: 'USER', type: ONEID_ROLE_TYPE }]);
    expect(created.state).toEqual({ role: 'USER', active: true, status: 'ACTIVE' });
    expect(created.user[USER_EXTENSION]).toMatchObject({ organizationId: h.sim.orgId, status: 'ACTIVE' });
  });

  it('defaults the federated id to the userName when the IdP sends no externalId', async () => {
    h = await oneIdHarness();
    const created = await h.adapter.users.create({ user: idpUser('bob@example.com'), groupNames: [] }, ctx());
    expect(h.sim.getUser(created.upstreamId)?.externalId).toBe('bob@example.com');
  });

  it('makes ADMINs from the configured roles and groups, case-insensitively, and USERs of everyone else', async () => {
    h = await oneIdHarness({ config: { adminRoles: ['Org Admin'], adminGroups: ['Zuora Admins'] } });
    const make = async (userName: string, roles: string[], groupNames: string[]) => {
      const u = await h.adapter.users.create({ user: idpUser(userName, { roles: roles.map((value) => ({ value })) }), groupNames }, ctx());
      return h.sim.getUser(u.upstreamId)?.roles;
    };

    expect(await make('r@example.com', ['org admin'], [])).toEqual(['ADMIN']);
    expect(await make('g@example.com', [], ['zuora admins'])).toEqual(['ADMIN']);
    expect(await make('x@example.com', ['ADMIN'], [])).toEqual(['ADMIN']);
    expect(await make('u@example.com', ['Billing'], ['Engineering'])).toEqual(['USER']);
  });

  it('reactivates and updates a deactivated OneID user with the same userName instead of failing', async () => {
    h = await oneIdHarness();
    const old = await h.adapter.users.create({ user: idpUser('ada@example.com'), groupNames: [] }, ctx());
    await h.adapter.users.delete(old.upstreamId, ctx());

    const created = await h.adapter.users.create({ user: idpUser('Ada@example.com', { locale: 'en-GB' }), groupNames: [] }, ctx());

    expect(created.upstreamId).toBe(old.upstreamId);
    expect(h.sim.getUser(old.upstreamId)).toMatchObject({ userName: 'Ada@example.com', locale: 'en-GB', active: true, status: 'ACTIVE' });
    expect(h.sim.users()).toHaveLength(1);
  });

  it('keeps a create that meets an active user with the same userName a conflict', async () => {
    h = await oneIdHarness();
    await h.adapter.users.create({ user: idpUser('ada@example.com'), groupNames: [] }, ctx());
    await expect(h.adapter.users.create({ user: idpUser('ada@example.com', { locale: 'en-GB' }), groupNames: [] }, ctx())).rejects.toMatchObject({
      kind: 'conflict',
    });
    expect(h.seen('PUT')).toHaveLength(0);
  });

  it('refuses a user without an email address before calling OneID', async () => {
    h = await oneIdHarness();
    await expect(h.adapter.users.create({ user: idpUser('no-address', { emails: [] }), groupNames: [] }, ctx())).rejects.toMatchObject({ kind: 'invalid' });
    expect(h.seen('POST')).toHaveLength(0);
  });
});

describe('replace', () => {
  it('makes no request when nothing OneID holds would change, even with attributes OneID cannot hold', async () => {
    h = await oneIdHarness();
    const created = await h.adapter.users.create({ user: idpUser('ada@example.com'), groupNames: [] }, ctx());
    const view = h.adapter.users.merge(idpUser('ada@example.com'), created);
    h.sim.resetCalls();

    const next = { ...view, nickName: 'Countess', phoneNumbers: [{ value: '+44 20 7946 0000' }] };
    const result = await h.adapter.users.replace(created.upstreamId, { user: next, groupNames: [] }, ctx(), { upstreamId: created.upstreamId, user: view });

    expect(h.sim.calls()).toHaveLength(0);
    expect(result.user).toMatchObject({ userName: 'ada@example.com', roles: [expect.objectContaining({ value: 'USER' })] });
    expect(result.user[USER_EXTENSION]).toMatchObject({ status: 'ACTIVE', region: 'US' });
  });

  it('sends one full PUT when the role changes because the user joined an admin group', async () => {
    h = await oneIdHarness({ config: { adminGroups: ['Zuora Admins'] } });
    const created = await h.adapter.users.create({ user: idpUser('ada@example.com'), groupNames: [] }, ctx());
    const view = h.adapter.users.merge(idpUser('ada@example.com'), created);
    h.sim.resetCalls();

    const promoted = await h.adapter.users.replace(created.upstreamId, { user: view, groupNames: ['Zuora Admins'] }, ctx(), {
      upstreamId: created.upstreamId,
      user: view,
    });
    expect(h.sim.count('PUT', '/scim/v2/Users/:id')).toBe(1);
    expect(h.sim.getUser(created.upstreamId)?.roles).toEqual(['ADMIN']);

    const adminView = h.adapter.users.merge(view, promoted);
    await h.adapter.users.replace(created.upstreamId, { user: adminView, groupNames: [] }, ctx(), { upstreamId: created.upstreamId, user: adminView });
    expect(h.sim.getUser(created.upstreamId)?.roles).toEqual(['USER']);
    expect(h.sim.count('PUT', '/scim/v2/Users/:id')).toBe(2);
  });

  it('PUTs the whole user, so attributes OneID holds are not cleared by the overwrite', async () => {
    h = await oneIdHarness();
    const created = await h.adapter.users.create({ user: idpUser('ada@example.com', { locale: 'en-GB', externalId: 'okta-1' }), groupNames: [] }, ctx());
    const view = h.adapter.users.merge(idpUser('ada@example.com', { locale: 'en-GB', externalId: 'okta-1' }), created);

    await h.adapter.users.replace(
      created.upstreamId,
      { user: { ...view, title: 'x', name: { givenName: 'Augusta', familyName: 'Lovelace' } }, groupNames: [] },
      ctx(),
      { upstreamId: created.upstreamId, user: view },
    );

    expect(h.sim.getUser(created.upstreamId)).toMatchObject({ locale: 'en-GB', externalId: 'okta-1', preferredLanguage: 'en', name: { givenName: 'Augusta' } });
  });
});

describe('DELETE is OneID’s deactivate', () => {
  it('leaves the user readable and inactive, and a replace with active=true reactivates it', async () => {
    h = await oneIdHarness();
    expect(h.adapter.capabilities).toEqual({ nativeGroups: true, deleteMode: 'deactivate' });
    const created = await h.adapter.users.create({ user: idpUser('ada@example.com'), groupNames: [] }, ctx());

    await h.adapter.users.delete(created.upstreamId, ctx());
    const after = await h.adapter.users.get(created.upstreamId, ctx());
    expect(after?.user).toMatchObject({ active: false, [USER_EXTENSION]: { status: 'INACTIVE' } });
    expect(h.sim.count('DELETE', '/scim/v2/Users/:id')).toBe(1);

    const view = h.adapter.users.merge(idpUser('ada@example.com'), after ?? created);
    const revived = await h.adapter.users.replace(created.upstreamId, { user: { ...view, active: true }, groupNames: [] }, ctx(), {
      upstreamId: created.upstreamId,
      user: view,
    });
    expect(revived.user).toMatchObject({ active: true, [USER_EXTENSION]: { status: 'ACTIVE' } });
    expect(h.sim.getUser(created.upstreamId)?.status).toBe('ACTIVE');
  });

  it('treats deleting a user OneID does not know as done', async () => {
    h = await oneIdHarness();
    await expect(h.adapter.users.delete('7d3f1a3e-0000-4000-8000-000000000000', ctx())).resolves.toBeUndefined();
  });
});

describe('listing users', () => {
  it('reads OneID’s lower-case `resources` page by page with RFC item indexes, every user once', async () => {
    h = await oneIdHarness({ config: { usersPageSize: 40 } });
    h.sim.seedUsers(101);

    const seen: string[] = [];
    for await (const page of h.adapter.users.list(ctx())) seen.push(...page.map((u) => u.upstreamId));

    expect(seen).toHaveLength(101);
    expect(new Set(seen).size).toBe(101);
    expect(h.seen('GET', '/scim/v2/Users').map((r) => r.url)).toEqual([
      '/scim/v2/Users?startIndex=1&count=40',
      '/scim/v2/Users?startIndex=41&count=40',
      '/scim/v2/Users?startIndex=81&count=40',
    ]);
  });
});
