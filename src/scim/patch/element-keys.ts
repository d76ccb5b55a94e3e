import { isJsonObject, type JsonValue } from '../resource.js';
import type { AttributeDefinition } from '../schemas/index.js';
import { isEmptyValue, subAttributeNamed } from './values.js';

/**
 * Hash keys for the elements of a multi-valued attribute, so that finding an equal element (an `add` skipping a
 * member already there) or the elements whose sub-attribute equals a value (`remove members[value eq "…"]`) is a
 * lookup, not a scan of every element: a PATCH that adds 10,000 members must not compare each with every other.
 *
 * A key is coarse on purpose: equal elements always have equal keys (strings are folded to lower case, whatever the
 * attribute's `caseExact`), but equal keys do not prove equality; callers confirm a candidate with the exact rule
 * (`sameElement`).
 */

/** A value folded so that every pair `sameValue` or an `eq` comparison calls equal folds to the same text. */
const fold = (v: JsonValue | undefined): string => {
  if (isEmptyValue(v)) return '';
  return typeof v === 'string' ? `s${v.toLowerCase()}` : `j${JSON.stringify(v)}`;
};

/**
 * The key of one element under `sameElement`: its `value` when that is immutable (Group `members` are the same
 * member whatever their `display`), else every non-empty sub-attribute, names folded and sorted. The first spelling
 * of a name counts, as in `sameValue`.
 */
export function elementKey(def: AttributeDefinition, element: JsonValue): string {
  if (!isJsonObject(element)) return fold(element);
  if (subAttributeNamed(def, 'value')?.mutability === 'immutable') return fold(element.value);
  const seen = new Map<string, string>();
  for (const [name, value] of Object.entries(element)) {
    const lower = name.toLowerCase();
    if (!seen.has(lower)) seen.set(lower, fold(value));
  }
  return JSON.stringify([...seen].filter(([, v]) => v !== '').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The key under which an `eq` comparison of a string, reference or binary sub-attribute finds a value: its text,
 * folded unless `caseExact` (RFC 7644 §3.4.2.2 compares the string forms; `compare.ts`). `undefined` for values no
 * string literal equals (objects, arrays, null).
 */
export function comparisonKey(sub: AttributeDefinition, value: JsonValue): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  const text = String(value);
  return sub.caseExact ? text : text.toLowerCase();
}

/** Elements grouped by a key, for lookups; elements without a key are left out. */
export function indexBy<T>(elements: Iterable<T>, keysOf: (element: T) => Iterable<string>): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const element of elements) addToIndex(index, element, keysOf(element));
  return index;
}

export function addToIndex<T>(index: Map<string, T[]>, element: T, keys: Iterable<string>): void {
  for (const key of keys) {
    const bucket = index.get(key);
    if (bucket) bucket.push(element);
    else index.set(key, [element]);
  }
}
