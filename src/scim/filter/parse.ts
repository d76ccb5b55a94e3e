import { parse } from 'scim2-parse-filter';
import type { Filter } from 'scim2-parse-filter';
import { invalidFilter } from '../errors.js';
import type { FilterNode } from './ast.js';
import { fromLibraryAst } from './convert.js';
import { filterSyntaxError } from './parse-error.js';
import { filterTextProblem } from './text-limits.js';
import { foldValuePathSubAttributes, markValuePathSubAttributes } from './value-path-fix.js';

/**
 * Parse a SCIM filter (RFC 7644 §3.4.2.2) into a {@link FilterNode}. Operators and logical keywords are
 * case-insensitive; `attr[filter].sub op value` becomes one value filter on one element. Text over the limits of
 * `text-limits.ts`, or that would make the library's tokenizer backtrack, is refused before the library sees it.
 * `sentLength` is the length of the filter as the client sent it, when `text` is a rewrite of it.
 * @throws ScimError 400 `invalidFilter` with a detail naming the problem and where it is.
 */
export function parseFilter(text: string, sentLength = text.length): FilterNode {
  if (text.trim() === '') throw invalidFilter('Invalid filter: the filter is empty');
  const problem = filterTextProblem(text, sentLength);
  if (problem) throw invalidFilter(`Invalid filter: ${problem}`);
  let library: Filter;
  try {
    library = parse(markValuePathSubAttributes(text));
  } catch (e) {
    throw filterSyntaxError(text, e);
  }
  return foldValuePathSubAttributes(fromLibraryAst(library));
}
