import { mutability } from '../errors.js';
import { isJsonObject, type JsonValue, type ScimResource } from '../resource.js';
import type { ResourceSchema } from '../schemas/index.js';
import { deleteAttr, getAttr, setAttr } from './attribute-keys.js';
import { holderOf } from './holder.js';
import { elementsOf, matchingElements } from './multi-valued.js';
import type { PatchTarget } from './paths.js';
import { storeComplex } from './single-valued.js';
import { isEmptyValue } from './values.js';
import { assertWritable } from './write-value.js';

/**
 * RFC 7644 §3.5.2.2 "remove" at a path.
 * - `attr`: the attribute and all its values (`remove members` empties a group).
 * - `attr.sub`: that sub-attribute; on a multi-valued attribute, from every element.
 * - `attr[filter]`: the matching elements; `attr[filter].sub`: that sub-attribute of each match. Removing the
 *   `value` of an element removes the element, which means nothing without it.
 * - Nothing to remove, or a filter matching nothing, is a no-op: IdPs remove members that are already gone.
 * - An element or complex value left empty disappears, and so does an attribute left without elements.
 * - A required, non-removable or readOnly target is refused with `mutability`, even when currently unassigned.
 */
export function removeAtPath(resource: ScimResource, target: PatchTarget, schema: ResourceSchema): void {
  assertWritable(target);
  const { attribute: def, subAttribute: sub } = target;
  if ((!target.filter && !sub && def.required) || sub?.required) {
    throw mutability(`Attribute '${target.path}' is required and cannot be removed`);
  }
  if ((!target.filter && !sub && def.removable === false) || sub?.removable === false) {
    throw mutability(`Attribute '${target.path}' cannot be removed: the upstream always holds a value (${(sub ?? def).description})`);
  }
  const holder = holderOf(resource, target, false);
  const current = holder ? getAttr(holder, def.name) : undefined;
  if (!holder || current === undefined) return;
  if (!target.filter && !sub) {
    deleteAttr(holder, def.name);
    return;
  }
  if (!def.multiValued) {
    if (isJsonObject(current) && sub) {
      deleteAttr(current, sub.name);
      storeComplex(holder, def, current);
    }
    return;
  }
  const elements = elementsOf(current);
  const selected = new Set<JsonValue>(matchingElements(elements, target, schema));
  const dropWhole = !sub || sub.name === 'value';
  if (!dropWhole) for (const element of selected) if (isJsonObject(element)) deleteAttr(element, sub.name);
  const kept = elements.filter((e) => !(dropWhole && selected.has(e)) && !isEmptyValue(e));
  if (kept.length > 0) setAttr(holder, def.name, kept);
  else deleteAttr(holder, def.name);
}
