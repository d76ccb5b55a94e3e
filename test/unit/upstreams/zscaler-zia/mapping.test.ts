import { describe, expect, it } from 'vitest';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type ScimUser } from '../../../../src/scim/resource.js';
import { changesInZia, directoryNeeds, fromZia, mergeIntoScim, toZiaUser, ziaEmailOf } from '../../../../src/upstreams/zscaler-zia/mapping.js';

const dir = {
  departments: [{ id: 10, name: 'Engineering' }, { id: 11, name: 'Finance' }],
  groups: [{ id: 20, name: 'Admins' }, { id: 21, name: 'Sales' }, { id: 22, name: 'Disabled Users' }],
};
const rules = { groupLinks: { 'Okta Sales': 'Sales' }, comments: 'by scim-bridge', disabledGroup: 'Disabled Users' };
const scim = (extra: Partial<ScimUser> = {}): ScimUser => ({
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA], userName: 'ann@acme.com', name: { givenName: 'Ann', familyName: 'Lee' },
  [ENTERPRISE_USER_SCHEMA]: { department: 'finance' }, ...extra,
});

describe('SCIM → ZIA user (upstreams.md §C.4)', () => {
  it('maps email, name, department by name and groups by name or link', () => {
    expect(toZiaUser(scim(), ['Admins', 'Okta Sales', 'Not in ZIA'], dir, rules)).toEqual({
      name: 'Ann Lee', email: 'ann@acme.com', department: { id: 11, name: 'Finance' },
      groups: [{ id: 20, name: 'Admins' }, { id: 21, name: 'Sales' }], comments: 'by scim-bridge',
    });
  });

  it('keeps what the bridge does not manage from the user as read (PUT is a full replacement)', () => {
    const current = { id: 7, name: 'Old', email: 'ann@acme.com', groups: [], department: { id: 10, name: 'Engineering' }, adminUser: true, type: 'AUDITOR', comments: 'set in ZIA' };
    const out = toZiaUser(scim({ displayName: 'Ann L.' }), [], dir, rules, current);
    expect(out).toMatchObject({ name: 'Ann L.', adminUser: true, type: 'AUDITOR', comments: 'set in ZIA', department: { id: 11 } });
    expect('id' in out).toBe(false);
  });

  it('a deactivated user joins the disabled group', () => {
    expect(toZiaUser(scim({ active: false }), ['Admins'], dir, rules).groups.map((g) => g.name)).toEqual(['Admins', 'Disabled Users']);
  });

  it('names a missing department and asks for one when none is given', () => {
    expect(() => toZiaUser(scim({ [ENTERPRISE_USER_SCHEMA]: { department: 'Marketing' } }), [], dir, rules)).toThrow(/no department named "Marketing"/);
    expect(() => toZiaUser(scim({ [ENTERPRISE_USER_SCHEMA]: {} }), [], dir, rules)).toThrow(/requires a department/);
    expect(toZiaUser(scim({ [ENTERPRISE_USER_SCHEMA]: {} }), [], dir, { ...rules, defaultDepartment: 'Engineering' }).department.id).toBe(10);
  });

  it('takes the email from userName, else the primary address', () => {
    expect(ziaEmailOf(scim({ userName: 'ann', emails: [{ value: 'x@acme.com', type: 'home' }, { value: 'ann@acme.com', primary: true }] }))).toBe('ann@acme.com');
    expect(ziaEmailOf(scim({ userName: 'ann', emails: [] }))).toBeUndefined();
  });
});

describe('ZIA → SCIM', () => {
  const z = { id: 7, name: 'Ann Lee', email: 'ann@acme.com', groups: [{ id: 22, name: 'Disabled Users' }], department: { id: 11, name: 'Finance' } };
  it('reads the disabled group as active=false and the department into the enterprise extension', () => {
    expect(fromZia(z, rules)).toMatchObject({ userName: 'ann@acme.com', displayName: 'Ann Lee', active: false, [ENTERPRISE_USER_SCHEMA]: { department: 'Finance' } });
    expect(fromZia({ ...z, groups: [] }, rules).active).toBe(true);
  });

  it('merge keeps name parts and other emails, and the userName case as sent', () => {
    const base = scim({ userName: 'Ann@ACME.com', emails: [{ value: 'ann@acme.com', type: 'work', primary: true }, { value: 'ann@home.org', type: 'home' }], externalId: 'e1' });
    const merged = mergeIntoScim(base, fromZia({ ...z, groups: [] }, rules));
    expect(merged).toMatchObject({ userName: 'Ann@ACME.com', externalId: 'e1', name: { givenName: 'Ann' }, active: true });
    expect(merged.emails).toHaveLength(2);
  });
});

describe('ZIA → SCIM: names and what counts as a change', () => {
  const z = { id: 7, name: 'Mary Ann Lee', email: 'mal@acme.com', groups: [{ id: 21, name: 'Sales' }], department: { id: 11, name: 'Finance' } };

  it('reads ZIA\'s one name back as given and family name (the last word)', () => {
    expect(fromZia(z, rules).name).toEqual({ givenName: 'Mary Ann', familyName: 'Lee' });
    expect(fromZia({ ...z, name: 'Cher' }, rules).name).toBeUndefined();
  });

  it('merge adds no displayName ZIA only derived from the name parts, so a later change of them still reaches ZIA', () => {
    const base = scim({ name: { givenName: 'Ann', familyName: 'Lee' } });
    expect(mergeIntoScim(base, fromZia({ ...z, name: 'Ann Lee' }, rules)).displayName).toBeUndefined();
    expect(mergeIntoScim(base, fromZia({ ...z, name: 'Renamed in ZIA' }, rules)).displayName).toBe('Renamed in ZIA');
  });

  it('only name, email (ignoring case), department and the set of groups are changes', () => {
    const target = { name: 'Mary Ann Lee', email: 'MAL@acme.com', department: { id: 11, name: 'Finance' }, groups: [{ id: 21, name: 'Sales' }], comments: 'other' };
    expect(changesInZia(target, z)).toBe(false);
    expect(changesInZia({ ...target, department: { id: 10, name: 'Engineering' } }, z)).toBe(true);
    expect(changesInZia({ ...target, groups: [] }, z)).toBe(true);
    expect(changesInZia({ ...target, name: 'Mary Lee' }, z)).toBe(true);
  });

  it('names the department and groups a write needs, links and the disabled group included', () => {
    expect(directoryNeeds(scim({ active: false }), ['Okta Sales'], rules)).toEqual({ departments: ['finance'], groups: ['Sales', 'Disabled Users'] });
  });
});
