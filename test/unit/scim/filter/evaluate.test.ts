import { describe, expect, it } from 'vitest';
import { ScimError } from '../../../../src/scim/errors.js';
import { matchesFilter, parseFilter } from '../../../../src/scim/filter/index.js';
import { ENTERPRISE_USER_SCHEMA, type JsonObject } from '../../../../src/scim/resource.js';
import { groupResourceSchema } from '../../../../src/scim/schemas/index.js';
import { loadRfcSample, user, userSchema } from './fixtures.js';

const matches = (filter: string, target: JsonObject): boolean => matchesFilter(target, parseFilter(filter), userSchema);
const enterprise = loadRfcSample('rfc7643-8.3-enterprise_user.json');

describe('matchesFilter: attribute names and paths', () => {
  it('matches attribute names in any case, in the filter and in the resource', () => {
    expect(matches('USERNAME eq "a"', user({ userName: 'a' }))).toBe(true);
    expect(matches('userName eq "a"', user({ USERNAME: 'a' }))).toBe(true);
    expect(matches('Name.FamilyName eq "jensen"', user({ name: { familyName: 'Jensen' } }))).toBe(true);
  });

  it('reads enterprise extension attributes through their URN, in any case', () => {
    expect(matches(`${ENTERPRISE_USER_SCHEMA}:employeeNumber eq "701984"`, enterprise)).toBe(true);
    expect(matches(`${ENTERPRISE_USER_SCHEMA.toLowerCase()}:EMPLOYEENUMBER eq "701984"`, enterprise)).toBe(true);
    expect(matches(`${ENTERPRISE_USER_SCHEMA}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`, enterprise)).toBe(true);
    expect(matches(`${ENTERPRISE_USER_SCHEMA}:employeeNumber eq "1"`, enterprise)).toBe(false);
  });

  it('does not look for an unqualified extension attribute in the extension (RFC 7644 §3.10)', () => {
    expect(matches('employeeNumber eq "701984"', enterprise)).toBe(false);
  });

  it('never matches, and never throws on, attributes the schema does not define', () => {
    const odd = user({ userName: 'a', favouriteColour: 'blue' });
    expect(matches('favouriteColour eq "blue"', odd)).toBe(false);
    expect(matches('favouriteColour pr', odd)).toBe(false);
    expect(matches('name.nickname eq "x"', odd)).toBe(false);
    expect(matches('urn:example:unknown:2.0:User:x eq "y"', odd)).toBe(false);
  });
});

describe('matchesFilter: string comparison', () => {
  it('ignores case unless the attribute is caseExact', () => {
    const u = user({
      userName: 'Babs',
      id: 'AbC-1',
      externalId: 'Ext-9',
      meta: { resourceType: 'User', created: '2020-01-01T00:00:00Z', lastModified: '2020-01-01T00:00:00Z', version: 'W/"Ab"' },
    });
    expect(matches('userName eq "BABS"', u)).toBe(true);
    expect(matches('id eq "AbC-1"', u)).toBe(true);
    expect(matches('id eq "abc-1"', u)).toBe(false);
    expect(matches('externalId eq "ext-9"', u)).toBe(false);
    expect(matches('meta.version eq "W/\\"ab\\""', u)).toBe(false);
    expect(matches('meta.version eq "W/\\"Ab\\""', u)).toBe(true);
  });

  it('supports co, sw, ew and lexicographic ordering', () => {
    const u = user({ userName: 'Barbara.Jensen' });
    expect(matches('userName co "A.J"', u)).toBe(true);
    expect(matches('userName sw "barb"', u)).toBe(true);
    expect(matches('userName ew "JENSEN"', u)).toBe(true);
    expect(matches('userName ew "barb"', u)).toBe(false);
    expect(matches('userName gt "b"', u)).toBe(true);
    expect(matches('userName lt "b"', u)).toBe(false);
  });

  it('compares a number literal with a string attribute by its string form', () => {
    expect(matches('externalId eq 701984', enterprise)).toBe(true);
    expect(matches('externalId eq 701985', enterprise)).toBe(false);
  });
});

describe('matchesFilter: other types', () => {
  it('compares dateTime attributes as instants, whatever their notation', () => {
    const u = user({ userName: 'a', meta: { resourceType: 'User', created: '2011-05-13T04:42:34.000Z', lastModified: '2011-05-13T04:42:34Z' } });
    expect(matches('meta.created eq "2011-05-13T06:42:34+02:00"', u)).toBe(true);
    expect(matches('meta.created gt "2011-05-13T05:42:34+02:00"', u)).toBe(true);
    // As strings, "2011-05-13T04:…" sorts before "2011-05-13T05:…"; as instants it is later.
    expect(matches('meta.lastModified lt "2011-05-13T05:42:34+02:00"', u)).toBe(false);
  });

  it('rejects a comparison value that is not a dateTime with invalidFilter', () => {
    expect(() => matches('meta.lastModified gt "yesterday"', user({ userName: 'a' }))).toThrow(/needs a dateTime/);
  });

  it('compares booleans, also against "True"/"False" strings', () => {
    expect(matches('active eq true', user({ active: true }))).toBe(true);
    expect(matches('active eq false', user({ active: true }))).toBe(false);
    expect(matches('active eq "True"', user({ active: true }))).toBe(true);
    expect(matches('active ne true', user({ active: false }))).toBe(true);
  });

  it('treats eq null as "absent" and ne null as "present"', () => {
    expect(matches('title eq null', user({ userName: 'a' }))).toBe(true);
    expect(matches('title eq null', user({ title: 'x' }))).toBe(false);
    expect(matches('title ne null', user({ title: 'x' }))).toBe(true);
  });

  it.each(['active gt true', 'active ge false', 'x509Certificates lt "MII"', 'userName gt true', 'userName co null'])(
    'rejects %j with 400 invalidFilter, even when nothing would be compared',
    (filter) => {
      let error: unknown;
      try {
        matches(filter, user({}));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ScimError);
      expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
    },
  );

  it('checks the whole filter, not only the part evaluation reaches', () => {
    expect(() => matches('userName eq "a" or active gt true', user({ userName: 'a' }))).toThrow(ScimError);
  });
});

describe('matchesFilter: presence and multi-valued attributes', () => {
  it('pr is false for null, "", [], and objects with nothing in them', () => {
    expect(matches('emails pr', user({ emails: [] }))).toBe(false);
    expect(matches('emails pr', user({ emails: [{ value: 'a@x.com' }] }))).toBe(true);
    expect(matches('name pr', user({ name: {} }))).toBe(false);
    expect(matches(`${ENTERPRISE_USER_SCHEMA}:manager pr`, user({ [ENTERPRISE_USER_SCHEMA]: { manager: { value: null } } }))).toBe(false);
    expect(matches('emails.value pr', user({ emails: [{ type: 'work', value: '' }] }))).toBe(false);
  });

  it('matches a multi-valued attribute when any value matches', () => {
    const u = user({
      emails: [
        { value: 'a@x.com', type: 'home' },
        { value: 'b@y.com', type: 'work' },
      ],
    });
    expect(matches('emails.type eq "work"', u)).toBe(true);
    expect(matches('emails.value ew "@y.com"', u)).toBe(true);
  });

  it('compares the value sub-attribute of a complex attribute named alone', () => {
    const u = user({ emails: [{ value: 'babs@example.com', type: 'home' }] });
    expect(matches('emails co "example.com"', u)).toBe(true);
    expect(matches('emails eq "babs@example.com"', u)).toBe(true);
    expect(matches('emails co "home"', u)).toBe(false);
  });

  it('ne holds when no value equals, so also when the attribute is missing', () => {
    expect(matches('userType ne "Employee"', user({ userName: 'a' }))).toBe(true);
    expect(
      matches(
        'emails.type ne "work"',
        user({
          emails: [
            { value: 'a', type: 'work' },
            { value: 'b', type: 'home' },
          ],
        }),
      ),
    ).toBe(false);
    expect(matches('emails.type ne "work"', user({ emails: [{ value: 'b', type: 'home' }] }))).toBe(true);
  });
});

describe('matchesFilter on one element of a multi-valued attribute (parentPath)', () => {
  it('evaluates relative paths against the element with the sub-attribute definitions', () => {
    const work = { value: 'Babs@Example.com', type: 'work', primary: true };
    expect(matchesFilter(work, parseFilter('type eq "WORK" and value co "@example.COM"'), userSchema, 'emails')).toBe(true);
    expect(matchesFilter(work, parseFilter('primary eq false'), userSchema, 'emails')).toBe(false);
    expect(() => matchesFilter(work, parseFilter('primary gt true'), userSchema, 'emails')).toThrow(ScimError);
  });

  it('works on Groups too, with the Group schema deciding case (members.value is not caseExact)', () => {
    const group = loadRfcSample('rfc7643-8.4-group.json');
    const groups = groupResourceSchema();
    const filter = parseFilter('members[value eq "902C246B-6245-4190-8E05-00816BE7344A"]');
    expect(matchesFilter(group, filter, groups)).toBe(true);
    expect(matchesFilter(group, parseFilter('members[value eq "nobody"]'), groups)).toBe(false);
    expect(matchesFilter(group, parseFilter('displayName eq "tour guides"'), groups)).toBe(true);
  });
});
