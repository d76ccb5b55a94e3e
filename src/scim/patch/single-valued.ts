import { invalidPath, mutability } from '../errors.js';
import { isJsonObject, type JsonObject, type JsonValue, type ScimResource } from '../resource.js';
import type { AttributeDefinition } from '../schemas/index.js';
import { deleteAttr, getAttr, setAttr } from './attribute-keys.js';
import { holderOf } from './holder.js';
import type { PatchTarget } from './paths.js';
import { toAttributeValue, toSingleValue } from './values.js';
import { mergeComplex, writeValue } from './write-value.js';

/**
 * Writing a single-valued attribute, shared by add and replace (RFC 7644 §3.5.2.1, §3.5.2.3): a simple attribute is
 * set; a complex one has the given sub-attributes replaced and the others kept.
 */
export function writeSingleValued(holder: JsonObject, def: AttributeDefinition, value: JsonValue, label: string): void {
  const given = toAttributeValue(def, value, label);
  if (def.type !== 'complex' || !isJsonObject(given)) {
    writeValue(holder, def, given, label);
    return;
  }
  const current = getAttr(holder, def.name);
  const target = isJsonObject(current) ? current : {};
  mergeComplex(target, def, given, label);
  storeComplex(holder, def, target);
}

/**
 * `attr.sub` without a value filter: sets one sub-attribute of a single-valued complex attribute, creating it if
 * needed. On a multi-valued attribute that would mean "every element", which no IdP intends: `invalidPath`.
 */
export function writeSubAttribute(resource: ScimResource, target: PatchTarget, value: JsonValue): void {
  const { attribute: def, subAttribute: sub } = target;
  if (!sub) return;
  if (def.multiValued) throw invalidPath(`'${target.path}' needs a value filter to pick the '${def.name}' value it changes`);
  const holder = holderOf(resource, target, true);
  if (!holder) return;
  const current = getAttr(holder, def.name);
  const obj = isJsonObject(current) ? current : {};
  writeValue(obj, sub, toSingleValue(sub, value, target.path), target.path);
  storeComplex(holder, def, obj);
}

/** A complex value left with no sub-attributes is unassigned (RFC 7643 §2.5), unless it cannot be removed. */
export function storeComplex(holder: JsonObject, def: AttributeDefinition, obj: JsonObject): void {
  if (Object.keys(obj).length > 0) setAttr(holder, def.name, obj);
  else if (def.removable === false) throw mutability(`Attribute '${def.name}' cannot be left empty: the upstream always holds a value (${def.description})`);
  else deleteAttr(holder, def.name);
}
