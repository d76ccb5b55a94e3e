import fc from 'fast-check';
import type { JsonValue } from '../../src/scim/resource.js';
import { attributePath, filterText } from './filter-text.js';
import { cleanText, oddChar, oddText } from './odd-text.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** Any JSON value, its strings hostile (lone surrogates, NUL, bidi…). */
export const anyJson: fc.Arbitrary<JsonValue> = fc.jsonValue({ maxDepth: 4, stringUnit: oddChar }) as fc.Arbitrary<JsonValue>;

/** Keys a SCIM body uses, in odd spellings, plus prototype-pollution keys and junk. */
const scimKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'schemas',
    'userName',
    'UserName',
    'name',
    'displayName',
    'emails',
    'active',
    'externalId',
    'title',
    'roles',
    'groups',
    'members',
    'id',
    'meta',
    'password',
    'phoneNumbers',
    'addresses',
    'locale',
    'preferredLanguage',
    'timezone',
    ENTERPRISE,
    ENTERPRISE.toUpperCase(),
    `${ENTERPRISE}:manager`,
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
  ),
  attributePath,
  oddText(10),
);

/** Values an IdP might put under a SCIM key: well-formed ones, IdP quirks (`"False"`, bare strings), and anything. */
const scimValue: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constantFrom<JsonValue>('True', 'False', 'maybe', '', [], {}, null, 0, -1, 1e308, [''], [[]]),
  fc.record(
    { value: anyJson, type: fc.oneof(fc.constantFrom('work', 'home', ''), oddText(6)), primary: fc.oneof(fc.boolean(), fc.constantFrom('true', 'no')) },
    { requiredKeys: [] },
  ),
  fc.array(fc.record({ value: fc.oneof(oddText(12), anyJson), display: oddText(8), $ref: oddText(8) }, { requiredKeys: [] }), { maxLength: 3 }),
  fc.dictionary(scimKey, anyJson, { maxKeys: 3 }),
  oddText(20),
  cleanText(20),
  anyJson,
);

/** POST/PUT bodies for /Users and /Groups: plausible ones with odd Unicode names, hostile ones, and any JSON. */
export const resourceBody: fc.Arbitrary<JsonValue> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        cleanText(16),
        fc.dictionary(
          fc.constantFrom('title', 'nickName', 'displayName', 'name', 'active', 'emails', 'externalId', 'locale', 'members', ENTERPRISE),
          scimValue,
          { maxKeys: 3 },
        ),
      )
      .map(([name, attributes]) => ({ schemas: [USER], userName: `${name}@example.com`, displayName: name, ...attributes })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.dictionary(scimKey, scimValue, { maxKeys: 6 }),
        fc.option(fc.constantFrom<JsonValue>([USER], [GROUP], [USER, ENTERPRISE], 'x', [], [null]), { nil: undefined }),
        fc.option(oddText(16), { nil: undefined }),
      )
      .map(([attributes, schemas, name]) => ({
        ...(schemas === undefined ? {} : { schemas }),
        ...(name === undefined ? {} : { userName: `${name}@example.com`, displayName: name }),
        ...attributes,
      })),
  },
  { weight: 1, arbitrary: anyJson },
);

const opName = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom<JsonValue>('add', 'Add', 'replace', 'Replace', 'remove', 'REMOVE') },
  { weight: 1, arbitrary: fc.constantFrom<JsonValue>('move', 'copy', 'test', '', ' add ') },
  { weight: 1, arbitrary: anyJson },
);
const realPatchPath = fc.constantFrom(
  'title',
  'nickName',
  'active',
  'displayName',
  'userName',
  'name',
  'name.givenName',
  'emails',
  'emails[type eq "work"].value',
  'emails[type eq "work"]',
  'phoneNumbers[type eq "mobile"].value',
  'members',
  'members[value eq "u1"]',
  'roles',
  'externalId',
  `${ENTERPRISE}:manager`,
  `${ENTERPRISE}:employeeNumber`,
  `${ENTERPRISE}:manager.value`,
  ENTERPRISE,
);
const patchPath = fc.oneof(
  { weight: 6, arbitrary: realPatchPath },
  { weight: 2, arbitrary: attributePath },
  { weight: 1, arbitrary: filterText.map((f) => `emails[${f}].value`) },
  { weight: 1, arbitrary: filterText.map((f) => `members[${f}]`) },
  { weight: 1, arbitrary: fc.constantFrom<JsonValue>('/userName', '/', '   ', null, 7, ['title']) },
);

/** A PATCH operation: op, path and value each present or not, each any shape. */
export const patchOperation: fc.Arbitrary<JsonValue> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ op: opName, path: patchPath, value: fc.oneof(cleanText(20), scimValue) }, { requiredKeys: ['op'] }) },
  { weight: 1, arbitrary: fc.record({ OP: opName, Path: patchPath, VALUE: scimValue }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: anyJson },
);

/** PATCH bodies (RFC 7644 §3.5.2) as IdPs send them, and as nobody should. */
export const patchBody: fc.Arbitrary<JsonValue> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.constantFrom('Operations', 'operations', 'OPERATIONS'), fc.array(patchOperation, { minLength: 1, maxLength: 3 }), fc.boolean())
      .map(([key, ops, withSchemas]) => ({ ...(withSchemas ? { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'] } : {}), [key]: ops })),
  },
  { weight: 1, arbitrary: fc.record({ Operations: anyJson }) },
  { weight: 1, arbitrary: anyJson },
);

/** SearchRequest bodies (RFC 7644 §3.4.3). */
export const searchBody: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.record(
    {
      schemas: fc.constantFrom<JsonValue>(['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], 'x'),
      filter: fc.oneof(filterText, anyJson),
      startIndex: fc.oneof(fc.integer(), fc.double(), oddText(6), anyJson),
      count: fc.oneof(fc.integer(), fc.double(), oddText(6), anyJson),
      sortBy: fc.oneof(attributePath, anyJson),
      sortOrder: fc.oneof(fc.constantFrom('ascending', 'DESCENDING', 'up'), anyJson),
      attributes: fc.oneof(fc.array(attributePath, { maxLength: 3 }), attributePath, anyJson),
      excludedAttributes: fc.oneof(fc.array(attributePath, { maxLength: 3 }), anyJson),
    },
    { requiredKeys: [] },
  ),
  anyJson,
);

/** JSON text `depth` levels deep: nested arrays, or nested objects under `key`, around `leaf`. */
export const deepArrayText = (depth: number, leaf = ''): string => '['.repeat(depth) + leaf + ']'.repeat(depth);
export const deepObjectText = (depth: number, key = 'a', leaf = '1'): string => `{"${key}":`.repeat(depth) + leaf + '}'.repeat(depth);
