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

/**
 * A ListResponse as JSON text, its resources through {@link resourceJson}; the same text `JSON.stringify` gives
 * (keys in the order `listResponse` builds them). Written out field by field: it runs on every list and filter
 * answer, and spreading and stringifying the head cost more than the rest of it.
 */
export function listResponseJson(list: ListResponse<JsonObject>): string {
  const head = `{"schemas":${JSON.stringify(list.schemas)},"totalResults":${JSON.stringify(list.totalResults)},"startIndex":${JSON.stringify(list.startIndex)},"itemsPerPage":${JSON.stringify(list.itemsPerPage)}`;
  return `${head},"Resources":[${list.Resources.map(resourceJson).join(',')}]}`;
}
