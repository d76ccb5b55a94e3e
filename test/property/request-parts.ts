import fc from 'fast-check';
import { filterText } from './filter-text.js';
import { headerText, oddText } from './odd-text.js';

/** Percent-encode every byte of the UTF-8 form but the unreserved ones (RFC 3986 §2.3); lone surrogates become U+FFFD. */
export const percentEncode = (text: string): string =>
  [...Buffer.from(text, 'utf8')]
    .map((b) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');

/** Escapes a URL must not contain or a decoder chokes on: NUL, bare `%`, truncated or overlong UTF-8, a surrogate. */
const BROKEN_ESCAPES = ['%00', '%', '%zz', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%FF', '%2F', '%2e%2e', '..', '%20', '%0A'];

/** Fastify's default `maxParamLength`: longer path parameters never reach a route. */
const MAX_PARAM_LENGTH = 100;

/** A well-formed path parameter: the real value mostly, otherwise hostile or Unicode text, percent-encoded. */
export const pathSegment = (real: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(real) },
    {
      weight: 3,
      arbitrary: oddText(8)
        .map(percentEncode)
        .filter((s) => s.length > 0 && s.length <= MAX_PARAM_LENGTH),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).map((s) => s.replace(/[\s/?#%\\]/gu, '_')) },
  );

/** A path parameter the router itself refuses: a broken escape, or longer than `maxParamLength`. */
export const brokenPathSegment = (real: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...BROKEN_ESCAPES).map((e) => `${real.slice(0, 4)}${e}`),
    fc.integer({ min: MAX_PARAM_LENGTH + 1, max: 3_000 }).map((n) => 'a'.repeat(n)),
    fc.integer({ min: 20, max: 400 }).map((n) => percentEncode('é🙂'.repeat(n))),
  );

const QUERY_KEYS = ['filter', 'startIndex', 'count', 'sortBy', 'sortOrder', 'attributes', 'excludedAttributes', 'Filter', 'COUNT', 'filter[]', ''];

const queryValue = fc.oneof(
  filterText.map(percentEncode),
  fc.constantFrom(
    '0',
    '-1',
    '1e3',
    '1.5',
    '0x10',
    'NaN',
    'Infinity',
    '9'.repeat(400),
    '',
    'ascending',
    'descending',
    'userName',
    'emails.value,name',
    'urn:ietf:params:scim:schemas:core:2.0:User:userName',
  ),
  oddText(16).map(percentEncode),
  fc.constantFrom(...BROKEN_ESCAPES),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => percentEncode('x'.repeat(n))),
);

/** A query string: known parameters (some repeated, some without `=`) with hostile values. */
export const queryString: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...QUERY_KEYS), queryValue, fc.boolean()), { maxLength: 5 })
  .map((pairs) => pairs.map(([k, v, bare]) => (bare && v === '' ? k : `${k}=${v}`)).join('&'));

const CONTENT_TYPES = [
  'application/scim+json',
  'application/json',
  'application/scim+json; charset=utf-8',
  'application/json;charset=UTF-16',
  'text/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/SCIM+JSON',
  'application/json; charset=',
  ';',
  '',
  'application/',
  '*/*',
  'application/scim+json; foo="bar',
  'application/merge-patch+json',
];
const AUTHORIZATIONS = ['Bearer', 'Bearer ', 'bearer TOKEN', 'Basic dXNlcjpwYXNz', 'Bearer a b', 'Token x', 'Bearer TOKEN TOKEN', 'BEARER   TOKEN  '];
const PRECONDITIONS = ['*', 'W/"1"', '"', 'W/', 'W/"x", "y"', '"\\"', '', 'W/"' + 'x'.repeat(5_000) + '"'];

/** Request headers from an IdP that gets them wrong: content types, credentials, preconditions, hosts, request ids. */
export const headerSet = (token: string): fc.Arbitrary<Record<string, string>> =>
  fc.record(
    {
      'content-type': fc.oneof(fc.constantFrom(...CONTENT_TYPES), headerText(30)),
      authorization: fc.oneof(
        { weight: 3, arbitrary: fc.constant(`Bearer ${token}`) },
        { weight: 2, arbitrary: fc.constantFrom(...AUTHORIZATIONS).map((a) => a.replace('TOKEN', token)) },
        { weight: 1, arbitrary: headerText(60) },
        { weight: 1, arbitrary: headerText(20).map((t) => `Bearer ${token}${t}`) },
      ),
      'if-match': fc.oneof(fc.constantFrom(...PRECONDITIONS), headerText(30)),
      'if-none-match': fc.oneof(fc.constantFrom(...PRECONDITIONS), headerText(30)),
      accept: fc.oneof(fc.constantFrom('application/scim+json', 'text/html', '*/*;q=0', ''), headerText(20)),
      'accept-charset': headerText(12),
      host: fc.oneof(fc.constantFrom('localhost', '[::1]:8080', 'a:b:c', '', 'ex ample.com', '..', 'localhost:99999'), headerText(20)),
      'x-request-id': fc.oneof(headerText(70), fc.constant('x'.repeat(65))),
      'idempotency-key': fc.oneof(headerText(20), fc.constant('k'.repeat(300))),
      'content-encoding': fc.constantFrom('gzip', 'br', 'identity', 'x'),
    },
    { requiredKeys: ['authorization'] },
  );
