import type { JsonValue, ScimResource } from '../resource.js';
import type { ResourceSchema } from '../schemas/index.js';
import { getAttr, setAttr } from './attribute-keys.js';
import { holderOf } from './holder.js';
import { appendUnique, elementsOf, enforceSinglePrimary } from './multi-valued.js';
import type { PatchTarget } from './paths.js';
import { writeSingleValued, writeSubAttribute } from './single-valued.js';
import { compact, isEmptyValue, toAttributeValue } from './values.js';
import { writeThroughFilter } from './value-path.js';
import { assertWritable } from './write-value.js';

/**
 * RFC 7644 §3.5.2.1 "add" at a path.
 * - Multi-valued attribute: the given values are appended (a lone object counts as a one-element array); values equal
 *   to an existing one are skipped, so IdPs that repeat a member add (JumpCloud) change nothing the second time.
 * - Single-valued attribute: set; complex: the given sub-attributes merged into the current value.
 * - `attr.sub`: that sub-attribute set. With a value filter: see {@link writeThroughFilter}.
 * - An empty value (`null`, `""`, `[]`, `{}`) adds nothing (RFC 7643 §2.5).
 */
export function addAtPath(resource: ScimResource, target: PatchTarget, value: JsonValue, schema: ResourceSchema): void {
  assertWritable(target);
  if (isEmptyValue(value)) return;
  if (target.filter) return writeThroughFilter(resource, target, value, schema, 'add');
  if (target.subAttribute) return writeSubAttribute(resource, target, value);
  const def = target.attribute;
  const holder = holderOf(resource, target, true);
  if (!holder) return;
  if (!def.multiValued) return writeSingleValued(holder, def, value, target.path);
  const given = elementsOf(toAttributeValue(def, value, target.path))
    .map(compact)
    .filter((e) => !isEmptyValue(e));
  enforceSinglePrimary(given, given, def.name);
  const elements = elementsOf(getAttr(holder, def.name));
  const added = appendUnique(def, elements, given);
  enforceSinglePrimary(elements, added, def.name);
  if (elements.length > 0) setAttr(holder, def.name, elements);
}
