import fc from 'fast-check';
import type { JsonValue } from '../../src/scim/resource.js';
import type { RegisteredRoute } from '../openapi/registered-routes.js';
import { user } from '../support/zuora-rest-harness.js';
import { anyJson, patchBody, resourceBody, searchBody } from './json-bodies.js';
import { oddChar } from './odd-text.js';

const isSearch = (route: RegisteredRoute) => route.path.endsWith('/.search');
const isResource = (route: RegisteredRoute) => /\/scim\/v2\/(users|groups)(\/\{id\})?$/.test(route.path);
const isGroups = (route: RegisteredRoute) => route.path.includes('/groups');

/** The body a well-behaved IdP would send to the route, so that hostile ids, queries and headers reach the core. */
export function typicalBody(route: RegisteredRoute, n: number): JsonValue | undefined {
  if (isSearch(route)) return { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: 'userName pr', count: 5 };
  if (route.method === 'PATCH') return { Operations: [{ op: 'replace', path: isGroups(route) ? 'displayName' : 'title', value: `T${n}` }] };
  if (!['POST', 'PUT'].includes(route.method)) return undefined;
  if (isGroups(route)) return { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `Group ${n}` };
  return user(`typical${n}@example.com`);
}

/** JSON bodies shaped for the route: PATCH bodies for PATCH, SearchRequests for .search, resources for POST/PUT. */
export function jsonBodyFor(route: RegisteredRoute): fc.Arbitrary<JsonValue> {
  if (isSearch(route)) return searchBody;
  if (route.method === 'PATCH') return fc.oneof({ weight: 4, arbitrary: patchBody }, { weight: 1, arbitrary: anyJson });
  if (isResource(route)) return fc.oneof({ weight: 4, arbitrary: resourceBody }, { weight: 1, arbitrary: anyJson });
  return anyJson;
}

/** Texts JSON parsers disagree about or refuse: truncation, duplicates, prototype keys, escaped NUL and surrogates, BOM. */
const NASTY_TEXTS = [
  '',
  ' ',
  'null',
  '{',
  '}',
  '[',
  '{"a":1}}',
  '{"a":1,"a":2}',
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"userName":"\\u0000"}',
  '{"userName":"\\ud800"}',
  '{"\\udfff":1}',
  '\uFEFF{"userName":"bom@example.com"}',
  'NaN',
  '1e99999',
  '"',
  "{'a':1}",
  '{"userName":"a@b.c",}',
  '{"Operations":[{"op":"add","value":{"\\u0000":1}}]}',
  '\u0000',
  '{"userName":"x"}\u0000',
];

/** A JSON body as text, sometimes broken by one cut or one inserted character. */
export function jsonTextFor(route: RegisteredRoute): fc.Arbitrary<string> {
  const text = jsonBodyFor(route).map((v) => JSON.stringify(v));
  return fc.oneof(
    { weight: 4, arbitrary: text },
    {
      weight: 2,
      arbitrary: fc
        .tuple(text, fc.nat(), oddChar, fc.boolean())
        .map(([t, at, c, cut]) => (cut ? t.slice(0, at % (t.length + 1)) : t.slice(0, at % (t.length + 1)) + c + t.slice(at % (t.length + 1)))),
    },
    { weight: 1, arbitrary: fc.constantFrom(...NASTY_TEXTS) },
  );
}

/** Bytes that are not UTF-8: stray continuation bytes, overlong forms, an encoded surrogate, 0xFF, NUL. */
const BAD_BYTES = [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff], [0xfe, 0xff], [0xe2, 0x82], [0x00]];

/** A body as bytes: the text's UTF-8 with a run of invalid bytes spliced in. */
export function invalidUtf8For(route: RegisteredRoute): fc.Arbitrary<Buffer> {
  return fc.tuple(jsonTextFor(route), fc.nat(), fc.constantFrom(...BAD_BYTES)).map(([t, at, bad]) => {
    const bytes = Buffer.from(t, 'utf8');
    const i = at % (bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, i), Buffer.from(bad), bytes.subarray(i)]);
  });
}
