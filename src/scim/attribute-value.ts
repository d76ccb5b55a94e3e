import type { JsonObject, JsonValue } from './resource.js';
import { isJsonObject } from './resource.js';
import { type ResourceSchema, splitSchemaUrn, schemaIds } from './schemas/index.js';

/**
 * Read the value at an attribute path (`userName`, `name.familyName`, `emails.value`, URN-qualified) from a
 * resource, case-insensitively. Multi-valued complex attributes yield the sub-attribute of each element, flattened.
 */
export function readPath(resource: JsonObject, path: string, schema: ResourceSchema): JsonValue[] {
  const { schemaId, rest } = splitSchemaUrn(path, schemaIds(schema));
  let container: JsonValue | undefined = resource;
  if (schemaId && schemaId !== schema.core.id) container = getCaseInsensitive(resource, schemaId);
  const parts = rest.split('.').filter((p) => p.length > 0);
  let values: JsonValue[] = container === undefined ? [] : [container];
  for (const part of parts) {
    const next: JsonValue[] = [];
    for (const v of values) {
      const elements = Array.isArray(v) ? v : [v];
      for (const el of elements) {
        if (!isJsonObject(el)) continue;
        const child = getCaseInsensitive(el, part);
        if (child === undefined || child === null) continue;
        if (Array.isArray(child)) next.push(...child);
        else next.push(child);
      }
    }
    values = next;
  }
  return values;
}

export function getCaseInsensitive(obj: JsonObject, key: string): JsonValue | undefined {
  if (key in obj) return obj[key];
  const lower = key.toLowerCase();
  const found = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : obj[found];
}
