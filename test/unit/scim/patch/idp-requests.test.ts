import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../../../src/scim/patch/index.js';
import type { ScimGroup, ScimUser } from '../../../../src/scim/resource.js';
import { ENTERPRISE, enterpriseUser, fullUser, group, groupSchema, minimalUser, userSchema } from './fixtures.js';

/** What IdPs actually send (docs/idps.md), after the request normaliser has cleaned it up. */

const MANAGER = `${ENTERPRISE}:manager`;
const BABS = '2819c223-7f76-453a-919d-413861904646';
const MANDY = '902c246b-6245-4190-8e05-00816be7344a';

describe('Microsoft Entra ID', () => {
  it('replace emails[type eq "work"].value creates the work email when the user has none', () => {
    const user = minimalUser();
    const result = applyPatch(user, [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'bjensen@contoso.com' }], userSchema);
    expect(result).toStrictEqual({ ...user, emails: [{ type: 'work', value: 'bjensen@contoso.com' }] });
  });

  it('replace emails[type eq "work"].value changes only that value when the work email exists', () => {
    const user = fullUser();
    const result = applyPatch(user, [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'babs@contoso.com' }], userSchema);
    expect(result.emails).toStrictEqual([{ value: 'babs@contoso.com', type: 'work', primary: true }, user.emails![1]]);
  });

  it('add of the enterprise manager {value} creates the extension and lists its URN in schemas', () => {
    const user = minimalUser();
    const result = applyPatch(user, [{ op: 'add', path: MANAGER, value: { value: '26118915-6090-4610-87e4-49d8ca9f808d' } }], userSchema);
    expect(result).toStrictEqual({
      ...user,
      schemas: [...user.schemas, ENTERPRISE],
      [ENTERPRISE]: { manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' } },
    });
  });

  it('add of the manager replaces the previous one on a user that has one', () => {
    const result = applyPatch(enterpriseUser(), [{ op: 'add', path: `${MANAGER}.value`, value: 'new-manager' }], userSchema);
    expect((result[ENTERPRISE] as { manager: unknown }).manager).toStrictEqual({
      value: 'new-manager',
      $ref: '../Users/26118915-6090-4610-87e4-49d8ca9f808d',
      displayName: 'John Smith',
    });
  });

  for (const empty of ['', null, []]) {
    it(`replace of the manager with ${JSON.stringify(empty)} removes it and keeps the rest of the extension`, () => {
      const user = enterpriseUser();
      const result = applyPatch(user, [{ op: 'replace', path: MANAGER, value: empty }], userSchema);
      const { manager: _manager, ...rest } = user[ENTERPRISE] as Record<string, unknown>;
      expect(result).toStrictEqual({ ...user, [ENTERPRISE]: rest });
    });
  }

  it('removing the only enterprise attribute drops the extension object and its URN from schemas', () => {
    const user = minimalUser();
    const withManager = applyPatch(user, [{ op: 'add', path: MANAGER, value: { value: 'm-1' } }], userSchema);
    expect(applyPatch(withManager, [{ op: 'replace', path: MANAGER, value: '' }], userSchema)).toStrictEqual(user);
  });

  it('replace active false deactivates the user', () => {
    expect(applyPatch(fullUser(), [{ op: 'replace', path: 'active', value: false }], userSchema).active).toBe(false);
  });

  it('one op per attribute: name.familyName, a URN-qualified employeeNumber, the core URN prefix, externalId', () => {
    const user = enterpriseUser();
    const result = applyPatch(
      user,
      [
        { op: 'replace', path: 'name.familyName', value: 'Jensen-Smith' },
        { op: 'replace', path: `${ENTERPRISE}:employeeNumber`, value: '42' },
        { op: 'replace', path: 'urn:ietf:params:scim:schemas:core:2.0:User:name.givenName', value: 'Babs' },
        { op: 'replace', path: 'externalId', value: 'b-701984' },
      ],
      userSchema,
    );
    expect(result).toStrictEqual({
      ...user,
      externalId: 'b-701984',
      name: { ...user.name, familyName: 'Jensen-Smith', givenName: 'Babs' },
      [ENTERPRISE]: { ...(user[ENTERPRISE] as object), employeeNumber: '42' },
    });
  });

  it('add of a previously empty single-valued attribute sets it', () => {
    const user = minimalUser();
    expect(applyPatch(user, [{ op: 'add', path: 'nickName', value: 'Babs' }], userSchema)).toStrictEqual({ ...user, nickName: 'Babs' });
  });

  it('member removals normalised to one members[value eq] per member remove those present and skip the rest', () => {
    const g = group();
    const ops = [BABS, 'already-gone'].map((id) => ({ op: 'remove' as const, path: `members[value eq "${id}"]` }));
    expect(applyPatch(g, ops, groupSchema).members).toStrictEqual([g.members![1]]);
  });
});

describe('Okta', () => {
  it('group rename: no-path replace of {id, displayName, members} renames, replaces members and ignores id', () => {
    const g = group();
    const value = { id: 'some-other-id', displayName: 'Tour Guides EU', members: [{ value: MANDY, display: 'mandy@example.com' }] };
    const result = applyPatch<ScimGroup>(g, [{ op: 'replace', value }], groupSchema);
    expect(result).toStrictEqual({ ...g, displayName: 'Tour Guides EU', members: [{ value: MANDY, display: 'mandy@example.com' }] });
  });

  it('deactivation: no-path replace {active: false}', () => {
    const user = fullUser();
    expect(applyPatch<ScimUser>(user, [{ op: 'replace', value: { active: false } }], userSchema)).toStrictEqual({ ...user, active: false });
  });

  it('removing the last member removes the members attribute', () => {
    const g = group();
    const { members: _members, ...empty } = g;
    const ops = [BABS, MANDY].map((id) => ({ op: 'remove' as const, path: `members[value eq "${id}"]` }));
    expect(applyPatch(g, ops, groupSchema)).toStrictEqual(empty);
  });

  it('full push: replace members with a list', () => {
    const result = applyPatch(group(), [{ op: 'replace', path: 'members', value: [{ value: 'u-1' }, { value: 'u-2' }] }], groupSchema);
    expect(result.members).toStrictEqual([{ value: 'u-1' }, { value: 'u-2' }]);
  });
});

describe('JumpCloud and other repeaters', () => {
  it('repeated member adds are idempotent: same value is the same member, whatever else is sent', () => {
    const g = group();
    const add = { op: 'add' as const, path: 'members', value: [{ value: 'u-3' }] };
    const again = { op: 'add' as const, path: 'members', value: [{ value: 'u-3', type: 'User' }, { value: BABS }] };
    expect(applyPatch(g, [add, add, again], groupSchema).members).toStrictEqual([...g.members!, { value: 'u-3' }]);
  });

  it('a member add given as a single object rather than an array is one member', () => {
    const g = group();
    expect(applyPatch(g, [{ op: 'add', path: 'members', value: { value: 'u-4' } }], groupSchema).members).toStrictEqual([...g.members!, { value: 'u-4' }]);
  });

  it('removing a member who is not in the group is a no-op', () => {
    const g = group();
    expect(applyPatch(g, [{ op: 'remove', path: 'members[value eq "not-a-member"]' }], groupSchema)).toStrictEqual(g);
  });
});
