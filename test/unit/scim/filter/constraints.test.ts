import { describe, expect, it } from 'vitest';
import { equalityConstraints, parseFilter } from '../../../../src/scim/filter/index.js';

const constraints = (filter: string): { path: string; value: string }[] => equalityConstraints(parseFilter(filter));

describe('equalityConstraints: the terms an index can answer', () => {
  it('returns the single term of `userName eq "x"` with a canonical path', () => {
    expect(constraints('userName eq "Bjensen"')).toEqual([{ path: 'username', value: 'Bjensen' }]);
    expect(constraints('urn:ietf:params:scim:schemas:core:2.0:User:UserName EQ "x"')).toEqual([{ path: 'username', value: 'x' }]);
    expect(constraints('urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq "Ops"')).toEqual([{ path: 'displayname', value: 'Ops' }]);
  });

  it('keeps extension URNs, lower-cased', () => {
    expect(constraints('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "7"')).toEqual([
      { path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:employeenumber', value: '7' },
    ]);
  });

  it('returns every term of a conjunction, nested groups included', () => {
    expect(constraints('userName eq "a" and (externalId eq "b" and name.familyName eq "c")')).toEqual([
      { path: 'username', value: 'a' },
      { path: 'externalid', value: 'b' },
      { path: 'name.familyname', value: 'c' },
    ]);
  });

  it.each([
    'userName eq "a" or userName eq "b"',
    'not (userName eq "a")',
    'userName eq "a" and title pr',
    'userName eq "a" and active eq true',
    'userName co "a"',
    'externalId eq 701984',
    'emails[type eq "work"].value eq "x"',
    'userName eq "a" and emails[type eq "work"]',
  ])('returns [] for %j, which is not only `attr eq "string"` terms', (filter) => {
    expect(constraints(filter)).toEqual([]);
  });
});
