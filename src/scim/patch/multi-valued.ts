import { invalidPath, invalidValue, ScimError } from '../errors.js';
import { filterMatcher, type FilterNode } from '../filter/index.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../resource.js';
import type { AttributeDefinition, ResourceSchema } from '../schemas/index.js';
import { addToIndex, elementKey, indexBy } from './element-keys.js';
import type { PatchTarget } from './paths.js';
import { sameValue, subAttributeNamed, toSingleValue } from './values.js';

/** Helpers for multi-valued attributes (RFC 7643 §2.4) shared by add, replace and remove. */

/** The elements currently stored, as a fresh array; a lone stored object counts as one element. */
export function elementsOf(current: JsonValue | undefined): JsonValue[] {
  if (Array.isArray(current)) return [...current];
  return current === undefined || current === null ? [] : [current];
}

/**
 * Whether two elements are the same: an attribute whose `value` is immutable (Group `members`) identifies its elements
 * by `value` alone, so the same member sent with another `display` is still the same member; any other attribute
 * compares whole elements.
 */
export function sameElement(def: AttributeDefinition, a: JsonValue, b: JsonValue): boolean {
  const valueDef = subAttributeNamed(def, 'value');
  if (valueDef?.mutability === 'immutable' && isJsonObject(a) && isJsonObject(b)) return sameValue(valueDef, a.value, b.value);
  return sameValue(def, a, b);
}

/**
 * RFC 7644 §3.5.2.1: add the given elements, skipping any already present (given ones included). Returns the ones
 * actually added. Candidates are found by key, so adding n elements to m costs O(n + m), not O(n × m).
 */
export function appendUnique(def: AttributeDefinition, elements: JsonValue[], given: JsonValue[]): JsonValue[] {
  const added: JsonValue[] = [];
  const index = indexBy(elements, (e) => [elementKey(def, e)]);
  for (const g of given) {
    const key = elementKey(def, g);
    if (index.get(key)?.some((e) => sameElement(def, e, g))) continue;
    elements.push(g);
    added.push(g);
    addToIndex(index, g, [key]);
  }
  return added;
}

const isPrimary = (e: JsonValue): boolean => isJsonObject(e) && e.primary === true;

/**
 * RFC 7643 §2.4: `primary: true` appears at most once. When the elements an operation wrote carry it, any other
 * element loses it; two written primaries are an invalid value.
 */
export function enforceSinglePrimary(elements: JsonValue[], written: readonly JsonValue[], label: string): void {
  const primaries = written.filter(isPrimary);
  if (primaries.length > 1) throw invalidValue(`At most one '${label}' value may be primary`);
  const [primary] = primaries;
  if (primary === undefined) return;
  for (const e of elements) if (e !== primary && isJsonObject(e) && e.primary === true) e.primary = false;
}

/**
 * A test of elements against the target's value filter (its paths are relative to the element); every element
 * passes when the target has no filter. The filter's comparisons are checked once, at the first element. A comparison
 * the filter rules refuse (`primary gt true`) makes the PATCH path invalid (RFC 7644 §3.5.2), not the filter.
 */
export function elementMatcher(target: PatchTarget, schema: ResourceSchema): (element: JsonObject) => boolean {
  const { filter } = target;
  if (!filter) return () => true;
  const matches = filterMatcher(filter, schema, target.attributePath);
  return (element) => {
    try {
      return matches(element);
    } catch (e) {
      if (e instanceof ScimError && e.scimType === 'invalidFilter') throw invalidPath(`Invalid path '${target.path}': ${e.message}`);
      throw e;
    }
  };
}

/** Whether one element satisfies the target's value filter; see {@link elementMatcher}. */
export function elementMatches(element: JsonObject, target: PatchTarget, schema: ResourceSchema): boolean {
  return elementMatcher(target, schema)(element);
}

/** The stored elements a value filter selects; every element when the target has no filter. */
export function matchingElements(elements: JsonValue[], target: PatchTarget, schema: ResourceSchema): JsonObject[] {
  const matches = elementMatcher(target, schema);
  return elements.filter((e): e is JsonObject => isJsonObject(e) && matches(e));
}

const equalityTerms = (filter: FilterNode): { path: string; value: JsonValue }[] | undefined => {
  if (filter.kind === 'compare' && filter.op === 'eq' && filter.value !== null) return [{ path: filter.path, value: filter.value }];
  if (filter.kind !== 'and') return undefined;
  const terms = filter.filters.map(equalityTerms);
  return terms.every((t) => t !== undefined) ? terms.flat() : undefined;
};

/**
 * The element a value filter describes when it is a conjunction of `eq` terms on sub-attributes:
 * `emails[type eq "work"]` → `{type: "work"}`. Used when Entra's `replace emails[type eq "work"].value` finds no
 * work email and the element has to be created. `undefined` when the filter does not pin down such an element.
 */
export function elementFromFilter(target: PatchTarget): JsonObject | undefined {
  const terms = target.filter ? equalityTerms(target.filter) : undefined;
  if (!terms) return undefined;
  const draft: JsonObject = {};
  for (const { path, value } of terms) {
    const sub = subAttributeNamed(target.attribute, path);
    if (!sub || (draft[sub.name] !== undefined && draft[sub.name] !== value)) return undefined;
    draft[sub.name] = value;
  }
  const element = toSingleValue(target.attribute, draft, target.path);
  return isJsonObject(element) ? element : undefined;
}
