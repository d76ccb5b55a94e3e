import { invalidValue, type ScimError } from '../errors.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../resource.js';
import type { AttributeDefinition } from '../schemas/index.js';

/**
 * Checking and canonicalising PATCH values against their attribute definition (RFC 7643 §2.3, §7).
 *
 * Unassigned, `null`, `""`, `[]` and `{}` are one state (RFC 7643 §2.5): the engine never stores an empty value, and
 * an empty sub-attribute inside a given complex value means "unassign it" (kept as `null` until {@link compact}).
 * Sub-attribute names are rewritten to their canonical spelling; readOnly sub-attributes a client sends (e.g.
 * `members[].display`, `manager.displayName`) are ignored, as RFC 7643 §2.2 has servers do.
 */

export function isEmptyValue(v: JsonValue | undefined): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (isJsonObject(v) && Object.keys(v).length === 0);
}

export function subAttributeNamed(def: AttributeDefinition, name: string): AttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return def.subAttributes?.find((s) => s.name.toLowerCase() === lower);
}

const shapeError = (label: string, expected: string): ScimError => invalidValue(`Attribute '${label}' expects ${expected}`);

export function toSimpleValue(def: AttributeDefinition, value: JsonValue, label: string): JsonValue {
  switch (def.type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw shapeError(label, 'a boolean');
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw shapeError(label, 'an integer');
      return value;
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw shapeError(label, 'a number');
      return value;
    case 'dateTime':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw shapeError(label, 'an xsd:dateTime string');
      return value;
    case 'complex':
      throw shapeError(label, 'an object');
    default:
      if (typeof value !== 'string') throw shapeError(label, 'a string');
      return value;
  }
}

/** One value of `def` (one element when it is multi-valued), canonicalised; throws invalidValue on a wrong shape. */
export function toSingleValue(def: AttributeDefinition, value: JsonValue, label: string): JsonValue {
  if (def.type !== 'complex') return toSimpleValue(def, value, label);
  if (!isJsonObject(value)) throw shapeError(label, 'an object');
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const sub = subAttributeNamed(def, key);
    if (!sub) throw invalidValue(`'${key}' is not a sub-attribute of '${label}'`);
    if (sub.mutability === 'readOnly') continue;
    out[sub.name] = isEmptyValue(v) ? null : toSimpleValue(sub, v, `${label}.${sub.name}`);
  }
  return out;
}

/** The value of a whole attribute: an array when multi-valued, where a lone element is accepted as a one-element array. */
export function toAttributeValue(def: AttributeDefinition, value: JsonValue, label: string): JsonValue {
  if (!def.multiValued) {
    if (Array.isArray(value)) throw shapeError(label, 'a single value, not an array');
    return toSingleValue(def, value, label);
  }
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => {
    if (isEmptyValue(item)) throw invalidValue(`Attribute '${label}' cannot hold an empty element`);
    return toSingleValue(def, item, label);
  });
}

/** A complex value without its unassigned sub-attributes; other values unchanged. */
export function compact(value: JsonValue): JsonValue {
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (!isEmptyValue(v)) out[k] = v;
  return out;
}

/** Value equality under the definition: strings compare case-insensitively unless `caseExact` (RFC 7643 §2.1). */
export function sameValue(def: AttributeDefinition, a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (isEmptyValue(a) || isEmptyValue(b)) return isEmptyValue(a) && isEmptyValue(b);
  if (def.type === 'complex' && isJsonObject(a) && isJsonObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)].map((k) => k.toLowerCase()));
    return [...keys].every((k) => {
      const sub = subAttributeNamed(def, k);
      const av = Object.entries(a).find(([key]) => key.toLowerCase() === k)?.[1];
      const bv = Object.entries(b).find(([key]) => key.toLowerCase() === k)?.[1];
      return sub ? sameValue(sub, av, bv) : JSON.stringify(av) === JSON.stringify(bv);
    });
  }
  if (typeof a === 'string' && typeof b === 'string' && !def.caseExact) return a.toLowerCase() === b.toLowerCase();
  return a === b;
}
