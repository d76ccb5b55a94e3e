import type { FilterNode } from '../../scim/filter/index.js';
import { MAX_FILTER_LENGTH, parseFilter } from '../../scim/filter/index.js';
import { type ListLimits, type ListParams, parseListParams } from '../../scim/list.js';
import { type Projection, parseAttributeList } from '../../scim/projection.js';
import { isJsonObject } from '../../scim/resource.js';
import { invalidSyntax } from '../../scim/errors.js';
import { normaliseFilter } from '../normalise/index.js';
import { memoizeString } from '../../scim/memo.js';

/**
 * Parsed filters by their text: IdPs repeat the same few shapes. A parse error is thrown anew each time. The limits
 * apply to the text as sent, so quoting its bare values cannot push it over, and an over-long text is not rewritten.
 */
const parsedFilter = memoizeString((text: string): FilterNode => {
  const sent = text.trim();
  return sent.length > MAX_FILTER_LENGTH ? parseFilter(sent) : parseFilter(normaliseFilter(text), sent.length);
}, 5_000);

export interface ListQuery {
  filter: FilterNode | undefined;
  params: ListParams;
  projection: Projection;
}

/** A Fastify query value: repeated parameters arrive as arrays; the first one counts. */
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

/** Query parameters (GET) or a SearchRequest body (POST .search, RFC 7644 §3.4.3), read the same way. */
export function readListQuery(source: unknown, limits: ListLimits): ListQuery {
  if (source !== undefined && !isJsonObject(source)) throw invalidSyntax('A SearchRequest must be a JSON object');
  const q = (source ?? {}) as Record<string, unknown>;
  const filterText = first(q.filter);
  if (filterText !== undefined && typeof filterText !== 'string') throw invalidSyntax('filter must be a string');
  const filter = filterText !== undefined && filterText.trim() !== '' ? parsedFilter(filterText) : undefined;
  return {
    filter,
    params: parseListParams({ startIndex: first(q.startIndex), count: first(q.count), sortBy: first(q.sortBy), sortOrder: first(q.sortOrder) }, limits),
    projection: readProjection(q),
  };
}

export function readProjection(q: Record<string, unknown>): Projection {
  return { attributes: parseAttributeList(q.attributes), excludedAttributes: parseAttributeList(q.excludedAttributes) };
}
