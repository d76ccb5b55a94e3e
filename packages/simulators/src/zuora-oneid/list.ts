import { badRequest } from './errors.js';
import { URN } from './urns.js';

/**
 * OneID's ListResponse (docs/upstreams/zuora-oneid.md §5): lower-case `resources` (RFC 7644 §3.4.2 says `Resources`) and
 * `id`/`externalId`/`meta` present as null. `startIndex`/`itemsPerPage` are left out when not given: the Groups list
 * sample has neither.
 */
export function listResponse(resources: unknown[], totalResults: number, paging?: { startIndex: number; itemsPerPage: number }): Record<string, unknown> {
  return {
    schemas: [URN.listResponse],
    id: null,
    externalId: null,
    meta: null,
    totalResults,
    resources,
    ...(paging ? { startIndex: paging.startIndex, itemsPerPage: paging.itemsPerPage } : {}),
  };
}

/** An integer query parameter, or `undefined` when absent; anything else is a 400 [INF]. */
export function integerParam(raw: unknown, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw.trim())) throw badRequest(`${name} must be an integer`);
  return Number(raw);
}

export interface PageRequest {
  startIndex?: number;
  count?: number;
  defaultCount: number;
  maxCount: number;
}

/** `count` as honoured: default when absent, negative → 0 (RFC 7644 §3.4.2.4), above the maximum → the maximum. */
function effectiveCount(page: PageRequest): number {
  return Math.min(Math.max(page.count ?? page.defaultCount, 0), page.maxCount);
}

/** RFC 7644 §3.4.2.4: `startIndex` is the 1-based index of the first item; below 1 means 1. */
export function sliceByItemIndex<T>(items: readonly T[], page: PageRequest): { items: T[]; startIndex: number } {
  const startIndex = Math.max(page.startIndex ?? 1, 1);
  const count = effectiveCount(page);
  return { items: items.slice(startIndex - 1, startIndex - 1 + count), startIndex };
}

/**
 * Groups, as documented: `startIndex` is a page number ("if you set count to 20 and startIndex to 2, the 21st to 40th
 * records are returned"); below 1 means the first page [INF].
 */
export function sliceByPageNumber<T>(items: readonly T[], page: PageRequest): T[] {
  const pageNumber = Math.max(page.startIndex ?? 1, 1);
  const count = effectiveCount(page);
  return items.slice((pageNumber - 1) * count, pageNumber * count);
}
