import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesFilter, parseFilter } from '../../src/scim/filter/index.js';
import type { ScimError } from '../../src/scim/errors.js';
import { userResourceSchema } from '../../src/scim/schemas/index.js';
import { normaliseFilter } from '../../src/http/normalise/index.js';
import { attempt, OutcomeTally } from './core-outcome.js';
import { runs } from './fc-settings.js';
import { extremeFilters, filterText } from './filter-text.js';

const users = userResourceSchema();
const isInvalidFilter = (e: ScimError) => e.status === 400 && e.scimType === 'invalidFilter';
const someone = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'u1',
  userName: 'bjensen@example.com',
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
  active: true,
  meta: { resourceType: 'User', created: '2011-08-01T18:29:49.793Z', lastModified: '2011-08-01T18:29:49.793Z' },
};

describe('parseFilter (RFC 7644 §3.4.2.2) on any text', () => {
  it('returns a filter or throws ScimError 400 invalidFilter, for random, filter-shaped and near-miss text', () => {
    const tally = new OutcomeTally();
    fc.assert(
      fc.property(filterText, (text) => void tally.record(attempt(() => parseFilter(text), isInvalidFilter))),
      runs(300),
    );
    // Both paths of the parser were reached, not only its first error.
    expect(tally.accepted).toBeGreaterThan(10);
    expect(tally.refused).toBeGreaterThan(10);
  });

  it('behaves the same after the edge quotes bare values, as the list routes parse filters', () => {
    fc.assert(
      fc.property(filterText, (text) => void attempt(() => parseFilter(normaliseFilter(text)), isInvalidFilter)),
      runs(300),
    );
  });

  it('returns only filters that evaluate against a User, or refuse it with a 4xx ScimError', () => {
    const tally = new OutcomeTally();
    fc.assert(
      fc.property(filterText, (text) => {
        const parsed = attempt(() => parseFilter(normaliseFilter(text)), isInvalidFilter);
        if (!parsed.ok) return;
        const matched = tally.record(attempt(() => matchesFilter(someone, parsed.value, users)));
        if (matched.ok) expect(typeof matched.value).toBe('boolean');
      }),
      runs(300),
    );
    expect(tally.accepted).toBeGreaterThan(10);
  });

  it.each(Object.entries(extremeFilters(10_000)))('%s: returns or throws invalidFilter, without a stack overflow', (_name, text) => {
    const parsed = attempt(() => parseFilter(normaliseFilter(text)), isInvalidFilter);
    if (parsed.ok) attempt(() => matchesFilter(someone, parsed.value, users));
  });
});
