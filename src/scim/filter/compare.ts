/**
 * One attribute value against one filter literal (RFC 7644 §3.4.2.2, "Filtering"): strings case-insensitively unless
 * the attribute is `caseExact`, `dateTime` as instants, numbers numerically, booleans by identity. A literal of
 * another type than the attribute value (`externalId eq 123`) is compared by its string form.
 */
import type { JsonValue } from '../resource.js';
import type { AttributeDefinition } from '../schemas/index.js';
import type { CompareOp, CompareValue } from './ast.js';
import { foldCase } from '../fold-case.js';

export const ORDERING_OPS: ReadonlySet<CompareOp> = new Set(['gt', 'ge', 'lt', 'le']);
const STRING_OPS: ReadonlySet<CompareOp> = new Set(['co', 'sw', 'ew']);

const ordered = <T extends string | number>(a: T, op: CompareOp, b: T): boolean => {
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    default:
      return false;
  }
};

const compareStrings = (a: string, op: CompareOp, b: string): boolean => {
  switch (op) {
    case 'co':
      return a.includes(b);
    case 'sw':
      return a.startsWith(b);
    case 'ew':
      return a.endsWith(b);
    default:
      return ordered(a, op, b);
  }
};

const stringForm = (v: JsonValue): string | undefined => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/**
 * The test `actual op literal`, with everything that depends only on the literal worked out once: a filter is tested
 * against every element or resource it is applied to. `literal` is never null (null is about presence, see
 * evaluate.ts).
 */
export function comparisonFor(op: CompareOp, literal: Exclude<CompareValue, null>, definition: AttributeDefinition): (actual: JsonValue) => boolean {
  const text = String(literal);
  // caseExact false: compared as the index matches names (NFC, lower-cased), so a filter and a look-up always agree.
  const folded = foldCase(text);
  const instants = definition.type === 'dateTime' && !STRING_OPS.has(op) && typeof literal === 'string';
  const instant = instants ? Date.parse(literal) : Number.NaN;
  const numeric = typeof literal === 'number' && !STRING_OPS.has(op);
  const literalBoolean = typeof literal === 'boolean' ? text : undefined;
  return (actual) => {
    if (instants && typeof actual === 'string') {
      const a = Date.parse(actual);
      return !Number.isNaN(a) && ordered(a, op, instant);
    }
    if (numeric && typeof actual === 'number') return ordered(actual, op, literal);
    if (literalBoolean !== undefined && typeof actual === 'boolean') return ordered(String(actual), op, literalBoolean);
    const a = stringForm(actual);
    if (a === undefined) return false;
    return definition.caseExact ? compareStrings(a, op, text) : compareStrings(foldCase(a), op, folded);
  };
}
