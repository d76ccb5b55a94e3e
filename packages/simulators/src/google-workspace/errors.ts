import type { FastifyReply } from 'fastify';
import type { Fault, FaultRenderer } from '../faults.js';

/** `status` of Google's JSON error body for each HTTP status the simulator answers. */
const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** The `errors[].reason` values the simulator uses, with the domain Google files each under. */
export type GoogleErrorReason =
  | 'required'
  | 'authError'
  | 'insufficientPermissions'
  | 'forbidden'
  | 'invalid'
  | 'badRequest'
  | 'notFound'
  | 'userRateLimitExceeded'
  | 'quotaExceeded'
  | 'rateLimitExceeded'
  | 'backendError';

const DOMAINS: Partial<Record<GoogleErrorReason, string>> = {
  userRateLimitExceeded: 'usageLimits',
  quotaExceeded: 'usageLimits',
  rateLimitExceeded: 'usageLimits',
};

/** Google's JSON error body: `{error: {code, message, errors: [{message, domain, reason}], status}}`. */
export function googleErrorBody(code: number, reason: GoogleErrorReason, message: string): { error: Record<string, unknown> } {
  return {
    error: {
      code,
      message,
      errors: [{ message, domain: DOMAINS[reason] ?? 'global', reason }],
      status: STATUS_NAMES[code] ?? (code >= 500 ? 'INTERNAL' : 'UNKNOWN'),
    },
  };
}

export function sendGoogleError(reply: FastifyReply, code: number, reason: GoogleErrorReason, message: string): FastifyReply {
  return reply
    .code(code)
    .type('application/json; charset=UTF-8')
    .send(googleErrorBody(code, reason, message));
}

/** A failure a route reports; the app's error handler renders it as Google's JSON error. */
export class GoogleApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly reason: GoogleErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'GoogleApiError';
  }
}

export const invalidInput = (message: string) => new GoogleApiError(400, 'invalid', message);

/** Google's quota answers (Directory API "Limits and quotas"): per-user rate, daily quota, and the 429. */
export type GoogleQuotaReason = 'userRateLimitExceeded' | 'quotaExceeded' | 'rateLimitExceeded';

const QUOTA_ANSWERS: Record<GoogleQuotaReason, { status: number; message: string }> = {
  userRateLimitExceeded: { status: 403, message: 'User rate limit exceeded: slow down and retry with exponential backoff.' },
  quotaExceeded: { status: 403, message: 'Quota exceeded for the Admin SDK Directory API: retry later.' },
  rateLimitExceeded: { status: 429, message: 'Rate limit exceeded: slow down and retry with exponential backoff.' },
};

/** A fault for `faults.failNext` that answers as Google does when a quota runs out. */
export function googleQuotaFault(reason: GoogleQuotaReason): Fault {
  const { status, message } = QUOTA_ANSWERS[reason];
  return { kind: 'respond', status, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: googleErrorBody(status, reason, message) };
}

/** The failure of a listing page a test asked for (`failPage`): a quota reason gets its own wording and domain. */
export function pageFailure(status: number, reason?: GoogleErrorReason): GoogleApiError {
  const chosen = reason ?? (status === 429 ? 'rateLimitExceeded' : status === 403 ? 'userRateLimitExceeded' : status >= 500 ? 'backendError' : 'invalid');
  const quota = chosen === 'userRateLimitExceeded' || chosen === 'quotaExceeded' || chosen === 'rateLimitExceeded' ? QUOTA_ANSWERS[chosen].message : undefined;
  return new GoogleApiError(status, chosen, quota ?? (status >= 500 ? 'Backend Error' : 'The request failed.'));
}

/** Injected 429s and 5xx as Google words them: `rateLimitExceeded` and `backendError`. */
export const renderGoogleFault: FaultRenderer = (fault) => {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=UTF-8' };
  if (fault.kind === 'rateLimit') {
    if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
    return { status: 429, headers, body: googleErrorBody(429, 'rateLimitExceeded', QUOTA_ANSWERS.rateLimitExceeded.message) };
  }
  const message = fault.status === 503 ? 'The service is currently unavailable.' : 'Backend Error';
  return { status: fault.status, headers, body: googleErrorBody(fault.status, 'backendError', message) };
};
