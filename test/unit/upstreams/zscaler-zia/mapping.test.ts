import { describe, expect, it } from 'vitest';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type ScimUser } from '../../../../src/scim/resource.js';
import { creationNeeds, fromZia, mergeIntoScim, newZiaUser, stateOf, type ZiaMappingRules } from '../../../../src/upstreams/zscaler-zia/mapping.js';

const dir = {
  departments: [
    { id: 10, name: 'Engineering' },
    { id: 11, name: 'Finance' },
  ],
  groups: [
    { id: 20, name: 'Admins' },
    { id: 21, name: 'Sales' },
    { id: 22, name: 'Disabled Users' },
  ],
};
const rules: ZiaMappingRules = {
  groupLinks: { 'Okta Sales': 'Sales' },
  comments: 'by scim-bridge',
  disabledGroup: 'Disabled Users',
  login: { from: 'userNameOrEmail' },
};
const scim = (extra: Partial<ScimUser> = {}): ScimUser => ({
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
  userName: 'ann@acme.com',
  name: { givenName: 'Ann', familyName: 'Lee' },
  [ENTERPRISE_USER_SCHEMA]: { department: 'finance' },
  ...extra,
});

describe('SCIM → a new ZIA user', () => {
  it('maps the login, name, department by name, groups by name or link, and the configured comments', () => {
    expect(newZiaUser(scim(), ['Admins', 'Okta Sales', 'Not in ZIA'], dir, rules)).toEqual({
      name: 'Ann Lee',
      email: 'ann@acme.com',
      department: { id: 11, name: 'Finance' },
      groups: [
        { id: 20, name: 'Admins' },
        { id: 21, name: 'Sales' },
      ],
      comments: 'by scim-bridge',
    });
  });

  it('fills the name with the userName when the IdP sends none', () => {
    expect(newZiaUser(scim({ name: undefined }), [], dir, rules).name).toBe('ann@acme.com');
  });

  it('a user created inactive joins the disabled group', () => {
    expect(newZiaUser(scim({ active: false }), ['Admins'], dir, rules).groups.map((g) => g.name)).toEqual(['Admins', 'Disabled Users']);
    expect(creationNeeds(scim({ active: false }), ['Okta Sales'], rules)).toEqual({ departments: ['finance'], groups: ['Sales', 'Disabled Users'] });
  });

  it('names a missing department and asks for one when none is given', () => {
    expect(() => newZiaUser(scim({ [ENTERPRISE_USER_SCHEMA]: { department: 'Marketing' } }), [], dir, rules)).toThrow(/no department named "Marketing"/);
    expect(() => newZiaUser(scim({ [ENTERPRISE_USER_SCHEMA]: {} }), [], dir, rules)).toThrow(/requires a department/);
    expect(newZiaUser(scim({ [ENTERPRISE_USER_SCHEMA]: {} }), [], dir, { ...rules, defaultDepartment: 'Engineering' }).department.id).toBe(10);
  });

  it('names what the login rule needs when it finds no login', () => {
    expect(() => newZiaUser(scim({ userName: 'ann', emails: [] }), [], dir, rules)).toThrow(/^emails: .*email address/);
    expect(() => newZiaUser(scim({ userName: 'ann' }), [], dir, { ...rules, login: { from: 'userName' } })).toThrow(/^userName: /);
  });
});

describe('ZIA → SCIM', () => {
  const z = {
    id: 7,
    name: 'Ann Lee',
    email: 'ann@acme.com',
    groups: [
      { id: 22, name: 'Disabled Users' },
      { id: 20, name: 'Admins' },
    ],
    department: { id: 11, name: 'Finance' },
  };

  it('reads the disabled group as active=false and the department into the enterprise extension', () => {
    expect(fromZia(z, rules)).toMatchObject({
      userName: 'ann@acme.com',
      displayName: 'Ann Lee',
      active: false,
      [ENTERPRISE_USER_SCHEMA]: { department: 'Finance' },
    });
    expect(fromZia({ ...z, groups: [] }, rules).active).toBe(true);
  });

  it("reads ZIA's one name back as given and family name (the last word)", () => {
    expect(fromZia({ ...z, name: 'Mary Ann Lee' }, rules).name).toEqual({ givenName: 'Mary Ann', familyName: 'Lee' });
    expect(fromZia({ ...z, name: 'Cher' }, rules).name).toBeUndefined();
  });

  it('state is the department and the group names, sorted', () => {
    expect(stateOf(z)).toEqual({ department: 'Finance', groups: ['Admins', 'Disabled Users'] });
  });
});

describe("merge: the IdP's view over what ZIA holds", () => {
  const z = { id: 7, name: 'Ann Lee', email: 'ann@acme.com', groups: [], department: { id: 11, name: 'Finance' } };

  it('keeps name parts, other emails, the userName as sent and the department as spelt', () => {
    const base = scim({
      userName: 'Ann@ACME.com',
      emails: [
        { value: 'ann@acme.com', type: 'work', primary: true },
        { value: 'ann@home.org', type: 'home' },
      ],
      externalId: 'e1',
    });
    const merged = mergeIntoScim(base, fromZia(z, rules), rules);
    expect(merged).toMatchObject({
      userName: 'Ann@ACME.com',
      externalId: 'e1',
      name: { givenName: 'Ann' },
      active: true,
      [ENTERPRISE_USER_SCHEMA]: { department: 'finance' },
    });
    expect(merged.emails).toHaveLength(2);
  });

  it("keeps a userName that is no address, and emails exactly as sent, when ZIA's login is the one made from them", () => {
    const base = scim({ userName: 'DOMAIN\\ann', emails: [{ value: 'ANN@acme.com' }, { value: 'ann@home.org', type: 'home' }] });
    const merged = mergeIntoScim(base, fromZia(z, rules), rules);
    expect(merged.userName).toBe('DOMAIN\\ann');
    expect(merged.emails).toEqual(base.emails);
  });

  it('keeps emails that do not carry the login when the login comes from the userName at a domain', () => {
    const atDomain = { ...rules, login: { from: 'userNameAtDomain' as const, domain: 'acme.com' } };
    const base = scim({ userName: 'ann', emails: [{ value: 'ann.lee@elsewhere.org', type: 'work', primary: true }] });
    const merged = mergeIntoScim(base, fromZia(z, atDomain), atDomain);
    expect(merged).toMatchObject({ userName: 'ann', emails: [{ value: 'ann.lee@elsewhere.org', type: 'work', primary: true }] });
  });

  it("shows ZIA's login when it is not the one the view makes", () => {
    const merged = mergeIntoScim(scim({ userName: 'other@acme.com', emails: [{ value: 'other@acme.com', primary: true }] }), fromZia(z, rules), rules);
    expect(merged.userName).toBe('ann@acme.com');
    expect(merged.emails?.map((e) => [e.value, e.primary])).toEqual([
      ['ann@acme.com', true],
      ['other@acme.com', false],
    ]);
  });

  it("shows ZIA's department when it differs from the one sent", () => {
    expect(
      mergeIntoScim(scim({ [ENTERPRISE_USER_SCHEMA]: { department: 'Sales', employeeNumber: '7' } }), fromZia(z, rules), rules)[ENTERPRISE_USER_SCHEMA],
    ).toEqual({ department: 'Finance', employeeNumber: '7' });
  });

  it('adds no displayName ZIA only derived from the name parts, so a later change of them still reaches ZIA', () => {
    const base = scim({ name: { givenName: 'Ann', familyName: 'Lee' } });
    expect(mergeIntoScim(base, fromZia({ ...z, name: 'Ann Lee' }, rules), rules).displayName).toBeUndefined();
    expect(mergeIntoScim(base, fromZia({ ...z, name: 'Renamed in ZIA' }, rules), rules).displayName).toBe('Renamed in ZIA');
  });

  it("shows no name where the IdP sends none (ZIA keeps its own, a fill or an administrator's)", () => {
    const nameless = scim({ name: undefined });
    expect(mergeIntoScim(nameless, fromZia({ ...z, name: 'ann@acme.com' }, rules), rules).displayName).toBeUndefined();
    expect(mergeIntoScim(nameless, fromZia({ ...z, name: 'Set by an admin' }, rules), rules).displayName).toBeUndefined();
  });
});
