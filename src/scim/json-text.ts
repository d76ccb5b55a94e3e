import { memoizeFrozen } from './memo.js';
import type { JsonObject, ListResponse } from './resource.js';

/**
 * `JSON.stringify` of a resource, kept for frozen (shared, memoised) resources so that an unchanged user is
 * serialised once, not on every look-up that returns it. Unfrozen resources are serialised each time.
 */
export const resourceJson: (resource: JsonObject) => string = memoizeFrozen((resource) => JSON.stringify(resource));

/**
 * A ListResponse as JSON text, its resources through {@link resourceJson}; the same text `JSON.stringify` gives
 * (keys in the order `listResponse` builds them). Written out field by field: it runs on every list and filter
 * answer, and spreading and stringifying the head cost more than the rest of it.
 */
export function listResponseJson(list: ListResponse<JsonObject>): string {
  const head = `{"schemas":${JSON.stringify(list.schemas)},"totalResults":${JSON.stringify(list.totalResults)},"startIndex":${JSON.stringify(list.startIndex)},"itemsPerPage":${JSON.stringify(list.itemsPerPage)}`;
  return `${head},"Resources":[${list.Resources.map(resourceJson).join(',')}]}`;
}
