import { setImmediate as nextTurn } from 'node:timers/promises';
import { listResponse, sortByKeys, sortKeyOf, type ListParams } from '../scim/list.js';
import type { JsonObject, JsonValue, ListResponse } from '../scim/resource.js';
import type { ResourceSchema } from '../scim/schemas/index.js';
import type { OrderKey } from '../store/store.js';

/**
 * Rows a scan reads per page. A page's views are rendered and tested in one turn of the event loop (about 10 ms at
 * 500 users), and the loop gets a turn between pages, so no list holds it however large the tenant.
 */
export const SCAN_PAGE_SIZE = 500;

/**
 * The longest a scan works on a page before it gives the event loop a turn: a heavy filter (200 `or` terms) costs far
 * more per row than a plain one, so the pages alone do not bound the hold.
 */
const TURN_MS = 8;

/** The items `test` keeps, in order, with a turn of the event loop whenever one has lasted {@link TURN_MS}. */
export async function keepYielding<T>(items: readonly T[], test: (item: T, index: number) => boolean): Promise<T[]> {
  const kept: T[] = [];
  let turnStarted = performance.now();
  for (const [i, item] of items.entries()) {
    if (test(item, i)) kept.push(item);
    if (i % 16 === 15 && performance.now() - turnStarted > TURN_MS) {
      await nextTurn();
      turnStarted = performance.now();
    }
  }
  return kept;
}

/** A store read of one page in the stable order (created, id), after a key. */
export type PageAfter<R> = (after: OrderKey | undefined, limit: number) => Promise<R[]>;

/**
 * Every row, a page at a time, each page a seek past the previous one's last key (so rows created or removed during
 * the walk neither shift nor repeat the others), with a turn of the event loop between pages.
 */
export async function* pagesOf<R extends OrderKey>(read: PageAfter<R>, pageSize = SCAN_PAGE_SIZE): AsyncGenerator<R[]> {
  let after: OrderKey | undefined;
  for (;;) {
    const rows = await read(after, pageSize);
    if (rows.length > 0) yield rows;
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    after = { created: last.created, id: last.id };
    await nextTurn();
  }
}

/** How a scan tells the rows a filter keeps and renders the ones it answers with. */
export interface ScanSteps<R, V extends JsonObject> {
  /** The rows of a page the filter keeps (all of them without a filter). */
  keep(rows: R[]): Promise<R[]>;
  /** The views to answer with, in the rows' order. */
  render(rows: R[]): Promise<V[]>;
  /** Views of the rows good enough to read `sortBy` from (a sorted scan keeps only their sort keys and ids). */
  sortViews(rows: R[]): Promise<JsonObject[]>;
  /** The rows of these ids as they are now, in this order; one gone since is left out. */
  reload(ids: string[]): Promise<R[]>;
}

/**
 * A list answered by walking every row (a filter no index answers, or a sort): O(rows) per request but bounded
 * memory. Unsorted, only the requested window is kept while every match is counted for `totalResults`. Sorted
 * (RFC 7644 §3.4.2.3), each match's sort key and id are kept (tens of bytes, not its view) and sorted at the end,
 * which holds the event loop for about 10 ms per 10,000 matches; the window's rows are then read again by id.
 */
export async function scanList<R extends OrderKey, V extends JsonObject>(
  pages: AsyncIterable<R[]>,
  steps: ScanSteps<R, V>,
  params: ListParams,
  schema: ResourceSchema,
): Promise<ListResponse<V>> {
  if (params.sortBy) {
    const keyed: { item: string; key: JsonValue | undefined }[] = [];
    for await (const rows of pages) {
      const kept = await steps.keep(rows);
      const views = await steps.sortViews(kept);
      kept.forEach((row, i) => keyed.push({ item: row.id, key: sortKeyOf(views[i] as JsonObject, params, schema) }));
    }
    const ids = params.count === 0 ? [] : sortByKeys(keyed, params, schema).slice(params.startIndex - 1, params.startIndex - 1 + params.count);
    return listResponse(await steps.render(await steps.reload(ids)), keyed.length, params.startIndex);
  }
  const first = params.startIndex - 1;
  const end = first + params.count;
  const window: R[] = [];
  let total = 0;
  for await (const rows of pages) {
    for (const row of await steps.keep(rows)) {
      if (total >= first && total < end) window.push(row);
      total++;
    }
  }
  return listResponse(await steps.render(window), total, params.startIndex);
}
