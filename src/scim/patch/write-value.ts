import { mutability } from '../errors.js';
import type { JsonObject, JsonValue } from '../resource.js';
import type { AttributeDefinition } from '../schemas/index.js';
import { deleteAttr, getAttr, setAttr } from './attribute-keys.js';
import type { PatchTarget } from './paths.js';
import { isEmptyValue, sameValue, subAttributeNamed } from './values.js';

/**
 * Mutability rules of RFC 7643 §2.2 as PATCH enforces them (RFC 7644 §3.5.2): an explicit path to a readOnly
 * attribute or sub-attribute is refused, and an immutable value, once set, cannot change or be unassigned.
 */

export function assertWritable(target: PatchTarget): void {
  if (target.attribute.mutability === 'readOnly' || target.subAttribute?.mutability === 'readOnly') {
    throw mutability(`Attribute '${target.path}' is readOnly`);
  }
}

/** The target names something the client may never touch (used to skip readOnly keys of a no-path value). */
export const isReadOnlyTarget = (target: PatchTarget): boolean => target.attribute.mutability === 'readOnly' || target.subAttribute?.mutability === 'readOnly';

/** Set `def` in `obj` under its canonical name; an empty value unassigns it. */
export function writeValue(obj: JsonObject, def: AttributeDefinition, value: JsonValue, label: string): void {
  const current = getAttr(obj, def.name);
  if (def.mutability === 'immutable' && !isEmptyValue(current) && !sameValue(def, current, value)) {
    throw mutability(`Attribute '${label}' is immutable`);
  }
  if (isEmptyValue(value) && def.removable === false) {
    throw mutability(`Attribute '${label}' cannot be removed: the upstream always holds a value (${def.description})`);
  }
  if (isEmptyValue(value)) deleteAttr(obj, def.name);
  else setAttr(obj, def.name, value);
}

/** Merge a canonical complex value into `obj`: given sub-attributes replace, empty ones unassign, others stay. */
export function mergeComplex(obj: JsonObject, def: AttributeDefinition, given: JsonObject, label: string): void {
  for (const [name, value] of Object.entries(given)) {
    const sub = subAttributeNamed(def, name);
    if (sub) writeValue(obj, sub, value ?? null, `${label}.${sub.name}`);
  }
}
