/**
 * SCIM filters (RFC 7644 §3.4.2.2): parse to a typed AST, evaluate against plain resources, and read the equality
 * terms the core can answer from its index. PATCH paths (RFC 7644 §3.5.2) reuse the same parser.
 */
export type { FilterNode } from './ast.js';
export { parseFilter } from './parse.js';
export { filterTextProblem, MAX_FILTER_DEPTH, MAX_FILTER_LENGTH } from './text-limits.js';
export { filterMatcher, matchesFilter } from './evaluate.js';
export { equalityConstraints, filterReads, pathReads } from './constraints.js';
export { parseValuePathExpression } from './value-path-expression.js';
