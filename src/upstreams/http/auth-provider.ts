import type { UpstreamContext } from '../call-record.js';

/**
 * Supplies the credentials an upstream call carries, as request headers (`Authorization: Bearer …` for OAuth 2.0
 * bearer tokens, RFC 6750 §2.1; `Cookie: JSESSIONID=…` for a ZIA session, docs/upstreams/zscaler-zia.md §3).
 *
 * The HTTP client calls `authorize` before every attempt and, when the upstream answers 401, calls `invalidate` and
 * retries once with fresh credentials ("When you get a 401 response, request a new token and retry", docs/upstreams/zuora-rest.md §1).
 */
export interface AuthProvider {
  /** Headers to add to the request. Throws an `UpstreamError` when credentials cannot be obtained. */
  authorize(ctx: UpstreamContext): Promise<Record<string, string>>;
  /**
   * Forget the cached credentials so the next `authorize` fetches new ones. When `rejected` (the headers the upstream
   * refused) is given, the cache is only dropped if it still holds those credentials, so many requests failing with the
   * same expired token cause one refresh, not one each.
   */
  invalidate(rejected?: Record<string, string>): void;
}
