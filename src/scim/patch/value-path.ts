import { noTarget } from '../errors.js';
import { isJsonObject, type JsonObject, type JsonValue, type ScimResource } from '../resource.js';
import type { ResourceSchema } from '../schemas/index.js';
import { deleteAttr, getAttr, setAttr } from './attribute-keys.js';
import { holderOf } from './holder.js';
import { elementFromFilter, elementMatches, elementsOf, enforceSinglePrimary, matchingElements } from './multi-valued.js';
import type { PatchTarget } from './paths.js';
import { isEmptyValue, toSingleValue } from './values.js';
import { mergeComplex, writeValue } from './write-value.js';

/**
 * add / replace through a value filter (RFC 7644 §3.5.2.1, §3.5.2.3): `emails[type eq "work"]` merges the given
 * sub-attributes into every matching element; `emails[type eq "work"].value` sets that sub-attribute on each.
 *
 * When nothing matches:
 * - with a sub-attribute, the element is created from the filter's `eq` terms plus the value — Entra sends
 *   `replace emails[type eq "work"].value` for a user who has no work email yet and expects `{type:"work", value}`;
 * - without one, `replace` fails with `noTarget` (RFC 7644 §3.5.2.3), while `add` creates the element the same way.
 */
export function writeThroughFilter(resource: ScimResource, target: PatchTarget, value: JsonValue, schema: ResourceSchema, op: 'add' | 'replace'): void {
  const { attribute: def, subAttribute: sub } = target;
  const given = sub ? toSingleValue(sub, value, target.path) : toSingleValue(def, value, target.path);
  const holder = holderOf(resource, target, true);
  if (!holder) return;
  const elements = elementsOf(getAttr(holder, def.name));
  const matches = matchingElements(elements, target, schema);
  const written = matches.length > 0 ? matches : [createElement(target, op)];
  for (const element of written) {
    if (sub) writeValue(element, sub, given, target.path);
    else if (isJsonObject(given)) mergeComplex(element, def, given, target.path);
  }
  if (matches.length === 0) {
    const [created] = written as [JsonObject];
    if (!elementMatches(created, target, schema)) {
      throw noTarget(`No '${def.name}' value matches '${target.path}', and the value given contradicts the filter`);
    }
    elements.push(created);
  }
  enforceSinglePrimary(elements, written, def.name);
  const kept = elements.filter((e) => !isEmptyValue(e));
  if (kept.length > 0) setAttr(holder, def.name, kept);
  else deleteAttr(holder, def.name);
}

function createElement(target: PatchTarget, op: 'add' | 'replace'): JsonObject {
  const name = target.attribute.name;
  if (op === 'replace' && !target.subAttribute) throw noTarget(`No '${name}' value matches '${target.path}'`);
  const element = elementFromFilter(target);
  if (!element) throw noTarget(`No '${name}' value matches '${target.path}', and its filter does not describe one to create`);
  return element;
}
