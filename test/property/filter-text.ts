import fc from 'fast-check';
import { oddChar, oddText } from './odd-text.js';

/** Attribute paths a filter may name: real ones in several spellings, near misses and junk. */
export const attributePath: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'userName',
    'USERNAME',
    'name.givenName',
    'name.familyName',
    'emails',
    'emails.value',
    'emails.type',
    'emails.primary',
    'active',
    'id',
    'externalId',
    'displayName',
    'title',
    'members',
    'members.value',
    'groups',
    'groups.value',
    'meta.lastModified',
    'meta.created',
    'meta.resourceType',
    'roles.value',
    'phoneNumbers.value',
    'x509Certificates',
    'urn:ietf:params:scim:schemas:core:2.0:User:userName',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value',
    'urn:ietf:params:scim:schemas:core:2.0:Group:displayName',
    'urn:',
    'a.b.c.d',
    '..',
    '.x',
    'x.',
    '$ref',
    'emails.value.value',
    '',
    'and',
    'not',
    'pr',
    'eq',
  ),
  oddText(12),
);
const realPath = fc.constantFrom('userName', 'name.givenName', 'emails.value', 'emails.type', 'active', 'id', 'externalId', 'displayName', 'meta.lastModified');

const op = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'EQ', 'Sw') },
  { weight: 1, arbitrary: fc.constantFrom('pR', 'xx', '', '==', 'eq eq') },
);

const value: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('"x"', 'true', 'null', '42', '"2011-05-13T04:42:34Z"', '"bjensen@example.com"') },
  fc.constantFrom(
    '"x"',
    'true',
    'False',
    'null',
    '42',
    '-1.5e3',
    '1e999',
    '"2011-05-13T04:42:34Z"',
    '""',
    '"unterminated',
    "'single'",
    '"a\\"b"',
    '"\\u0000"',
    '"\\uD800"',
    '"\\q"',
  ),
  oddText(16).map((s) => JSON.stringify(s)),
  oddText(8),
  fc.double().map(String),
);

const ws = fc.oneof({ weight: 4, arbitrary: fc.constant(' ') }, fc.constantFrom('  ', '', '\t', '\u00A0', '\n'));

/** Filter text shaped like RFC 7644 §3.4.2.2 filters: comparisons, presence, logic, groups and value paths, nested. */
const shapedFilter: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: fc.tuple(realPath, op, value).map(([p, o, v]) => `${p} ${o} ${v}`) },
    fc.tuple(attributePath, ws, op, ws, value).map((parts) => parts.join('')),
    fc.tuple(attributePath, ws).map(([p, s]) => `${p}${s}pr`),
    fc.tuple(tie('expr'), fc.constantFrom(' and ', ' or ', ' AND ', ' Or ', 'and', ' xor ', ' and not '), tie('expr')).map((parts) => parts.join('')),
    fc.tuple(fc.constantFrom('not ', 'NOT', 'not'), tie('expr')).map(([n, e]) => `${n}(${e})`),
    fc.tuple(fc.constantFrom('(', '((', ''), tie('expr'), fc.constantFrom(')', '', '))')).map((parts) => parts.join('')),
    fc.tuple(attributePath, tie('expr'), fc.constantFrom('', '.value', '.', '.type eq "work"', ']')).map(([a, e, s]) => `${a}[${e}]${s}`),
    oddText(16),
  ),
})).expr;

/** A shaped filter with one character overwritten, inserted or cut: near misses reach the deepest error paths. */
const mutatedFilter: fc.Arbitrary<string> = fc
  .tuple(shapedFilter, fc.nat(), oddChar, fc.constantFrom('insert', 'replace', 'truncate'))
  .map(([text, at, c, how]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    if (how === 'truncate') return text.slice(0, i);
    return text.slice(0, i) + c + text.slice(how === 'insert' ? i : i + 1);
  });

/** Any filter text an IdP (or an attacker) might send. */
export const filterText: fc.Arbitrary<string> = fc.oneof(shapedFilter, mutatedFilter, oddText(40));

/** Pathologically deep or long filters, as fixed cases: each is a parser's worst case, not a random draw. */
export function extremeFilters(depth: number): Record<string, string> {
  const eq = 'userName eq "x"';
  return {
    [`${depth} nested parentheses`]: '('.repeat(depth) + eq + ')'.repeat(depth),
    [`${depth} nested not()`]: 'not ('.repeat(depth) + eq + ')'.repeat(depth),
    [`${depth} nested value paths`]: 'emails['.repeat(depth) + 'value eq "x"' + ']'.repeat(depth),
    [`${depth} terms joined by and`]: Array.from({ length: depth }, () => eq).join(' and '),
    [`${depth} terms alternating and/or`]: Array.from({ length: depth }, (_, i) => `${eq}${i % 2 ? ' or' : ' and'}`).join(' ') + ` ${eq}`,
    [`${depth} unclosed parentheses`]: '('.repeat(depth) + eq,
    'a 1 MB comparison value': `userName eq "${'x'.repeat(1_000_000)}"`,
  };
}
