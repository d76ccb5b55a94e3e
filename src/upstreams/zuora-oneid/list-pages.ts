import type { JsonObject } from '../../scim/resource.js';
import type { UpstreamContext } from '../call-record.js';
import type { OneIdEndpoint, ZuoraOneIdClient } from './zuora-oneid-client.js';

export interface PagingOptions {
  pageSize: number;
  /**
   * `item`: RFC 7644 §3.4.2.4, `startIndex` is the 1-based index of the first item (OneID's Users). `page`: OneID's
   * Groups, where "if you set count to 20 and startIndex to 2, the 21st to 40th records are returned" (getListGroups).
   */
  startIndex: 'item' | 'page';
}

/**
 * Every resource of a OneID list, page by page, each exactly once: pages are asked for in the upstream's own
 * `startIndex` reading, and an id already seen (a page boundary that moved under concurrent writes) is not repeated.
 * Stops at `totalResults`, at a short or empty page, or when a page brings nothing new (an upstream ignoring
 * `startIndex` cannot make this loop forever).
 */
export async function* listPages(client: ZuoraOneIdClient, endpoint: OneIdEndpoint, options: PagingOptions, ctx: UpstreamContext): AsyncIterable<JsonObject[]> {
  const seen = new Set<string>();
  let fetched = 0;
  for (let pageNumber = 1; ; pageNumber++) {
    const startIndex = options.startIndex === 'page' ? pageNumber : fetched + 1;
    const page = await client.list(endpoint, startIndex, options.pageSize, ctx);
    fetched += page.resources.length;
    const fresh = page.resources.filter((r) => typeof r.id === 'string' && !seen.has(r.id));
    for (const r of fresh) seen.add(r.id as string);
    if (fresh.length > 0) yield fresh;
    const done =
      fresh.length === 0 ||
      (page.totalResults !== undefined && fetched >= page.totalResults) ||
      (options.startIndex === 'page' && page.resources.length < options.pageSize);
    if (done) return;
  }
}
