import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { FaultRenderer } from '../faults.js';
import type { OneIdBehaviour } from './behaviour.js';
import { URN } from './urns.js';

/** RFC 7644 §3.12 `scimType` values the simulator uses. */
export type ScimType = 'invalidFilter' | 'invalidSyntax' | 'invalidPath' | 'invalidValue' | 'uniqueness' | 'mutability' | 'noTarget';

/**
 * A failure a route reports; the app's error handler renders it in the current `errorFormat`. OneID documents no error
 * body at all (docs/upstreams/zuora-oneid.md §6), so the statuses and scimTypes below are [INF] unless a route says otherwise.
 */
export class OneIdProblem extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly scimType?: ScimType,
  ) {
    super(message);
    this.name = 'OneIdProblem';
  }
}

export const badRequest = (detail: string, scimType: ScimType = 'invalidValue') => new OneIdProblem(400, detail, scimType);
export const notFound = (detail: string) => new OneIdProblem(404, detail);
export const conflict = (detail: string) => new OneIdProblem(409, detail, 'uniqueness');

export type ErrorFormat = OneIdBehaviour['errorFormat'];

/**
 * Zuora v1 reason code for an error (`docs_guides_error-handling.md`: 6-digit resource code + 2-digit category). OneID
 * has no documented resource code, so `500000` (Zuora's code for payload-less requests) is used [INF].
 */
function zuoraReasonCode(status: number, scimType: ScimType | undefined): string {
  const category =
    status === 401
      ? 11
      : status === 403
        ? 10
        : status === 404
          ? 40
          : status === 409 || status === 422
            ? 30
            : status === 413 || status === 429
              ? 70
              : status === 415 || scimType === 'invalidSyntax'
                ? 90
                : status === 500
                  ? 60
                  : status > 500
                    ? 61
                    : 20;
  return `500000${category}`;
}

/** The error body in the chosen format. */
export function errorBody(format: ErrorFormat, status: number, detail: string, scimType?: ScimType): Record<string, unknown> {
  if (format === 'zuora') {
    return {
      success: false,
      processId: randomBytes(8).toString('hex').toUpperCase(),
      reasons: [{ code: zuoraReasonCode(status, scimType), message: detail }],
    };
  }
  return { schemas: [URN.error], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

export function sendError(reply: FastifyReply, format: ErrorFormat, status: number, detail: string, scimType?: ScimType): FastifyReply {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send(errorBody(format, status, detail, scimType));
}

/** Injected 429s and 5xx in the current error format; `Retry-After` only when the fault carries one (docs/upstreams/zuora-oneid.md §6 [INF]). */
export function renderOneIdFault(format: () => ErrorFormat): FaultRenderer {
  return (fault) => {
    if (fault.kind === 'rateLimit') {
      const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
      if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
      return { status: 429, headers, body: errorBody(format(), 429, 'Too many requests') };
    }
    const detail = fault.status === 500 ? 'Internal server error' : 'The service is temporarily unavailable; retry later';
    return { status: fault.status, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: errorBody(format(), fault.status, detail) };
  };
}
