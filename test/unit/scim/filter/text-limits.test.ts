import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScimError } from '../../../../src/scim/errors.js';
import { filterTextProblem, MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, parseFilter } from '../../../../src/scim/filter/index.js';
import { runs } from '../../../property/fc-settings.js';

/** Milliseconds of this process's CPU time since `start` (`process.cpuUsage()`). */
const cpuMsSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

const refusal = (text: string): ScimError => {
  try {
    parseFilter(text);
  } catch (e) {
    if (e instanceof ScimError) return e;
    throw e;
  }
  throw new Error(`expected '${text}' to be refused`);
};

/**
 * The quoted-value alternative of scim2-parse-filter's tokenizer (node_modules/scim2-parse-filter/src/parser.ts), as
 * the oracle: where it cannot match, the engine backtracks exponentially in the line breaks it has passed.
 */
const LIBRARY_QUOTED = /^"(?:[^"\\]|\\.|\n)*"/;

/** Positions of `"` that open a quoted value, scanning as the tokenizer does (a `\` inside a value escapes one character). */
const openingQuotes = (text: string): number[] => {
  const found: number[] = [];
  let inside = false;
  for (let i = 0; i < text.length; i++) {
    if (inside && text[i] === '\\') i++;
    else if (text[i] === '"') {
      if (!inside) found.push(i);
      inside = !inside;
    }
  }
  return found;
};

describe('filter text limits', () => {
  it('refuses the tokenizer-backtracking filter of issue 11 at once, on any number of line breaks', () => {
    for (const n of [20, 70, 2000]) {
      const started = process.cpuUsage(); // CPU time: what else the machine runs does not move it
      const e = refusal(`userName eq "${'a\n'.repeat(n)}x`);
      expect(cpuMsSince(started)).toBeLessThan(50);
      expect(e.status).toBe(400);
      expect(e.scimType).toBe('invalidFilter');
      expect(e.message).toMatch(/quoted value that starts at character 13 .* is never closed/);
    }
  });

  it('refuses a backslash before a line break, which the tokenizer cannot match either', () => {
    const e = refusal(`userName eq "${'a\n'.repeat(60)}\\\n"`);
    expect(e.scimType).toBe('invalidFilter');
    expect(e.message).toContain('escapes nothing');
  });

  it('refuses text longer than the limit, counted as the client sent it', () => {
    const long = `userName eq "${'x'.repeat(MAX_FILTER_LENGTH)}"`;
    expect(refusal(long).message).toBe(`Invalid filter: the filter is ${long.length} characters long; at most ${MAX_FILTER_LENGTH} are accepted`);
    const atLimit = `userName eq "${'x'.repeat(MAX_FILTER_LENGTH - 14)}"`;
    expect(atLimit).toHaveLength(MAX_FILTER_LENGTH);
    expect(parseFilter(atLimit)).toMatchObject({ kind: 'compare' });
    // A rewrite (bare values quoted) is judged by what was sent.
    expect(filterTextProblem(atLimit + '  ', MAX_FILTER_LENGTH)).toBeUndefined();
  });

  it('refuses nesting deeper than the limit, and parses it up to the limit', () => {
    const nested = (depth: number) => `${'('.repeat(depth)}userName pr${')'.repeat(depth)}`;
    expect(parseFilter(nested(MAX_FILTER_DEPTH))).toEqual({ kind: 'present', path: 'userName' });
    expect(refusal(nested(MAX_FILTER_DEPTH + 1)).message).toBe(
      `Invalid filter: parentheses and value filters nest deeper than ${MAX_FILTER_DEPTH} levels at character ${MAX_FILTER_DEPTH + 1}`,
    );
    // Brackets and parentheses inside quoted values are text, not nesting.
    expect(parseFilter(`displayName eq "${'(['.repeat(40)}"`)).toMatchObject({ kind: 'compare' });
  });

  it('lets through exactly the texts whose quoted values the tokenizer matches on its first attempt', () => {
    const alphabet = fc.constantFrom('"', '\\', '\n', '\r', 'a', ' ', '(', ')', '[', ']');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }), (chars) => {
        const text = chars.join('');
        const problem = filterTextProblem(text);
        const quotes = openingQuotes(text);
        const unmatched = quotes.filter((q) => !LIBRARY_QUOTED.test(text.slice(q)));
        if (problem === undefined) expect(unmatched).toEqual([]);
        else if (/quoted value|backslash/.test(problem)) expect(unmatched.length).toBeGreaterThan(0);
      }),
      runs(3000),
    );
  });
});
