import { describeErrorBody } from '../http/error-body.js';
import { firstHeader } from '../http/response-body.js';
import { retryAfterInJsonBody } from '../http/retry-after.js';
import type { UpstreamFailure, UpstreamResponse } from '../http/index.js';

/** ZIA's `{"code","message"}` codes the adapter acts on (docs/upstreams/zscaler-zia.md §6, §7). */
export const ZIA_CODES = {
  editLock: 'EDIT_LOCK_NOT_AVAILABLE',
  readOnly: 'STATE_READONLY',
  duplicate: 'DUPLICATE_ITEM',
} as const;

/** "Add a wait cycle of a few seconds and retry" (ZH-GS on 409 `EDIT_LOCK_NOT_AVAILABLE`). */
export const EDIT_LOCK_WAIT_MS = 3_000;
/** Maintenance has no documented end: the IdP is told to come back in a minute (SCIM 503 with Retry-After). */
export const READ_ONLY_RETRY_AFTER_MS = 60_000;

const codeOf = (body: unknown): string | undefined =>
  typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string' ? (body as { code: string }).code : undefined;

/**
 * The client's classify hook for ZIA (docs/upstreams/zscaler-zia.md §7, ZSDK's retry rules):
 * - 409 `EDIT_LOCK_NOT_AVAILABLE`: another admin is editing; nothing happened, so any method is retried after a wait,
 *   and a lock that outlasts the retries is `unavailable` (503 to the IdP, which retries), not a uniqueness conflict;
 * - 403 `STATE_READONLY` (`x-zscaler-mode: read-only`): scheduled maintenance, `unavailable`, not retried here;
 * - 401 "Resource Access Blocked": ZIA's answer under load; the client logs in again once, then retries with backoff;
 * - 400 `DUPLICATE_ITEM`: the email is taken, a `conflict`.
 * Everything else takes the default mapping (401/403 `unauthorized`, 404 `notFound`, 429 `rateLimited`, 5xx…).
 */
export function classifyZiaResponse(response: UpstreamResponse): UpstreamFailure | 'ok' | undefined {
  const { status } = response;
  if (status < 400) return undefined;
  const { code, message } = describeErrorBody(response);
  if (status === 409 && code === ZIA_CODES.editLock) return { kind: 'unavailable', retryable: true };
  if (status === 403 && (code === ZIA_CODES.readOnly || firstHeader(response, 'x-zscaler-mode') === 'read-only')) {
    return { kind: 'unavailable', retryable: false, message: message ?? 'ZIA is in read-only mode (scheduled maintenance)' };
  }
  if (status === 401 && /resource access blocked/i.test(message ?? response.text)) return { kind: 'unavailable', retryable: true };
  if (status === 400 && code === ZIA_CODES.duplicate) return { kind: 'conflict' };
  return undefined;
}

/**
 * How long ZIA asks us to wait, from its body: the 429's `"Retry-After": "N seconds"` (rounded down by ZIA, whose own
 * example says "0 seconds" under a 1/SECOND limit, so never less than a second), a few seconds for an edit lock, a
 * minute for read-only maintenance.
 */
export function ziaRetryAfterFromBody(body: unknown, nowMs: number): number | undefined {
  const said = retryAfterInJsonBody(body, nowMs);
  if (said !== undefined) return Math.max(said, 1_000);
  const code = codeOf(body);
  if (code === ZIA_CODES.editLock) return EDIT_LOCK_WAIT_MS;
  if (code === ZIA_CODES.readOnly) return READ_ONLY_RETRY_AFTER_MS;
  return undefined;
}
