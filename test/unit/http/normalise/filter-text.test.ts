import { describe, expect, it } from 'vitest';
import { quoteBareFilterValues } from '../../../../src/http/normalise/filter-text.js';
import { matchesFilter, parseFilter } from '../../../../src/scim/filter/index.js';
import { USER_SCHEMA } from '../../../../src/scim/resource.js';
import { userResourceSchema } from '../../../../src/scim/schemas/index.js';

describe('quoteBareFilterValues (Entra and Microsoft collection send unquoted values)', () => {
  it.each([
    ['userName eq bjensen', 'userName eq "bjensen"'],
    ['externalId eq 6e0f8a2c-1d3b-4c5e-9f70-1a2b3c4d5e6f', 'externalId eq "6e0f8a2c-1d3b-4c5e-9f70-1a2b3c4d5e6f"'],
    ['userName eq a.b+c@x.com', 'userName eq "a.b+c@x.com"'],
    ['userName Eq jo and displayName NE Jo', 'userName Eq "jo" and displayName NE "Jo"'],
    ['(userName eq a) or (title sw b)', '(userName eq "a") or (title sw "b")'],
    ['emails[type eq work].value eq x@y.com', 'emails[type eq "work"].value eq "x@y.com"'],
    ['userName eq say"hi\\', 'userName eq "say\\"hi\\\\"'],
    ['active eq True', 'active eq "True"'],
    ['externalId eq 00123', 'externalId eq "00123"'],
  ])('quotes %j', (input, expected) => {
    expect(quoteBareFilterValues(input)).toBe(expected);
  });

  it.each([
    'userName eq "bjensen"',
    'userName eq "a b" and title pr',
    'active eq true and x eq false and y eq null',
    'count gt 42 and ratio le -1.5e3',
    'emails[type eq "work" and value co "@example.com"]',
    'not (userName eq "x")',
    'displayName eq "eq bob and title eq carol"',
    'displayName eq "unterminated eq bob',
    'title pr',
  ])('leaves %j as it is', (input) => {
    expect(quoteBareFilterValues(input)).toBe(input);
  });

  it('produces filters that parse and match what the IdP meant', () => {
    const schema = userResourceSchema();
    const babs = { schemas: [USER_SCHEMA], userName: 'a.b+c@x.com', externalId: 'CONTOSO\\jdoe', emails: [{ type: 'work', value: 'x@y.com' }] };
    const meant = (bare: string): boolean => matchesFilter(babs, parseFilter(quoteBareFilterValues(bare)), schema);
    expect(() => parseFilter('userName eq a.b+c@x.com')).toThrow();
    expect(meant('userName eq a.b+c@x.com')).toBe(true);
    expect(meant('externalId eq CONTOSO\\jdoe')).toBe(true);
    expect(meant('emails[type eq work].value eq x@y.com')).toBe(true);
    expect(meant('userName eq someone.else@x.com')).toBe(false);
  });
});
