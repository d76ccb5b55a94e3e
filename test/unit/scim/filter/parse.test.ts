import { describe, expect, it } from 'vitest';
import { ScimError } from '../../../../src/scim/errors.js';
import { parseFilter } from '../../../../src/scim/filter/index.js';

const invalid = (text: string): ScimError => {
  try {
    parseFilter(text);
  } catch (e) {
    if (e instanceof ScimError) return e;
    throw e;
  }
  throw new Error(`expected '${text}' to be rejected`);
};

describe('parseFilter (RFC 7644 §3.4.2.2)', () => {
  it('parses a comparison with its path as written', () => {
    expect(parseFilter('userName eq "bjensen"')).toEqual({ kind: 'compare', path: 'userName', op: 'eq', value: 'bjensen' });
  });

  it('reads operators and logical keywords in any case (PingOne sends `username Eq "%s"`)', () => {
    expect(parseFilter('UserName EQ "x"')).toEqual({ kind: 'compare', path: 'UserName', op: 'eq', value: 'x' });
    expect(parseFilter('username Eq "x" AND title PR')).toEqual({
      kind: 'and',
      filters: [
        { kind: 'compare', path: 'username', op: 'eq', value: 'x' },
        { kind: 'present', path: 'title' },
      ],
    });
  });

  it('keeps JSON literals typed: numbers, booleans and null', () => {
    expect(parseFilter('a eq 42')).toMatchObject({ value: 42 });
    expect(parseFilter('a eq -1.5e3')).toMatchObject({ value: -1500 });
    expect(parseFilter('active eq true')).toMatchObject({ value: true });
    expect(parseFilter('title eq null')).toMatchObject({ value: null });
  });

  it('decodes string values as JSON strings, so an escaped backslash is one backslash', () => {
    expect(parseFilter('userName eq "CONTOSO\\\\jdoe"')).toMatchObject({ value: 'CONTOSO\\jdoe' });
    expect(parseFilter('displayName eq "say \\"hi\\""')).toMatchObject({ value: 'say "hi"' });
    expect(parseFilter('name.familyName eq "O\\u0027Malley"')).toMatchObject({ value: "O'Malley" });
  });

  it('builds not, or, and grouping with and binding tighter than or', () => {
    expect(parseFilter('a pr or b pr and not (c pr)')).toEqual({
      kind: 'or',
      filters: [
        { kind: 'present', path: 'a' },
        {
          kind: 'and',
          filters: [
            { kind: 'present', path: 'b' },
            { kind: 'not', filter: { kind: 'present', path: 'c' } },
          ],
        },
      ],
    });
  });

  it('keeps a URN-qualified path whole', () => {
    expect(parseFilter('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984"')).toMatchObject({
      path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber',
    });
  });

  it('parses a value filter with relative paths inside', () => {
    expect(parseFilter('emails[type eq "work" and value co "@example.com"]')).toEqual({
      kind: 'valuePath',
      path: 'emails',
      filter: {
        kind: 'and',
        filters: [
          { kind: 'compare', path: 'type', op: 'eq', value: 'work' },
          { kind: 'compare', path: 'value', op: 'co', value: '@example.com' },
        ],
      },
    });
  });

  it('folds a sub-attribute after a value filter into that filter: one element must meet both', () => {
    expect(parseFilter('emails[type eq "work"].value eq "x"')).toEqual({
      kind: 'valuePath',
      path: 'emails',
      filter: {
        kind: 'and',
        filters: [
          { kind: 'compare', path: 'type', op: 'eq', value: 'work' },
          { kind: 'compare', path: 'value', op: 'eq', value: 'x' },
        ],
      },
    });
  });

  it('folds it wherever the value filter stands, and leaves an explicit `and` of two conditions alone', () => {
    const folded = parseFilter('userName eq "a" and emails[type eq "work"].value pr');
    expect(folded).toMatchObject({ kind: 'and', filters: [{ kind: 'compare' }, { kind: 'valuePath', filter: { kind: 'and' } }] });
    expect(parseFilter('emails[type eq "work"] and emails.value eq "x"')).toMatchObject({
      kind: 'and',
      filters: [{ kind: 'valuePath' }, { kind: 'compare', path: 'emails.value' }],
    });
  });

  it('does not mistake `].` inside a quoted value for a value filter', () => {
    expect(parseFilter('displayName eq "a].b"')).toEqual({ kind: 'compare', path: 'displayName', op: 'eq', value: 'a].b' });
  });

  it.each([
    ['userName eq', /comparison value.*end of the filter/],
    ['(userName eq "a"', /expected '\)'.*end of the filter/],
    ['userName xx "a"', /unknown operator 'xx' after attribute 'userName'/],
    ['emails[type eq "work"', /expected '\]'/],
    ['userName eq "a" and', /attribute path.*end of the filter/],
    ['userName eq "a" title', /unexpected 'title'/],
    ['userName eq bjensen', /comparison value.*'bjensen'/],
    ['userName eq "a" & b', /unexpected character at '& b'/],
    ['emails[type eq "work"].value[primary eq true]', /value filter cannot follow 'emails.value'/],
    ['_foo eq "a"', /'_foo' is not an attribute path/],
    ['name.familyName.x eq "a"', /not an attribute path/],
  ])('rejects %j with 400 invalidFilter saying what and where', (text, detail) => {
    const error = invalid(text);
    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidFilter');
    expect(error.message).toMatch(detail);
  });

  it('rejects an empty or blank filter', () => {
    for (const text of ['', '   ']) {
      const error = invalid(text);
      expect(error.scimType).toBe('invalidFilter');
      expect(error.message).toMatch(/empty/);
    }
  });
});
