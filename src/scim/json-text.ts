import type { JsonObject, ListResponse } from './resource.js';

/** JSON texts of frozen resources: a frozen object never changes, so its text can be kept beside it. */
const texts = new WeakMap<object, string>();

/**
 * `JSON.stringify` of a resource, kept for frozen (shared, memoised) resources so that an unchanged user is
 * serialised once, not on every look-up that returns it. Unfrozen resources are serialised each time.
 */
export function resourceJson(resource: JsonObject): string {
  if (!Object.isFrozen(resource)) return JSON.stringify(resource);
  let text = texts.get(resource);
  if (text === undefined) texts.set(resource, (text = JSON.stringify(resource)));
  return text;
}

/** A ListResponse as JSON text, its resources through {@link resourceJson}; the same text `JSON.stringify` gives. */
export function listResponseJson(list: ListResponse<JsonObject>): string {
  const { Resources, ...head } = list;
  const start = JSON.stringify(head).slice(0, -1);
  return `${start},"Resources":[${Resources.map(resourceJson).join(',')}]}`;
}
