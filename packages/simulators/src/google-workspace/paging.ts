import { createHmac, randomBytes } from 'node:crypto';
import { matchesRoute } from '../faults.js';
import { invalidInput, pageFailure } from './errors.js';
import type { GoogleApiError, GoogleErrorReason } from './errors.js';

/** A listing page a test wants to fail: the `page`-th page (1-based) of `route` answers `status` once. */
export interface PageFailure {
  route: string;
  page: number;
  status: number;
  reason?: GoogleErrorReason;
}

interface TokenContent {
  /** Which listing (route and filters) the token continues. */
  l: string;
  /** Sort key of the last item served. */
  a: string;
  /** Number of the page the token asks for. */
  p: number;
  /** Issue time, epoch ms. */
  t: number;
  /** Generation: `invalidateTokens` makes older tokens stale. */
  g: number;
}

/** Page tokens stay valid three days (users.list: "The page token is only valid for three days"). */
const TOKEN_LIFETIME_MS = 3 * 24 * 60 * 60 * 1000;

/**
 * The index of the first item of `sorted` for which `holds` is true, or its length; `holds` must be false up to some
 * item and true from there on (a position after a key, in key order). A binary search: a listing of tens of thousands
 * is read page by page without walking it for every page.
 */
function firstIndexWhere<T>(sorted: readonly T[], holds: (item: T) => boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (holds(sorted[mid] as T)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** One page of a listing and the token of the next, if any. */
export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

/**
 * Keyset paging with opaque, signed page tokens. A token names the listing it continues (route and filters), the last
 * item served, and its page number; items added or removed between pages neither repeat nor shift the rest. A token
 * that does not parse, was signed by another simulator, continues another listing, is older than three days, or
 * predates `invalidateTokens`, is refused with 400.
 */
export class Pager {
  private readonly secret = randomBytes(32);
  private generation = 0;
  private failures: PageFailure[] = [];

  constructor(private readonly now: () => number) {}

  failPage(failure: PageFailure): void {
    if (!Number.isInteger(failure.page) || failure.page < 1) throw new RangeError('failPage page must be a positive integer');
    this.failures.push(failure);
  }

  pendingPageFailures(): PageFailure[] {
    return this.failures.map((f) => ({ ...f }));
  }

  clearPageFailures(): void {
    this.failures = [];
  }

  invalidateTokens(): void {
    this.generation += 1;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url').slice(0, 22);
  }

  private encode(content: TokenContent): string {
    const body = Buffer.from(JSON.stringify(content)).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  private decode(token: string, listing: string): TokenContent {
    const [body, signature] = token.split('.');
    if (body === undefined || signature === undefined || this.sign(body) !== signature) throw invalidInput('Invalid page token');
    const content = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenContent;
    if (content.l !== listing || content.g !== this.generation || this.now() - content.t > TOKEN_LIFETIME_MS) throw invalidInput('Invalid page token');
    return content;
  }

  private takeFailure(method: string, route: string, page: number): GoogleApiError | undefined {
    const index = this.failures.findIndex((f) => f.page === page && matchesRoute(f.route, method, route));
    if (index < 0) return undefined;
    const [failure] = this.failures.splice(index, 1);
    return failure && pageFailure(failure.status, failure.reason);
  }

  /**
   * The page `pageToken` asks for (the first without one) of `sorted`, whose `keyOf` must increase strictly. `listing`
   * identifies the route and its filters (`descending`: `sorted` runs from the largest key); `route` and `method` are what `failPage` matches.
   */
  page<T>(
    request: { method: string; route: string; listing: string; pageToken?: string; maxResults: number; descending?: boolean },
    sorted: T[],
    keyOf: (item: T) => string,
  ): Page<T> {
    const token = request.pageToken ? this.decode(request.pageToken, request.listing) : undefined;
    const pageNumber = token?.p ?? 1;
    const failure = this.takeFailure(request.method, request.route, pageNumber);
    if (failure) throw failure;
    const after = (item: T) => (request.descending ? keyOf(item) < (token?.a ?? '') : keyOf(item) > (token?.a ?? ''));
    const from = token ? firstIndexWhere(sorted, after) : 0;
    const items = sorted.slice(from, from + request.maxResults);
    const last = items[items.length - 1];
    if (sorted.length - from <= request.maxResults || last === undefined) return { items };
    const next: TokenContent = { l: request.listing, a: keyOf(last), p: pageNumber + 1, t: this.now(), g: this.generation };
    return { items, nextPageToken: this.encode(next) };
  }
}
