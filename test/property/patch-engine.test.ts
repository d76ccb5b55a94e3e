import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePatch } from '../../src/http/normalise/index.js';
import { applyPatch } from '../../src/scim/patch/index.js';
import type { JsonValue, PatchOperation, ScimGroup, ScimResource, ScimUser } from '../../src/scim/resource.js';
import { groupResourceSchema, userResourceSchema, type ResourceSchema } from '../../src/scim/schemas/index.js';
import { rfcSample } from '../support/rfc-samples.js';
import { attempt, OutcomeTally } from './core-outcome.js';
import { runs } from './fc-settings.js';
import { anyJson, deepArrayText, deepObjectText, patchBody } from './json-bodies.js';

const targets: [string, ScimResource, ResourceSchema][] = [
  ['User', rfcSample<ScimUser>('rfc7643-8.3-enterprise_user'), userResourceSchema()],
  ['Group', rfcSample<ScimGroup>('rfc7643-8.4-group'), groupResourceSchema()],
];

/** An operation that skipped the edge: an object, but every member of any JSON shape (or absent). */
const rawOperation = fc
  .record({ op: fc.oneof(fc.constantFrom('add', 'remove', 'replace'), anyJson), path: anyJson, value: anyJson }, { requiredKeys: [] })
  .map((o) => o as unknown as PatchOperation);

describe.each(targets)('PATCH on a %s, whatever the IdP sends (RFC 7644 §3.5.2)', (_type, resource, schema) => {
  it('normalisePatch returns operations or throws a 4xx ScimError for any body', () => {
    fc.assert(
      fc.property(patchBody, (body) => void attempt(() => normalisePatch(body, schema))),
      runs(300),
    );
  });

  it('applyPatch on normalised operations returns the patched copy or throws a 4xx ScimError, leaving its input alone', () => {
    const tally = new OutcomeTally();
    const before = structuredClone(resource);
    fc.assert(
      fc.property(patchBody, (body) => {
        const ops = attempt(() => normalisePatch(body, schema));
        if (ops.ok) tally.record(attempt(() => applyPatch(resource, ops.value, schema)));
      }),
      runs(300),
    );
    expect(resource).toStrictEqual(before);
    expect(tally.accepted).toBeGreaterThan(5);
    expect(tally.refused).toBeGreaterThan(5);
  });

  it('applyPatch on operations that never met the normaliser returns or throws a 4xx ScimError', () => {
    fc.assert(
      fc.property(fc.array(rawOperation, { maxLength: 4 }), (ops) => void attempt(() => applyPatch(resource, ops, schema))),
      runs(300),
    );
  });

  const deepPaths = [
    '(no path)',
    'title',
    'active',
    'emails',
    'emails[type eq "work"].value',
    'members',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    'nonexistent',
  ];
  it.each(deepPaths)('a value nested 10,000 levels deep at %s is refused or applied, never a stack overflow', (path) => {
    for (const op of ['Add', 'replace', 'remove']) {
      for (const deep of [deepArrayText(10_000, '"x"'), deepObjectText(10_000, 'value', '"x"')]) {
        const value = JSON.parse(path === '(no path)' ? `{"title":${deep},"active":${deep}}` : deep) as JsonValue;
        const operation = { op, ...(path === '(no path)' ? {} : { path }), value };
        const ops = attempt(() => normalisePatch({ Operations: [operation] }, schema));
        attempt(() => applyPatch(resource, ops.ok ? ops.value : [operation as PatchOperation], schema));
      }
    }
  });

  it('an op nested 10,000 levels deep is refused, never a stack overflow', () => {
    for (const deep of [deepArrayText(10_000, '"add"'), deepObjectText(10_000, 'op', '"add"')]) {
      attempt(() => normalisePatch({ Operations: [{ op: JSON.parse(deep) as JsonValue, path: 'title', value: 'x' }] }, schema));
    }
  });
});
