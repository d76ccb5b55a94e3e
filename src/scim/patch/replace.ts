import type { JsonValue, ScimResource } from '../resource.js';
import type { ResourceSchema } from '../schemas/index.js';
import { setAttr } from './attribute-keys.js';
import { holderOf } from './holder.js';
import { elementsOf, enforceSinglePrimary } from './multi-valued.js';
import type { PatchTarget } from './paths.js';
import { removeAtPath } from './remove.js';
import { writeSingleValued, writeSubAttribute } from './single-valued.js';
import { compact, isEmptyValue, toAttributeValue } from './values.js';
import { writeThroughFilter } from './value-path.js';
import { assertWritable } from './write-value.js';

/**
 * RFC 7644 §3.5.2.3 "replace" at a path.
 * - Multi-valued attribute without filter: all values replaced by the given ones.
 * - Single-valued attribute: set; complex: the given sub-attributes replaced, the others kept.
 * - `attr.sub`: that sub-attribute set. With a value filter: see {@link writeThroughFilter}.
 * - An empty or absent value (`null`, `""`, `[]`, `{}` — Entra clears `manager` this way) removes the target,
 *   exactly as "remove" would, including its mutability checks.
 * A target that does not exist yet is created, as RFC 7644 §3.5.2.3 treats it as an "add".
 */
export function replaceAtPath(resource: ScimResource, target: PatchTarget, value: JsonValue, schema: ResourceSchema): void {
  assertWritable(target);
  if (isEmptyValue(value)) return removeAtPath(resource, target, schema);
  if (target.filter) return writeThroughFilter(resource, target, value, schema, 'replace');
  if (target.subAttribute) return writeSubAttribute(resource, target, value);
  const def = target.attribute;
  const holder = holderOf(resource, target, true);
  if (!holder) return;
  if (!def.multiValued) return writeSingleValued(holder, def, value, target.path);
  const elements = elementsOf(toAttributeValue(def, value, target.path))
    .map(compact)
    .filter((e) => !isEmptyValue(e));
  enforceSinglePrimary(elements, elements, def.name);
  if (elements.length > 0) setAttr(holder, def.name, elements);
  else removeAtPath(resource, target, schema);
}
