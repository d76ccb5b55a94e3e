import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseResource } from '../../src/http/normalise/index.js';
import { groupResourceSchema, userResourceSchema, type ResourceSchema } from '../../src/scim/schemas/index.js';
import { attempt, OutcomeTally } from './core-outcome.js';
import { runs } from './fc-settings.js';
import { deepArrayText, deepObjectText, resourceBody } from './json-bodies.js';

const targets: [string, ResourceSchema, string][] = [
  ['User', userResourceSchema(), 'userName'],
  ['Group', groupResourceSchema(), 'displayName'],
];

describe.each(targets)('POST/PUT bodies of a %s, whatever the IdP sends (RFC 7644 §3.3)', (_type, schema, required) => {
  it(`returns a resource with the core schema and a non-empty ${required}, or throws a 4xx ScimError`, () => {
    const tally = new OutcomeTally();
    fc.assert(
      fc.property(resourceBody, (body) => {
        const outcome = tally.record(attempt(() => normaliseResource(body, schema)));
        if (!outcome.ok) return;
        expect(outcome.value.schemas[0]).toBe(schema.core.id);
        expect(String(outcome.value[required]).trim()).not.toBe('');
      }),
      runs(300),
    );
    expect(tally.accepted).toBeGreaterThan(5);
    expect(tally.refused).toBeGreaterThan(5);
  });

  const deepKeys = ['userName', 'displayName', 'emails', 'name', 'members', 'active', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', 'unknown'];
  it.each(deepKeys)('"%s" nested 10,000 levels deep is refused or normalised, never a stack overflow', (key) => {
    for (const value of [deepArrayText(10_000, '"x"'), deepObjectText(10_000, 'value', '"x"')]) {
      attempt(() => normaliseResource(JSON.parse(`{"userName":"a@b.c","displayName":"a","${key}":${value}}`), schema));
    }
  });
});
