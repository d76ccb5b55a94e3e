import type { UpstreamFailure, UpstreamResponse } from '../http/upstream-request.js';
import type { UpstreamErrorKind } from '../upstream-error.js';

/**
 * Zuora's error envelope (docs/upstreams/zuora-rest.md §3): `{"success": false, "reasons": [{"code", "message"}]}`, often with
 * HTTP 200. The last two digits of the 8-digit code name the category.
 */
const CATEGORY_KINDS: Record<string, { kind: UpstreamErrorKind; retryable?: boolean }> = {
  '10': { kind: 'unauthorized' },
  '11': { kind: 'unauthorized' },
  '20': { kind: 'invalid' },
  '21': { kind: 'invalid' },
  '22': { kind: 'invalid' },
  '23': { kind: 'invalid' },
  '27': { kind: 'invalid' },
  // Business rule: for users, the one the bridge meets is "username already exists".
  '30': { kind: 'conflict' },
  '40': { kind: 'notFound' },
  '45': { kind: 'invalid' },
  '50': { kind: 'rateLimited', retryable: true },
  '60': { kind: 'unavailable' },
  '61': { kind: 'unavailable', retryable: true },
  '70': { kind: 'rateLimited', retryable: true },
  '90': { kind: 'invalid' },
  '99': { kind: 'unavailable' },
};

interface Reason {
  code?: unknown;
  message?: unknown;
}

/** The client's classify hook for Zuora REST: a `success:false` body is an error whatever the HTTP status. */
export function classifyZuoraResponse(response: UpstreamResponse): UpstreamFailure | undefined {
  const body = response.body as { success?: unknown; reasons?: Reason[] } | undefined;
  if (!body || typeof body !== 'object' || body.success !== false) return undefined;
  const reason = Array.isArray(body.reasons) ? body.reasons[0] : undefined;
  const code = reason?.code === undefined ? undefined : String(reason.code);
  const message = typeof reason?.message === 'string' ? reason.message : 'request failed';
  const byCategory = code && /^\d{8}$/.test(code) ? CATEGORY_KINDS[code.slice(-2)] : undefined;
  if (byCategory) return { ...byCategory, message, code };
  // Unknown code: fall back on the HTTP status when it says more than 200 does.
  if (response.status === 404) return { kind: 'notFound', message, code };
  if (response.status === 429) return { kind: 'rateLimited', message, code, retryable: true };
  if (response.status >= 500) return { kind: 'unavailable', message, code };
  return { kind: 'invalid', message, code };
}
