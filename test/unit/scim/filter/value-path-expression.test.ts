import { describe, expect, it } from 'vitest';
import { ScimError } from '../../../../src/scim/errors.js';
import { parseValuePathExpression } from '../../../../src/scim/filter/index.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('parseValuePathExpression (RFC 7644 §3.5.2 PATCH paths)', () => {
  it('splits attribute, value filter and sub-attribute', () => {
    expect(parseValuePathExpression('emails[type eq "work"].value')).toEqual({
      attribute: 'emails',
      filter: { kind: 'compare', path: 'type', op: 'eq', value: 'work' },
      subAttribute: 'value',
    });
    expect(parseValuePathExpression('members[value eq "2819c223-7f76-453a-919d-413861904646"]')).toEqual({
      attribute: 'members',
      filter: { kind: 'compare', path: 'value', op: 'eq', value: '2819c223-7f76-453a-919d-413861904646' },
    });
  });

  it('reads plain and dotted paths', () => {
    expect(parseValuePathExpression('members')).toEqual({ attribute: 'members' });
    expect(parseValuePathExpression('name.givenName')).toEqual({ attribute: 'name', subAttribute: 'givenName' });
    expect(parseValuePathExpression('members.$ref')).toEqual({ attribute: 'members', subAttribute: '$ref' });
  });

  it('keeps a URN prefix in the attribute, though the URN itself has dots', () => {
    expect(parseValuePathExpression(`${ENTERPRISE}:manager.value`)).toEqual({ attribute: `${ENTERPRISE}:manager`, subAttribute: 'value' });
    expect(parseValuePathExpression(`${ENTERPRISE}:employeeNumber`)).toEqual({ attribute: `${ENTERPRISE}:employeeNumber` });
    expect(parseValuePathExpression('urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"].value')).toMatchObject({
      attribute: 'urn:ietf:params:scim:schemas:core:2.0:User:emails',
      subAttribute: 'value',
    });
  });

  it('reads the filter like a query filter: quotes may hold brackets, the filter may be complex', () => {
    expect(parseValuePathExpression('emails[value eq "a]b" and type eq "work"]')).toMatchObject({
      attribute: 'emails',
      filter: { kind: 'and', filters: [{ value: 'a]b' }, { value: 'work' }] },
    });
  });

  it.each([
    ['', /empty/],
    ['emails[type eq "work"', /never closed/],
    ['emails]', /without '\['/],
    ['emails[type eq "work"]value', /unexpected 'value'/],
    ['emails[type eq "work"].value.x', /unexpected/],
    ['emails[]', /empty/],
    ['emails[type xx "work"]', /unknown operator 'xx'/],
    ['name.givenName.x', /at most one sub-attribute/],
    ['name.givenName[type eq "work"]', /must follow a multi-valued attribute/],
    ['1emails', /'1emails' is not an attribute name/],
    ['name.', /attribute name is missing|'' is not/],
  ])('rejects %j with 400 invalidPath', (path, detail) => {
    let error: unknown;
    try {
      parseValuePathExpression(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 400, scimType: 'invalidPath' });
    expect((error as ScimError).message).toMatch(detail);
  });
});
