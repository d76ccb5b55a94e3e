/**
 * Parses a retry delay, returning milliseconds to wait, or `undefined` when the value is not understood.
 *
 * Accepts the two forms of `Retry-After` (RFC 9110 §10.2.3: delay-seconds or an HTTP-date, measured against `nowMs`)
 * and the forms ZIA and its SDK use: `"3 seconds"` in a JSON body, a Go duration like `120s` (docs/upstreams/zscaler-zia.md §7).
 * Dates in the past mean "now" (0).
 */
export const parseRetryAfter = (value: string | undefined, nowMs: number): number | undefined => {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  const seconds = /^(\d+(?:\.\d+)?)\s*(?:s|secs?|seconds?)?$/i.exec(trimmed);
  if (seconds?.[1] !== undefined) return Math.round(Number(seconds[1]) * 1000);
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
};

/**
 * Reads a `Retry-After` member from a JSON error body, as ZIA sends it: `{"message":"Rate Limit (1/SECOND) exceeded",
 * "Retry-After":"0 seconds"}` (docs/upstreams/zscaler-zia.md §7). Returns milliseconds. Pass it as the client's `retryAfterFromBody`.
 */
export const retryAfterInJsonBody = (body: unknown, nowMs: number): number | undefined => {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)['Retry-After'];
  if (typeof value === 'number') return value * 1000;
  return typeof value === 'string' ? parseRetryAfter(value, nowMs) : undefined;
};
