import { describe, expect, it } from 'vitest';
import { createZscalerZiaSimulator } from '../src/zscaler-zia/index.js';
import { ZIA_LIVE_DEPARTMENTS, ZIA_LIVE_GROUPS, ZIA_LIVE_USERS } from '../src/zscaler-zia/live-seed.js';
import { createZuoraOneIdSimulator } from '../src/zuora-oneid/index.js';
import { ONEID_LIVE_GROUPS, ONEID_LIVE_USERS } from '../src/zuora-oneid/live-seed.js';
import { createZuoraRestSimulator } from '../src/zuora-rest/index.js';
import { ZUORA_REST_LIVE_PROFILES, ZUORA_REST_LIVE_USERS } from '../src/zuora-rest/live-seed.js';

/*
 * `seedProfile: 'live'` seeds each simulator as a customer's tenant would be before the bridge: these tests hold the
 * seeds to what issue 10's brownfield tests need (admins, custom profiles and groups, a deactivated user, unmapped
 * fields), and check that the simulators serve exactly the seed files, the same way every time.
 */

const count = <T>(items: readonly T[], test: (item: T) => boolean) => items.filter(test).length;

describe('Zuora REST live seed', () => {
  const sim = createZuoraRestSimulator({ seedProfile: 'live' });
  const profileName = (id: string) => sim.profiles().find((p) => p.id === id)?.name;
  const users = sim.users();

  it('has the stock profiles and a custom one', () => {
    expect(sim.profiles().map((p) => p.name)).toEqual(['Administrator', 'Standard User', 'Read Only', 'Billing Clerk', 'Collections Specialist']);
  });

  it('has two Administrators, a Read Only, a Billing Clerk, several Standard Users, someone on the custom profile and an Inactive user', () => {
    expect(count(users, (u) => profileName(u.profileId) === 'Administrator')).toBe(2);
    expect(count(users, (u) => profileName(u.profileId) === 'Read Only')).toBeGreaterThanOrEqual(1);
    expect(count(users, (u) => profileName(u.profileId) === 'Billing Clerk')).toBeGreaterThanOrEqual(1);
    expect(count(users, (u) => profileName(u.profileId) === 'Standard User')).toBeGreaterThanOrEqual(3);
    expect(count(users, (u) => profileName(u.profileId) === 'Collections Specialist')).toBeGreaterThanOrEqual(1);
    expect(count(users, (u) => u.status === 'Inactive')).toBe(1);
  });

  it('has usernames that are not emails and the optional details people fill in', () => {
    expect(count(users, (u) => !u.username.includes('@'))).toBeGreaterThanOrEqual(1);
    for (const field of ['title', 'department', 'phoneNumber', 'timezone', 'locale'] as const) {
      expect(
        count(users, (u) => u[field] !== undefined),
        field,
      ).toBeGreaterThanOrEqual(1);
    }
  });

  it('holds exactly the seed file (ids and dates included), the same in every simulator', () => {
    expect(users).toEqual(ZUORA_REST_LIVE_USERS.map((u) => ({ ...u, tenantId: sim.tenantId })));
    expect(createZuoraRestSimulator({ seedProfile: 'live' }).users()).toEqual(users);
    expect(ZUORA_REST_LIVE_PROFILES.map((p) => p.id)).toEqual(sim.profiles().map((p) => p.id));
  });

  it('adds ordinary users on top: no Administrators, none Inactive', () => {
    const extra = createZuoraRestSimulator({ seedProfile: 'live' });
    const added = extra.seedUsers(10);
    expect(extra.users()).toHaveLength(ZUORA_REST_LIVE_USERS.length + 10);
    expect(added.every((u) => u.profileId !== 'p-admin' && u.status === 'Active')).toBe(true);
    expect(count(added, (u) => u.profileId === 'p-standard')).toBeGreaterThan(added.length / 2);
  });

  it('plain stays as it was: no users, the stock profiles, users dealt over every profile', () => {
    const plain = createZuoraRestSimulator();
    expect(plain.users()).toEqual([]);
    expect(plain.profiles()).toHaveLength(4);
    expect(plain.seedUsers(4).map((u) => u.profileId)).toEqual(['p-admin', 'p-standard', 'p-readonly', 'p-billing']);
  });
});

describe('Zuora OneID live seed', () => {
  const sim = createZuoraOneIdSimulator({ seedProfile: 'live' });
  const users = sim.users();

  it('has ADMIN and USER users and one deactivated user', () => {
    expect(count(users, (u) => u.roles.includes('ADMIN'))).toBeGreaterThanOrEqual(2);
    expect(count(users, (u) => u.roles.includes('USER'))).toBeGreaterThanOrEqual(3);
    const inactive = users.filter((u) => !u.active);
    expect(inactive).toHaveLength(1);
    expect(inactive[0]?.status).toBe('INACTIVE');
    expect(count(users, (u) => !u.ssoEnabled)).toBeGreaterThanOrEqual(1);
  });

  it('has groups the bridge does not manage, with descriptions and members', () => {
    const groups = sim.groups();
    expect(groups.length).toBeGreaterThanOrEqual(3);
    expect(count(groups, (g) => g.description !== '' && g.members.length > 0)).toBeGreaterThanOrEqual(3);
    expect(groups.map((g) => g.displayName)).not.toContain('Administrators');
    const ids = new Set(users.map((u) => u.id));
    expect(groups.every((g) => g.members.every((m) => ids.has(m)))).toBe(true);
  });

  it('holds exactly the seed file, in this organization and region, the same in every simulator', () => {
    expect(users).toEqual(ONEID_LIVE_USERS.map((u) => ({ ...u, organizationId: sim.orgId, region: 'US' })));
    expect(sim.groups()).toEqual(ONEID_LIVE_GROUPS.map((g) => ({ ...g, organizationId: sim.orgId })));
    const again = createZuoraOneIdSimulator({ seedProfile: 'live', orgId: sim.orgId });
    expect(again.users()).toEqual(users);
  });

  it('serves the seed through the SCIM API: roles, groups and the deactivated status', async () => {
    const token = sim.issueToken();
    const res = await sim.app.inject({
      method: 'GET',
      url: '/scim/v2/Users?filter=userName eq "noah.fischer@example.com"',
      headers: { authorization: `Bearer ${token}` },
    });
    const [noah] = (res.json() as { resources: Array<Record<string, unknown>> }).resources;
    expect(noah).toMatchObject({ active: false, roles: [{ value: 'USER' }], groups: [{ value: ONEID_LIVE_GROUPS[3]?.id }] });
  });

  it('adds ordinary users on top: Standard Users only', () => {
    const extra = createZuoraOneIdSimulator({ seedProfile: 'live' });
    expect(extra.seedUsers(6).every((u) => u.roles.join() === 'USER')).toBe(true);
    expect(extra.users()).toHaveLength(ONEID_LIVE_USERS.length + 6);
    expect(
      createZuoraOneIdSimulator()
        .seedUsers(6)
        .filter((u) => u.roles.includes('ADMIN')),
    ).toHaveLength(2);
  });
});

describe('ZIA live seed', () => {
  const sim = createZscalerZiaSimulator({ seedProfile: 'live' });
  const users = sim.users();
  const inGroup = (name: string) => users.filter((u) => u.groups.some((g) => g.name === name));

  it('has several departments and groups, a Disabled Users group with one user, and an admin’s own groups', () => {
    expect(sim.departments().length).toBeGreaterThanOrEqual(5);
    expect(sim.groups().length).toBeGreaterThanOrEqual(8);
    expect(inGroup('Disabled Users').map((u) => u.email)).toEqual(['patrick.doyle@example.com']);
    expect(inGroup('Security Team - SSL Inspection Bypass').length).toBeGreaterThanOrEqual(1);
    expect(inGroup('Executives - Unrestricted').length).toBeGreaterThanOrEqual(1);
  });

  it('has users in several groups each, with comments, and every user field the simulator models', () => {
    expect(count(users, (u) => u.groups.length >= 2)).toBeGreaterThanOrEqual(5);
    expect(count(users, (u) => u.comments !== undefined)).toBeGreaterThanOrEqual(5);
    expect(count(users, (u) => u.tempAuthEmail !== undefined)).toBeGreaterThanOrEqual(1);
    expect(count(users, (u) => u.adminUser)).toBeGreaterThanOrEqual(1);
    expect(users.map((u) => u.type)).toEqual(expect.arrayContaining(['ADMIN', 'AUDITOR']));
    expect(count(sim.departments(), (d) => d.idpId !== undefined && d.comments !== undefined)).toBeGreaterThanOrEqual(1);
    expect(count(sim.groups(), (g) => g.comments !== undefined)).toBeGreaterThanOrEqual(3);
  });

  it('holds exactly the seed file, all of it live policy and nothing pending', () => {
    expect(sim.departments()).toEqual(ZIA_LIVE_DEPARTMENTS);
    expect(sim.groups()).toEqual(ZIA_LIVE_GROUPS);
    expect(users.map((u) => u.id)).toEqual(ZIA_LIVE_USERS.map((u) => u.id));
    for (const { id, fields } of ZIA_LIVE_USERS) {
      const user = sim.getUser(id);
      expect(user).toMatchObject({ email: fields.email, name: fields.name, department: { id: fields.departmentId } });
      expect(user?.groups.map((g) => g.id)).toEqual(fields.groupIds);
    }
    expect(sim.activeUsers()).toEqual(users);
    expect(sim.status()).toBe('ACTIVE');
    expect(sim.pendingChanges()).toEqual([]);
  });

  it('adds ordinary users on top: never in Disabled Users or an admin’s groups; new ids follow the seeded ones', () => {
    const extra = createZscalerZiaSimulator({ seedProfile: 'live' });
    const added = extra.seedUsers(12);
    const special = ['Disabled Users', 'Security Team - SSL Inspection Bypass', 'Executives - Unrestricted', 'Contractors'];
    expect(added.every((u) => u.groups.length >= 1 && u.groups.every((g) => !special.includes(g.name)))).toBe(true);
    expect(Math.min(...added.map((u) => u.id))).toBeGreaterThan(Math.max(...ZIA_LIVE_USERS.map((u) => u.id)));
    expect(extra.pendingChanges()).toEqual([]);
  });
});
