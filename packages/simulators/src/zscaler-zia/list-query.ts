import { invalidInput } from './errors.js';

/** Default and largest `pageSize` of one list endpoint. */
export interface PageSizes {
  defaultSize: number;
  maxSize: number;
}

/** Users: "The default size is 100 and the maximum size is 10,000" (ZH-UM). */
export const USER_PAGES: PageSizes = { defaultSize: 100, maxSize: 10_000 };
/** References: "The default size is 1 and the maximum size is 100" (ZH-UM). */
export const REFERENCE_PAGES: PageSizes = { defaultSize: 1, maxSize: 100 };
/** Departments and groups: undocumented; ZSDK asks for 1000 a page [INF]. */
export const ORG_UNIT_PAGES: PageSizes = { defaultSize: 100, maxSize: 1000 };

type Query = Record<string, unknown>;

function positiveInteger(query: Query, key: string): number | undefined {
  const raw = query[key];
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) < 1) throw invalidInput(`${key} must be a positive integer`);
  return Number(raw);
}

/**
 * One page of `items` (docs/upstreams/zscaler-zia.md §5): `page` is 1-based (ZSDK starts at 1), `pageSize` defaults per endpoint and
 * is capped at its maximum rather than refused; a page past the end is `[]` [INF]. No envelope, no total: clients
 * read until a page comes back shorter than `pageSize`.
 */
export function pageOf<T>(items: readonly T[], query: Query, sizes: PageSizes): T[] {
  const page = positiveInteger(query, 'page') ?? 1;
  const pageSize = Math.min(positiveInteger(query, 'pageSize') ?? sizes.defaultSize, sizes.maxSize);
  const start = (page - 1) * pageSize;
  return items.slice(start, start + pageSize);
}

/** A string query parameter, if sent. */
export function queryText(query: Query, key: string): string | undefined {
  const raw = query[key];
  return typeof raw === 'string' && raw !== '' ? raw : undefined;
}

export const containsIgnoringCase = (value: string | undefined, part: string) => value !== undefined && value.toLowerCase().includes(part.toLowerCase());
export const startsWithIgnoringCase = (value: string, prefix: string) => value.toLowerCase().startsWith(prefix.toLowerCase());

/** A path id: ZIA ids are int32; anything else is refused as a bad argument [INF]. */
export function idParam(raw: string, what: string): number {
  if (!/^\d{1,10}$/.test(raw) || Number(raw) > 2_147_483_647) throw invalidInput(`${what} must be an integer id`);
  return Number(raw);
}
