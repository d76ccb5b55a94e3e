/**
 * One attribute value against one filter literal (RFC 7644 §3.4.2.2, "Filtering"): strings case-insensitively unless
 * the attribute is `caseExact`, `dateTime` as instants, numbers numerically, booleans by identity. A literal of
 * another type than the attribute value (`externalId eq 123`) is compared by its string form.
 */
import type { JsonValue } from '../resource.js';
import type { AttributeDefinition } from '../schemas/index.js';
import type { CompareOp, CompareValue } from './ast.js';

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

const stringForm = (v: JsonValue): string | undefined =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

/** Whether `actual op literal` holds; `literal` is never null here (null is about presence, see evaluate.ts). */
export function compareValue(actual: JsonValue, op: CompareOp, literal: Exclude<CompareValue, null>, definition: AttributeDefinition): boolean {
  if (definition.type === 'dateTime' && !STRING_OPS.has(op) && typeof actual === 'string' && typeof literal === 'string') {
    const a = Date.parse(actual);
    return !Number.isNaN(a) && ordered(a, op, Date.parse(literal));
  }
  if (typeof actual === 'number' && typeof literal === 'number' && !STRING_OPS.has(op)) return ordered(actual, op, literal);
  if (typeof actual === 'boolean' && typeof literal === 'boolean') return ordered(String(actual), op, String(literal));
  const a = stringForm(actual);
  if (a === undefined) return false;
  const b = String(literal);
  return definition.caseExact ? compareStrings(a, op, b) : compareStrings(a.toLowerCase(), op, b.toLowerCase());
}
