import { invalidValue } from './errors.js';
import { previewValue } from './value-preview.js';
import { getCaseInsensitive, readPath } from './attribute-value.js';
import { LIST_RESPONSE_SCHEMA, isJsonObject, type JsonObject, type JsonValue, type ListResponse } from './resource.js';
import { leafDefinition, type ResourceSchema } from './schemas/index.js';

/** Paging and sorting parameters of a query (RFC 7644 §3.4.2.3, §3.4.2.4), validated. */
export interface ListParams {
  /** 1-based; values below 1 are read as 1 (RFC 7644 §3.4.2.4). */
  startIndex: number;
  /** Page size; 0 asks for totals only. */
  count: number;
  sortBy: string | undefined;
  sortOrder: 'ascending' | 'descending';
}

export interface ListLimits {
  defaultCount: number;
  maxCount: number;
}

const toInteger = (raw: unknown, name: string): number | undefined => {
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw !== 'number' && typeof raw !== 'string') throw invalidValue(`${name} must be an integer, got ${previewValue(raw)}`);
  const n = typeof raw === 'number' ? raw : Number(raw.trim());
  if (!Number.isFinite(n) || !Number.isInteger(n)) throw invalidValue(`${name} must be an integer, got ${previewValue(raw)}`);
  return n;
};

/** Read paging and sorting from query parameters or a SearchRequest body. */
export function parseListParams(raw: { startIndex?: unknown; count?: unknown; sortBy?: unknown; sortOrder?: unknown }, limits: ListLimits): ListParams {
  const startIndex = Math.max(1, toInteger(raw.startIndex, 'startIndex') ?? 1);
  const requested = toInteger(raw.count, 'count');
  // A negative count is read as 0 (RFC 7644 §3.4.2.4); above the maximum it is reduced, as the RFC allows.
  const count = requested === undefined ? limits.defaultCount : Math.min(Math.max(0, requested), limits.maxCount);
  const sortBy = typeof raw.sortBy === 'string' && raw.sortBy.trim() !== '' ? raw.sortBy.trim() : undefined;
  const order = typeof raw.sortOrder === 'string' ? raw.sortOrder.trim().toLowerCase() : undefined;
  if (order !== undefined && order !== '' && order !== 'ascending' && order !== 'descending') {
    throw invalidValue(`sortOrder must be "ascending" or "descending", got ${previewValue(raw.sortOrder)}`);
  }
  return { startIndex, count, sortBy, sortOrder: order === 'descending' ? 'descending' : 'ascending' };
}

/** The value a resource sorts by: for multi-valued attributes the primary element's, else the first (RFC 7644 §3.4.2.3). */
function sortKey(resource: JsonObject, sortBy: string, schema: ResourceSchema): JsonValue | undefined {
  const head = sortBy.split('.')[0] ?? sortBy;
  const container = getCaseInsensitive(resource, head);
  if (Array.isArray(container) && !sortBy.includes('.')) {
    const primary = container.find((e) => isJsonObject(e) && e.primary === true) ?? container[0];
    return isJsonObject(primary) ? primary.value : primary;
  }
  const values = readPath(resource, sortBy, schema);
  return values[0];
}

function compareValues(a: JsonValue | undefined, b: JsonValue | undefined, caseExact: boolean): number {
  const aMissing = a === undefined || a === null;
  const bMissing = b === undefined || b === null;
  // Missing values sort after present ones in ascending order.
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = String(a);
  const sb = String(b);
  const x = caseExact ? sa : sa.toLowerCase();
  const y = caseExact ? sb : sb.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sort (stable: equal keys keep their input order, which callers make stable by creation time and id). */
export function sortResources<T extends JsonObject>(resources: T[], params: ListParams, schema: ResourceSchema): T[] {
  const { sortBy } = params;
  if (!sortBy) return resources;
  return sortByKeys(
    resources.map((r) => ({ item: r, key: sortKey(r, sortBy, schema) })),
    params,
    schema,
  );
}

/** The value `params.sortBy` sorts a resource by (undefined without `sortBy`): see {@link sortByKeys}. */
export function sortKeyOf(resource: JsonObject, params: ListParams, schema: ResourceSchema): JsonValue | undefined {
  return params.sortBy ? sortKey(resource, params.sortBy, schema) : undefined;
}

/**
 * Sort items by the sort keys of the resources they stand for ({@link sortKeyOf}), stably, as {@link sortResources}
 * sorts the resources: a caller walking many resources keeps only their keys and ids, not the resources.
 */
export function sortByKeys<T>(keyed: readonly { item: T; key: JsonValue | undefined }[], params: ListParams, schema: ResourceSchema): T[] {
  const { sortBy } = params;
  if (!sortBy) return keyed.map((e) => e.item);
  const caseExact = leafDefinition(schema, sortBy)?.caseExact ?? false;
  const direction = params.sortOrder === 'descending' ? -1 : 1;
  const indexed = keyed.map((e, i) => ({ ...e, i }));
  indexed.sort((p, q) => direction * compareValues(p.key, q.key, caseExact) || p.i - q.i);
  return indexed.map((e) => e.item);
}

/** One page of already filtered and sorted resources as a ListResponse (RFC 7644 §3.4.2). */
export function toListResponse<T extends JsonObject>(all: T[], params: ListParams): ListResponse<T> {
  const page = params.count === 0 ? [] : all.slice(params.startIndex - 1, params.startIndex - 1 + params.count);
  return listResponse(page, all.length, params.startIndex);
}

export function listResponse<T extends JsonObject>(page: T[], totalResults: number, startIndex: number): ListResponse<T> {
  return { schemas: [LIST_RESPONSE_SCHEMA], totalResults, startIndex, itemsPerPage: page.length, Resources: page };
}
