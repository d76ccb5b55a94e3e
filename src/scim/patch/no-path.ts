import { invalidPath, invalidValue, mutability } from '../errors.js';
import { isJsonObject, type JsonValue, type ScimResource } from '../resource.js';
import type { ResourceSchema } from '../schemas/index.js';
import { removeExtension } from './holder.js';
import { applyAtTarget } from './operation.js';
import { parsePatchPath } from './paths.js';
import { isEmptyValue } from './values.js';
import { isReadOnlyTarget } from './write-value.js';

/**
 * "add" / "replace" without a path (RFC 7644 §3.5.2.1, §3.5.2.3): the value is a set of attributes, each applied as
 * if it were its own operation with that attribute as path. A key that is a schema URN holds that extension's
 * attributes. Keys naming readOnly attributes (`id`, `meta`, `groups`) are ignored rather than refused: Okta sends
 * the group `id` inside its rename value. `schemas` is the server's to maintain, so it is ignored too.
 */
export function applyValueObject(resource: ScimResource, op: 'add' | 'replace', value: JsonValue, schema: ResourceSchema): void {
  if (!isJsonObject(value)) throw invalidValue(`An "${op}" without a path needs an object of attributes as its value`);
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || key.toLowerCase() === 'schemas') continue;
    const parsed = parsePatchPath(key, schema);
    if (parsed.kind === 'schema') applySchemaValue(resource, op, parsed.schemaId, v, schema);
    else if (!isReadOnlyTarget(parsed.target)) applyAtTarget(resource, op, parsed.target, v, schema);
  }
}

/**
 * The attributes of one schema, given whole: a URN key of a no-path value, or a path that is a bare schema URN.
 * Attributes are merged one by one; "replace" with an empty value removes the whole extension.
 */
export function applySchemaValue(resource: ScimResource, op: 'add' | 'replace', schemaId: string, value: JsonValue, schema: ResourceSchema): void {
  if (isEmptyValue(value)) {
    if (op === 'replace') removeSchemaObject(resource, schemaId, schema);
    return;
  }
  if (!isJsonObject(value)) throw invalidValue(`'${schemaId}' holds an object of that schema's attributes`);
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const parsed = parsePatchPath(`${schemaId}:${key}`, schema);
    if (parsed.kind === 'schema') throw invalidPath(`'${key}' is not an attribute of '${schemaId}'`);
    if (!isReadOnlyTarget(parsed.target)) applyAtTarget(resource, op, parsed.target, v, schema);
  }
}

/**
 * `remove` of a bare extension URN drops the extension; the core schema, required extensions and extensions holding
 * an attribute that cannot be removed cannot go.
 */
export function removeSchemaObject(resource: ScimResource, schemaId: string, schema: ResourceSchema): void {
  if (schemaId === schema.core.id) throw invalidPath(`The core schema '${schemaId}' cannot be removed`);
  const extension = schema.extensions.find((e) => e.schema.id === schemaId);
  if (extension?.required) {
    throw mutability(`The extension '${schemaId}' is required and cannot be removed`);
  }
  const kept = extension?.schema.attributes.find((a) => a.removable === false);
  if (kept) throw mutability(`The extension '${schemaId}' cannot be removed: its attribute '${kept.name}' cannot be removed (${kept.description})`);
  removeExtension(resource, schemaId);
}
