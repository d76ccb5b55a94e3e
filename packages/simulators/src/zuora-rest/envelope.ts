import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { FaultRenderer } from '../faults.js';

/**
 * Zuora v1 reason codes: a 6-digit resource code followed by a 2-digit category (docs/upstreams/zuora-rest.md §3, Zuora "Error
 * codes" guide). The simulator uses resource code `500000` (Zuora's code for payload-less requests) everywhere,
 * since the `/v1/users` family has no documented resource code [INF].
 */
export const ZuoraCode = {
  /** 90000011: "invalid credential … in the request header", the documented auth failure. */
  authFailed: '90000011',
  invalidValue: '50000020',
  unknownField: '50000021',
  missingField: '50000022',
  invalidQueryParam: '50000027',
  businessRule: '50000030',
  notFound: '50000040',
  internal: '50000060',
  temporary: '50000061',
  /** Category 70, "concurrency limit exceeded": used for every 429 the simulator sends. */
  limitExceeded: '50000070',
  malformedJson: '50000090',
} as const;

export type ZuoraCodeValue = (typeof ZuoraCode)[keyof typeof ZuoraCode];

/** `{"success":false,"processId","reasons":[{code,message}],"requestId"}`, the v1 error envelope (docs/upstreams/zuora-rest.md §3, Z-OAS 4XX). */
export interface ZuoraErrorEnvelope {
  success: false;
  processId: string;
  reasons: Array<{ code: string; message: string }>;
  requestId?: string;
}

export function zuoraError(code: ZuoraCodeValue, message: string, requestId?: string): ZuoraErrorEnvelope {
  const envelope: ZuoraErrorEnvelope = {
    success: false,
    processId: randomBytes(8).toString('hex').toUpperCase(),
    reasons: [{ code, message }],
  };
  if (requestId !== undefined) envelope.requestId = requestId;
  return envelope;
}

/** The `Zuora-Request-Id` already set on this reply, so the body can carry the same id. */
export function requestIdOf(reply: FastifyReply): string | undefined {
  const value = reply.getHeader('zuora-request-id');
  return typeof value === 'string' ? value : undefined;
}

/** Send a Zuora error. Business-rule failures use HTTP 200 (docs/upstreams/zuora-rest.md §2: "HTTP 200 with success:false"). */
export function sendZuoraError(reply: FastifyReply, status: number, code: ZuoraCodeValue, message: string): FastifyReply {
  return reply.code(status).send(zuoraError(code, message, requestIdOf(reply)));
}

/**
 * Injected 429s and 5xx in Zuora's words [INF: Zuora documents no 429 or 5xx body for these paths]: the v1 envelope
 * with a `…70` code (429, `Retry-After` only when the fault carries one) or `…60`/`…61` (500 / other 5xx).
 */
export const renderZuoraFault: FaultRenderer = (fault, _request, reply) => {
  const requestId = requestIdOf(reply);
  if (fault.kind === 'rateLimit') {
    const headers: Record<string, string> = { 'RateLimit-Remaining': '0' };
    if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
    return { status: 429, headers, body: zuoraError(ZuoraCode.limitExceeded, 'Too many requests', requestId) };
  }
  const code = fault.status === 500 ? ZuoraCode.internal : ZuoraCode.temporary;
  const message = fault.status === 500 ? 'internal server error' : 'The service is temporarily unavailable; retry later';
  return { status: fault.status, body: zuoraError(code, message, requestId) };
};
