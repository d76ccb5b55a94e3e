import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../../../src/scim/patch/index.js';
import type { PatchOperation, ScimResource, ScimUser } from '../../../../src/scim/resource.js';
import { deepFreeze, ENTERPRISE, enterpriseUser, fullUser, group, groupSchema, minimalUser, userSchema } from './fixtures.js';

const patchUser = (user: ScimResource, ...ops: PatchOperation[]): ScimUser => applyPatch(user as ScimUser, ops, userSchema);

describe('purity', () => {
  it('returns a new resource and touches neither the input nor the operations', () => {
    const user = deepFreeze(enterpriseUser());
    const ops = deepFreeze<PatchOperation[]>([
      { op: 'add', path: 'emails', value: [{ value: 'new@example.com', type: 'other', primary: true }] },
      { op: 'replace', path: 'addresses[type eq "work"]', value: { locality: 'Burbank' } },
      { op: 'replace', path: `${ENTERPRISE}:manager`, value: { value: 'm-2' } },
      { op: 'remove', path: 'phoneNumbers[type eq "mobile"]' },
      { op: 'replace', value: { 'name.givenName': 'Babs', active: false } },
    ]);
    const result = patchUser(user, ...ops);
    expect(result).not.toBe(user);
    expect(user).toStrictEqual(enterpriseUser());
    expect(result.emails![0]!.primary).toBe(false);
    result.emails![2]!.value = 'changed@example.com';
    expect((ops[0]!.value as { value: string }[])[0]!.value).toBe('new@example.com');
  });
});

describe('primary uniqueness (RFC 7643 §2.4)', () => {
  it('adding a primary email takes primary away from the old one', () => {
    const result = patchUser(fullUser(), { op: 'add', path: 'emails', value: { value: 'b@example.net', type: 'other', primary: true } });
    expect(result.emails!.map((e) => [e.value, e.primary])).toStrictEqual([
      ['bjensen@example.com', false],
      ['babs@jensen.org', undefined],
      ['b@example.net', true],
    ]);
  });

  it('marking another element primary through a filter demotes the current primary', () => {
    const result = patchUser(fullUser(), { op: 'replace', path: 'emails[type eq "home"].primary', value: true });
    expect(result.emails).toStrictEqual([
      { value: 'bjensen@example.com', type: 'work', primary: false },
      { value: 'babs@jensen.org', type: 'home', primary: true },
    ]);
  });

  it('a non-primary add leaves the current primary alone', () => {
    const result = patchUser(fullUser(), { op: 'add', path: 'emails', value: [{ value: 'c@example.net', type: 'other' }] });
    expect(result.emails!.filter((e) => e.primary === true).map((e) => e.value)).toStrictEqual(['bjensen@example.com']);
  });
});

describe('case-insensitive attribute names (RFC 7643 §2.1)', () => {
  it('writes the canonical name whatever case the path uses', () => {
    const user = minimalUser();
    const result = patchUser(user, { op: 'add', path: 'NAME.GIVENNAME', value: 'Barbara' }, { op: 'add', path: 'DisplayName', value: 'Babs' });
    expect(result).toStrictEqual({ ...user, name: { givenName: 'Barbara' }, displayName: 'Babs' });
  });

  it('replaces a key stored with other casing instead of duplicating it', () => {
    const user = { ...minimalUser(), DisplayName: 'Old', Name: { GivenName: 'Old', familyName: 'Jensen' } };
    const result = patchUser(user, { op: 'replace', path: 'displayName', value: 'New' }, { op: 'replace', path: 'name.givenName', value: 'New' });
    expect(result).toStrictEqual({ ...minimalUser(), displayName: 'New', name: { givenName: 'New', familyName: 'Jensen' } });
  });

  it('matches URNs, value filters and sub-attributes in any case', () => {
    const result = patchUser(
      enterpriseUser(),
      { op: 'replace', path: 'URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:Department', value: 'Sales' },
      { op: 'replace', path: 'EMAILS[TYPE eq "work"].VALUE', value: 'x@example.com' },
    );
    expect((result[ENTERPRISE] as Record<string, unknown>).department).toBe('Sales');
    expect(result.emails![0]).toStrictEqual({ value: 'x@example.com', type: 'work', primary: true });
  });

  it('canonicalises keys inside values', () => {
    const result = patchUser(minimalUser(), { op: 'add', value: { NickName: 'B', Emails: [{ Value: 'a@b.c', TYPE: 'work' }] } });
    expect(result).toMatchObject({ nickName: 'B', emails: [{ value: 'a@b.c', type: 'work' }] });
    expect(Object.keys(result)).not.toContain('NickName');
  });
});

describe('add', () => {
  it('merges the given sub-attributes into a complex attribute', () => {
    const result = patchUser(fullUser(), { op: 'add', path: 'name', value: { givenName: 'Babs', middleName: 'J' } });
    expect(result.name).toStrictEqual({ ...fullUser().name, givenName: 'Babs', middleName: 'J' });
  });

  it('without a path adds each attribute; a URN key holds extension attributes and lists the URN', () => {
    const user = minimalUser();
    const result = patchUser(user, { op: 'add', value: { title: 'Guide', [ENTERPRISE]: { department: 'Tours', manager: { value: 'm-1' } } } });
    expect(result).toStrictEqual({
      ...user,
      schemas: [...user.schemas, ENTERPRISE],
      title: 'Guide',
      [ENTERPRISE]: { department: 'Tours', manager: { value: 'm-1' } },
    });
  });

  it('an empty value adds nothing', () => {
    const user = minimalUser();
    expect(patchUser(user, { op: 'add', path: 'emails', value: [] }, { op: 'add', path: `${ENTERPRISE}:department`, value: '' })).toStrictEqual(user);
  });

  it('through a filter matching nothing, creates the element the filter describes', () => {
    const result = patchUser(minimalUser(), { op: 'add', path: 'phoneNumbers[type eq "mobile"]', value: { value: '555-0100' } });
    expect(result.phoneNumbers).toStrictEqual([{ type: 'mobile', value: '555-0100' }]);
  });

  it('ignores readOnly sub-attributes sent inside a value', () => {
    const result = patchUser(minimalUser(), { op: 'add', path: `${ENTERPRISE}:manager`, value: { value: 'm-1', displayName: 'John' } });
    expect(result[ENTERPRISE]).toStrictEqual({ manager: { value: 'm-1' } });
  });
});

describe('replace', () => {
  it('keeps the sub-attributes of a complex attribute that the value does not name', () => {
    expect(patchUser(fullUser(), { op: 'replace', path: 'name', value: { familyName: 'Smith' } }).name).toStrictEqual({
      ...fullUser().name,
      familyName: 'Smith',
    });
  });

  it('an empty sub-attribute inside a complex value unassigns it', () => {
    const { middleName: _middle, ...rest } = fullUser().name!;
    expect(patchUser(fullUser(), { op: 'replace', path: 'name', value: { middleName: '' } }).name).toStrictEqual(rest);
  });

  it('through a filter, merges into every match', () => {
    const user = {
      ...fullUser(),
      phoneNumbers: [
        { value: '1', type: 'work' },
        { value: '2', type: 'work' },
        { value: '3', type: 'home' },
      ],
    };
    const result = patchUser(user, { op: 'replace', path: 'phoneNumbers[type eq "work"]', value: { display: 'desk' } });
    expect(result.phoneNumbers).toStrictEqual([
      { value: '1', type: 'work', display: 'desk' },
      { value: '2', type: 'work', display: 'desk' },
      { value: '3', type: 'home' },
    ]);
  });

  it('without a path merges a complex key and replaces a multi-valued one', () => {
    const result = patchUser(fullUser(), { op: 'replace', value: { name: { givenName: 'B' }, ims: [{ value: 'babs', type: 'skype' }] } });
    expect(result.name).toStrictEqual({ ...fullUser().name, givenName: 'B' });
    expect(result.ims).toStrictEqual([{ value: 'babs', type: 'skype' }]);
  });

  it('with an empty list removes a multi-valued attribute', () => {
    expect(patchUser(fullUser(), { op: 'replace', path: 'phoneNumbers', value: [] })).not.toHaveProperty('phoneNumbers');
  });

  it('replace with an empty value on a whole extension URN removes the extension', () => {
    const { [ENTERPRISE]: _ext, ...rest } = enterpriseUser();
    expect(patchUser(enterpriseUser(), { op: 'replace', value: { [ENTERPRISE]: null } })).toStrictEqual({ ...rest, schemas: fullUser().schemas });
  });
});

describe('remove', () => {
  it('removes a sub-attribute of a complex attribute', () => {
    const { middleName: _m, ...name } = fullUser().name!;
    expect(patchUser(fullUser(), { op: 'remove', path: 'name.middleName' }).name).toStrictEqual(name);
  });

  it('removes a sub-attribute of the matching elements only', () => {
    const [work, home] = fullUser().addresses as Record<string, unknown>[];
    const { formatted: _formatted, ...homeWithoutFormatted } = home!;
    const result = patchUser(fullUser(), { op: 'remove', path: 'addresses[type eq "home"].formatted' });
    expect(result.addresses).toStrictEqual([work, homeWithoutFormatted]);
  });

  it('removing the value of an element removes the element', () => {
    expect(patchUser(fullUser(), { op: 'remove', path: 'emails[type eq "work"].value' }).emails).toStrictEqual([fullUser().emails![1]]);
  });

  it('removing an attribute that is not there is a no-op', () => {
    const user = minimalUser();
    expect(patchUser(user, { op: 'remove', path: 'nickName' }, { op: 'remove', path: `${ENTERPRISE}:manager` })).toStrictEqual(user);
  });

  it('a bare extension URN path removes the whole extension and its schemas entry', () => {
    const { [ENTERPRISE]: _ext, ...rest } = enterpriseUser();
    expect(patchUser(enterpriseUser(), { op: 'remove', path: ENTERPRISE })).toStrictEqual({ ...rest, schemas: fullUser().schemas });
  });

  it('remove members without a filter empties the group', () => {
    expect(applyPatch(group(), [{ op: 'remove', path: 'members' }], groupSchema)).not.toHaveProperty('members');
  });
});
