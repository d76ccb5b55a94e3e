import { describe, expect, it } from 'vitest';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type ScimUser } from '../../../../src/scim/resource.js';
import { applyAsked, askedChanges, changesInZia } from '../../../../src/upstreams/zscaler-zia/asked-changes.js';
import type { ZiaMappingRules } from '../../../../src/upstreams/zscaler-zia/mapping.js';

const dir = {
  departments: [
    { id: 10, name: 'Engineering' },
    { id: 11, name: 'Finance' },
  ],
  groups: [
    { id: 20, name: 'Admins' },
    { id: 21, name: 'Sales' },
    { id: 22, name: 'Disabled Users' },
    { id: 23, name: 'Contractors' },
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
  active: true,
  [ENTERPRISE_USER_SCHEMA]: { department: 'Finance' },
  ...extra,
});
/** A user as an administrator left it in ZIA: groups the mapping does not name, comments, a type… */
const adopted = {
  id: 7,
  name: 'Ann Lee',
  email: 'ann@acme.com',
  department: { id: 11, name: 'Finance' },
  groups: [
    { id: 23, name: 'Contractors' },
    { id: 22, name: 'Disabled Users' },
  ],
  comments: 'hired by Bob',
  tempAuthEmail: 'ann@temp.org',
  adminUser: true,
  type: 'AUDITOR',
  deleted: false,
};
const write = (user: ScimUser, groupNames: string[], previous?: { user: ScimUser; groupNames: string[] }) => ({
  user,
  groupNames,
  ...(previous ? { previous } : {}),
});

describe('what a write asks of an existing ZIA user', () => {
  it('a change to an attribute ZIA does not hold asks nothing', () => {
    const before = scim();
    expect(askedChanges(write(scim({ nickName: 'Annie', title: 'CFO' }), ['Sales'], { user: before, groupNames: ['Sales'] }), rules)).toEqual({
      addGroups: [],
      removeGroups: [],
    });
  });

  it('a name change asks the name, and keeps every other field and group as read', () => {
    const asked = askedChanges(write(scim({ displayName: 'Ann L.' }), [], { user: scim(), groupNames: [] }), rules);
    expect(asked).toEqual({ name: 'Ann L.', addGroups: [], removeGroups: [] });
    const target = applyAsked(adopted, asked, dir, rules);
    expect(target).toEqual({ ...adopted, id: undefined, name: 'Ann L.' } as unknown as typeof target);
    expect('id' in target).toBe(false);
  });

  it("no name sent keeps ZIA's: the userName fill is for creation only", () => {
    expect(askedChanges(write(scim({ name: undefined }), [], { user: scim(), groupNames: [] }), rules).name).toBeUndefined();
  });

  it('joining a mapped group adds its ZIA group; leaving removes it unless another group still maps to it', () => {
    const before = { user: scim(), groupNames: ['Okta Sales', 'Sales'] };
    expect(askedChanges(write(scim(), ['Okta Sales', 'Sales', 'Admins'], before), rules)).toMatchObject({ addGroups: ['Admins'], removeGroups: [] });
    expect(askedChanges(write(scim(), ['Sales'], before), rules)).toMatchObject({ addGroups: [], removeGroups: [] });
    const left = askedChanges(write(scim(), [], before), rules);
    expect(left.removeGroups).toEqual(['Sales', 'Sales']);
    const target = applyAsked({ ...adopted, groups: [...adopted.groups, { id: 21, name: 'Sales' }] }, left, dir, rules);
    expect(target.groups.map((g) => g.name)).toEqual(['Contractors', 'Disabled Users']);
  });

  it('active changes add or remove the disabled group only', () => {
    const off = askedChanges(write(scim({ active: false }), [], { user: scim(), groupNames: [] }), rules);
    expect(off).toMatchObject({ addGroups: ['Disabled Users'], removeGroups: [] });
    const on = askedChanges(write(scim(), [], { user: scim({ active: false }), groupNames: [] }), rules);
    expect(applyAsked(adopted, on, dir, rules).groups.map((g) => g.name)).toEqual(['Contractors']);
    // Unchanged `active` leaves an administrator's disabled group alone.
    expect(askedChanges(write(scim({ displayName: 'X' }), [], { user: scim(), groupNames: [] }), rules).removeGroups).toEqual([]);
  });

  it("a department sent that differs from the one sent before is asked; none sent keeps ZIA's", () => {
    const before = { user: scim(), groupNames: [] };
    expect(askedChanges(write(scim({ [ENTERPRISE_USER_SCHEMA]: { department: 'engineering' } }), [], before), rules).department).toBe('engineering');
    expect(askedChanges(write(scim({ [ENTERPRISE_USER_SCHEMA]: {} }), [], before), rules).department).toBeUndefined();
    expect(askedChanges(write(scim({ [ENTERPRISE_USER_SCHEMA]: { department: 'FINANCE' } }), [], before), rules).department).toBeUndefined();
    const target = applyAsked(adopted, askedChanges(write(scim({ [ENTERPRISE_USER_SCHEMA]: { department: 'engineering' } }), [], before), rules), dir, rules);
    expect(target.department).toEqual({ id: 10, name: 'Engineering' });
    expect(() => applyAsked(adopted, askedChanges(write(scim({ [ENTERPRISE_USER_SCHEMA]: { department: 'Legal' } }), [], before), rules), dir, rules)).toThrow(
      /"Legal"/,
    );
  });

  it('a login change is asked (for the adapter to refuse); a change of case is not', () => {
    const before = { user: scim(), groupNames: [] };
    expect(askedChanges(write(scim({ userName: 'ANN@acme.com' }), [], before), rules).login).toBeUndefined();
    expect(askedChanges(write(scim({ userName: 'ann.lee@acme.com' }), [], before), rules).login).toEqual({ value: 'ann.lee@acme.com', carrier: 'userName' });
  });

  it('without previous, nothing is known to have been left: groups are only added', () => {
    const asked = askedChanges(write(scim(), ['Admins'], undefined), rules, scim());
    expect(asked).toMatchObject({ addGroups: ['Admins'], removeGroups: [] });
  });

  it('restore sets department and groups exactly', () => {
    const asked = askedChanges(
      { ...write(scim(), [], { user: scim(), groupNames: [] }), restore: { department: 'Engineering', groups: ['Admins', 'Sales'] } },
      rules,
    );
    const target = applyAsked(adopted, asked, dir, rules);
    expect(target.department.name).toBe('Engineering');
    expect(target.groups.map((g) => g.name)).toEqual(['Admins', 'Sales']);
    expect(changesInZia(target, adopted)).toBe(true);
  });

  it('only name, department and the set of groups count as changes', () => {
    const { id: _id, ...same } = adopted;
    expect(changesInZia({ ...same, comments: 'other', groups: [...adopted.groups].reverse() }, adopted)).toBe(false);
    expect(changesInZia({ ...same, name: 'Other' }, adopted)).toBe(true);
  });
});
