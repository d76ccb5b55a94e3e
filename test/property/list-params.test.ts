import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readListQuery } from '../../src/http/routes/query-params.js';
import { parseListParams } from '../../src/scim/list.js';
import { attempt, OutcomeTally } from './core-outcome.js';
import { runs } from './fc-settings.js';
import { filterText } from './filter-text.js';
import { anyJson, deepArrayText, deepObjectText, searchBody } from './json-bodies.js';
import { oddText } from './odd-text.js';

/** What arrives as startIndex or count: numbers, numeric-looking text, and anything else. */
const numberish = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom('0', '-1', '1e3', '1.5', ' 7 ', '0x10', 'NaN', 'Infinity', '-0', '9'.repeat(400), '', '١٢'),
  oddText(8),
  anyJson,
);
const limits = fc
  .integer({ min: 1, max: 1000 })
  .chain((maxCount) => fc.record({ defaultCount: fc.integer({ min: 1, max: maxCount }), maxCount: fc.constant(maxCount) }));

describe('paging and sorting parameters (RFC 7644 §3.4.2.3, §3.4.2.4) from anything', () => {
  it('parseListParams yields startIndex ≥ 1 and 0 ≤ count ≤ maxCount, integers, or throws a 4xx ScimError', () => {
    const tally = new OutcomeTally();
    const raw = fc.record(
      {
        startIndex: numberish,
        count: numberish,
        sortBy: fc.oneof(oddText(10), anyJson),
        sortOrder: fc.oneof(fc.constantFrom('ascending', ' Descending ', 'up'), anyJson),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(raw, limits, (params, l) => {
        const outcome = tally.record(attempt(() => parseListParams(params, l)));
        if (!outcome.ok) return;
        const { startIndex, count, sortOrder } = outcome.value;
        expect(Number.isInteger(startIndex) && startIndex >= 1).toBe(true);
        expect(Number.isInteger(count) && count >= 0 && count <= l.maxCount).toBe(true);
        expect(['ascending', 'descending']).toContain(sortOrder);
      }),
      runs(300),
    );
    expect(tally.accepted).toBeGreaterThan(10);
    expect(tally.refused).toBeGreaterThan(10);
  });

  it('readListQuery, as the routes call it, reads query objects and SearchRequest bodies or throws a 4xx ScimError', () => {
    const query = fc.dictionary(
      fc.constantFrom('filter', 'startIndex', 'count', 'sortBy', 'sortOrder', 'attributes', 'excludedAttributes'),
      fc.oneof(filterText, fc.array(filterText, { maxLength: 2 }), numberish),
    );
    fc.assert(
      fc.property(fc.oneof(query, searchBody), limits, (source, l) => void attempt(() => readListQuery(source, l))),
      runs(300),
    );
  });

  it.each(['startIndex', 'count', 'sortBy', 'sortOrder', 'filter', 'attributes'])(
    'a SearchRequest whose %s is nested 10,000 levels deep is refused or read, never a stack overflow',
    (key) => {
      for (const deep of [deepArrayText(10_000, '"1"'), deepObjectText(10_000, 'a', '"1"')]) {
        attempt(() => readListQuery(JSON.parse(`{"${key}":${deep}}`), { defaultCount: 10, maxCount: 100 }));
      }
    },
  );
});
