import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { USER_SCHEMA, type ScimUser } from '../../../../src/scim/resource.js';
import type { UpstreamUser, UserWrite } from '../../../../src/upstreams/upstream.js';
import { ctx, seeded, zuoraRestAdapterHarness, type ZuoraRestAdapterHarness } from './harness.js';

/*
 * The ownership rule of `UserWrite` for Zuora REST, at the adapter: a write changes only what it asks for. Users are
 * seeded in the simulator as a tenant has them before the bridge (profiles spread over Administrator, Standard User,
 * Read Only, Billing Clerk) and adopted as the reconciler adopts them (listed, merged onto nothing). The mapping is
 * the e2e harness's: roles admin/billing, groups Administrators/Billing Team/Auditors, default Standard User.
 */

let h: ZuoraRestAdapterHarness;
beforeEach(async () => {
  h = await zuoraRestAdapterHarness();
  h.sim.seedUsers(5);
});
afterEach(async () => h.close());

/** The write the core passes for a PATCH or PUT: the user as the IdP wants it now, and what it was before. */
const writeOf = (current: UpstreamUser, user: ScimUser, groupNames: string[] = [], previousGroups: string[] = groupNames): UserWrite => ({
  user,
  groupNames,
  previous: { user: current.user, groupNames: previousGroups },
});

const puts = () => h.writes().filter((w) => w.method === 'PUT');

describe('an adopted user written for an unrelated change', () => {
  it('keeps its Administrator profile, its names and the fields the bridge does not map: one PUT of the title', async () => {
    const admin = seeded(h.sim, 'p-admin');
    await h.consoleEdit(admin.id, { userType: 'Regular', title: 'Controller' });
    const current = await h.adopted(admin.id);
    expect(current.state).toEqual({ profile: 'Administrator', status: 'Active' });

    const result = await h.adapter.users.replace(admin.id, writeOf(current, { ...current.user, title: 'CFO' }), ctx(), current);

    expect(h.writes()).toEqual([{ method: 'PUT', url: `/v1/users/${admin.id}`, body: { title: 'CFO' } }]);
    expect(h.sim.getUser(admin.id)).toMatchObject({
      profileId: 'p-admin',
      userType: 'Regular',
      title: 'CFO',
      firstName: admin.firstName,
      lastName: admin.lastName,
    });
    expect(result.state).toEqual({ profile: 'Administrator', status: 'Active' });
  });

  it.each(['p-admin', 'p-readonly', 'p-billing'])('a %s user in an unmapped group, written again unchanged: no call at all', async (profileId) => {
    const z = seeded(h.sim, profileId);
    const current = await h.adopted(z.id);
    await h.adapter.users.replace(z.id, writeOf(current, current.user, ['Engineering'], []), ctx(), current);
    expect(h.writes()).toEqual([]);
    expect(h.sim.getUser(z.id)?.profileId).toBe(profileId);
  });

  it("a PUT without name keeps Zuora's names (no fill after creation)", async () => {
    const z = seeded(h.sim, 'p-readonly');
    await h.consoleEdit(z.id, { firstName: 'Jane', lastName: 'Doe' });
    const current = await h.adopted(z.id);
    const withoutName: ScimUser = {
      schemas: [USER_SCHEMA],
      userName: z.username,
      emails: [{ value: z.email, type: 'work', primary: true }],
      active: true,
      title: 'Analyst',
    };
    const result = await h.adapter.users.replace(z.id, writeOf(current, withoutName), ctx(), current);
    expect(h.writes()).toEqual([{ method: 'PUT', url: `/v1/users/${z.id}`, body: { title: 'Analyst' } }]);
    expect(h.sim.getUser(z.id)).toMatchObject({ firstName: 'Jane', lastName: 'Doe', profileId: 'p-readonly' });
    expect(result.user.name).toEqual({ givenName: 'Jane', familyName: 'Doe' });
  });

  it('clearing title, phone, department, locale and timezone reaches Zuora as null, and Zuora no longer holds them', async () => {
    const z = seeded(h.sim, 'p-billing');
    await h.consoleEdit(z.id, { title: 'Clerk', phoneNumber: '+1 555 0100', department: 'Billing', locale: 'en_US', timezone: 'UTC' });
    const current = await h.adopted(z.id);
    const { title: _t, phoneNumbers: _p, locale: _l, timezone: _z, ...rest } = current.user;
    const cleared: ScimUser = { ...rest, schemas: [USER_SCHEMA] };
    delete cleared['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'];
    await h.adapter.users.replace(z.id, writeOf(current, cleared), ctx(), current);
    expect(puts().map((w) => w.body)).toEqual([{ title: null, phoneNumber: null, department: null, locale: null, timezone: null }]);
    const after = h.sim.getUser(z.id) as unknown as Record<string, unknown>;
    for (const field of ['title', 'phoneNumber', 'department', 'locale', 'timezone']) expect(after[field]).toBeUndefined();
  });

  it('removing the last email address is refused, naming emails, and nothing is sent', async () => {
    const z = seeded(h.sim, 'p-standard');
    const current = await h.adopted(z.id);
    const { emails: _e, ...noEmail } = current.user;
    await expect(h.adapter.users.replace(z.id, writeOf(current, noEmail), ctx(), current)).rejects.toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/^emails: /),
    });
    const placeholderOnly = { ...current.user, emails: [{ value: 'emailName357', type: 'work', primary: true }] };
    await expect(h.adapter.users.replace(z.id, writeOf(current, placeholderOnly), ctx(), current)).rejects.toMatchObject({ kind: 'invalid' });
    expect(h.writes()).toEqual([]);
    expect(h.sim.getUser(z.id)?.email).toBe(z.email);
  });
});

describe('inputs of the profile', () => {
  it('a mapped role sent: the profile is recomputed, one PUT of profileId', async () => {
    const z = seeded(h.sim, 'p-readonly');
    const current = await h.adopted(z.id);
    const roles = [...(current.user.roles ?? []), { value: 'billing' }];
    const result = await h.adapter.users.replace(z.id, writeOf(current, { ...current.user, roles }), ctx(), current);
    expect(puts().map((w) => w.body)).toEqual([{ profileId: 'p-billing' }]);
    expect(result.state).toEqual({ profile: 'Billing Clerk', status: 'Active' });
  });

  it('joining a mapped group recomputes; leaving the last one returns to the default', async () => {
    const z = seeded(h.sim, 'p-readonly');
    const current = await h.adopted(z.id);
    const joined = await h.adapter.users.replace(z.id, writeOf(current, current.user, ['Administrators', 'Engineering'], ['Engineering']), ctx(), current);
    expect(h.sim.getUser(z.id)?.profileId).toBe('p-admin');
    const now = { ...joined, user: h.adapter.users.merge(current.user, joined) };
    await h.adapter.users.replace(z.id, writeOf(now, now.user, ['Engineering'], ['Administrators', 'Engineering']), ctx(), now);
    expect(h.sim.getUser(z.id)?.profileId).toBe('p-standard');
    expect(puts().map((w) => w.body)).toEqual([{ profileId: 'p-admin' }, { profileId: 'p-standard' }]);
  });

  it('a profile an admin chose in Zuora survives writes that do not touch its inputs', async () => {
    const z = seeded(h.sim, 'p-standard');
    const before = await h.adopted(z.id);
    const inGroup = await h.adapter.users.replace(z.id, writeOf(before, before.user, ['Billing Team'], []), ctx(), before);
    // Later an admin makes the user an Administrator in Zuora's console; the bridge reads it back.
    await h.consoleEdit(z.id, { profileId: 'p-admin' });
    const read = (await h.adapter.users.get(z.id, ctx())) as UpstreamUser;
    const current = { ...read, user: h.adapter.users.merge(h.adapter.users.merge(before.user, inGroup), read) };
    h.resetWrites();
    await h.adapter.users.replace(z.id, writeOf(current, { ...current.user, title: 'Lead' }, ['Billing Team']), ctx(), current);
    expect(puts().map((w) => w.body)).toEqual([{ title: 'Lead' }]);
    expect(h.sim.getUser(z.id)?.profileId).toBe('p-admin');
  });

  it('drift enforcement restores the profile and status given, exactly', async () => {
    const z = seeded(h.sim, 'p-billing');
    await h.consoleEdit(z.id, { profileId: 'p-admin', status: 'Inactive' });
    const current = (await h.adapter.users.get(z.id, ctx())) as UpstreamUser;
    const write = { ...writeOf(current, { ...current.user, active: true }), restore: { profile: 'Billing Clerk', status: 'Active' } };
    const result = await h.adapter.users.replace(z.id, write, ctx(), current);
    expect(puts().map((w) => w.body)).toEqual([{ profileId: 'p-billing', status: 'Active' }]);
    expect(result.state).toEqual({ profile: 'Billing Clerk', status: 'Active' });
    expect(h.sim.getUser(z.id)).toMatchObject({ profileId: 'p-billing', status: 'Active' });
  });

  it('at creation: the mapped profile, else the default', async () => {
    const make = (userName: string, extra: Partial<ScimUser>, groupNames: string[] = []) =>
      h.adapter.users.create({ user: { schemas: [USER_SCHEMA], userName, emails: [{ value: userName, primary: true }], ...extra }, groupNames }, ctx());
    const plain = await make('plain@example.com', {});
    const admin = await make('admin@example.com', { roles: [{ value: 'admin' }] });
    const auditor = await make('auditor@example.com', {}, ['Auditors']);
    expect([plain, admin, auditor].map((u) => h.sim.getUser(u.upstreamId)?.profileId)).toEqual(['p-standard', 'p-admin', 'p-readonly']);
    expect([plain, admin, auditor].map((u) => u.state?.profile)).toEqual(['Standard User', 'Administrator', 'Read Only']);
  });
});

describe('the answer of a write is the drift baseline', () => {
  it('create and replace answer exactly what a later read of Zuora shows (user and state)', async () => {
    const created = await h.adapter.users.create(
      {
        user: {
          schemas: [USER_SCHEMA],
          userName: 'base@example.com',
          emails: [{ value: 'base@example.com', primary: true }],
          title: 'T',
          phoneNumbers: [{ value: '+1 555 0100' }],
        },
        groupNames: ['Auditors'],
      },
      ctx(),
    );
    expect(await h.adapter.users.get(created.upstreamId, ctx())).toEqual(created);
    const current = { ...created, user: h.adapter.users.merge(undefined, created) };
    const { phoneNumbers: _p, ...withoutPhone } = current.user;
    const replaced = await h.adapter.users.replace(
      created.upstreamId,
      writeOf(current, { ...withoutPhone, locale: 'en_US', active: false }, [], ['Auditors']),
      ctx(),
      current,
    );
    expect(replaced.state).toEqual({ profile: 'Standard User', status: 'Inactive' });
    expect(await h.adapter.users.get(created.upstreamId, ctx())).toEqual(replaced);
  });
});

describe('read-only contexts (plan)', () => {
  it('replace answers what it would write and sends nothing; create and delete send nothing', async () => {
    const z = seeded(h.sim, 'p-readonly');
    const current = await h.adopted(z.id);
    h.sim.resetCalls();
    const planned = await h.adapter.users.replace(z.id, writeOf(current, { ...current.user, title: 'Planned' }, ['Administrators'], []), ctx(true), current);
    expect(planned.state).toEqual({ profile: 'Administrator', status: 'Active' });
    expect(planned.user.title).toBe('Planned');
    const created = await h.adapter.users.create(
      { user: { schemas: [USER_SCHEMA], userName: 'new@example.com', emails: [{ value: 'new@example.com' }] }, groupNames: [] },
      ctx(true),
    );
    expect(created.user).toMatchObject({ userName: 'new@example.com', emails: [{ value: 'new@example.com' }] });
    await h.adapter.users.delete(z.id, ctx(true));
    expect(h.sim.calls().filter((c) => c.method !== 'GET')).toEqual([]);
    expect(h.sim.getUser(z.id)).toMatchObject({ profileId: 'p-readonly', status: 'Active' });
    expect(h.sim.users().some((u) => u.username === 'new@example.com')).toBe(false);
  });
});

describe('state on every user the adapter returns', () => {
  it('list, get, create and replace carry {profile, status}', async () => {
    const states: unknown[] = [];
    for await (const page of h.adapter.users.list(ctx())) states.push(...page.map((u) => u.state));
    expect(states).toEqual([
      { profile: 'Administrator', status: 'Active' },
      { profile: 'Standard User', status: 'Active' },
      { profile: 'Read Only', status: 'Active' },
      { profile: 'Billing Clerk', status: 'Active' },
      { profile: 'Administrator', status: 'Active' },
    ]);
    const created = await h.adapter.users.create(
      { user: { schemas: [USER_SCHEMA], userName: 'off@example.com', emails: [{ value: 'off@example.com' }], active: false }, groupNames: [] },
      ctx(),
    );
    expect(created.state).toEqual({ profile: 'Standard User', status: 'Inactive' });
    expect((await h.adapter.users.get(created.upstreamId, ctx()))?.state).toEqual({ profile: 'Standard User', status: 'Inactive' });
  });
});
