import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { scimErrorFromUpstream } from '../../core/upstream-error-mapping.js';
import { ScimError } from '../../scim/errors.js';
import { isUpstreamError, type UpstreamError } from '../../upstreams/upstream-error.js';
import { SCIM_CONTENT_TYPE } from '../scim-media-type.js';
import { recordErrorOutcome } from './error-outcome.js';

export function sendScimError(reply: FastifyReply, e: ScimError): FastifyReply {
  recordErrorOutcome(reply.request, { status: e.status, detail: e.message, ...(e.scimType ? { scimType: e.scimType } : {}) });
  if (e.retryAfterSeconds !== undefined) reply.header('Retry-After', String(Math.max(1, Math.ceil(e.retryAfterSeconds))));
  if (e.status === 401) reply.header('WWW-Authenticate', 'Bearer realm="scim-bridge"');
  return reply.code(e.status).type(SCIM_CONTENT_TYPE).send(e.toBody());
}

/**
 * A JSON parser's complaint without the input it quotes: V8 says `Unexpected token 'x', "{"password": x…" is not
 * valid JSON`, and that quote could carry a secret from the body into a log line.
 */
export const jsonSyntaxDetail = (parserMessage: string): string => {
  const reason = parserMessage.replace(/(^|,\s*)(\.\.\.)?"[\s\S]*"(\.\.\.)? is not valid JSON\s*$/, '').trim();
  return reason === '' ? 'Request body is not valid JSON' : `Request body is not valid JSON: ${reason}`;
};

/** Fastify's own errors (body too large, bad JSON…) as the SCIM error a client can act on. */
function fromFastifyError(e: FastifyError): ScimError | undefined {
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ScimError(413, 'Request body is larger than this service accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ScimError(415, 'Unsupported Content-Type: send application/scim+json or application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ScimError(400, jsonSyntaxDetail(e.message), 'invalidSyntax');
  }
  if (e instanceof SyntaxError) return new ScimError(400, jsonSyntaxDetail(e.message), 'invalidSyntax');
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return new ScimError(e.statusCode, e.message);
  return undefined;
}

/** The upstream failure behind an error, if one is: the error itself (a forgotten `viaUpstream`) or its cause. */
const upstreamFailureOf = (error: unknown): UpstreamError | undefined => {
  if (isUpstreamError(error)) return error;
  const cause = error instanceof Error ? error.cause : undefined;
  return isUpstreamError(cause) ? cause : undefined;
};

/**
 * What the log says about an upstream failure: which upstream and call, its status and code, and for an answer that
 * could not be read, why and the start of that answer (redacted by the client that read it).
 */
const upstreamFields = (e: UpstreamError) => ({
  upstream: {
    name: e.upstream,
    kind: e.kind,
    ...(e.status === undefined ? {} : { status: e.status }),
    ...(e.code === undefined ? {} : { code: e.code }),
    ...(e.answer ? { call: e.answer.call, reason: e.answer.reason, body: e.answer.excerpt } : {}),
  },
});

function logServerError(request: FastifyRequest, error: unknown, known: ScimError): void {
  const upstream = upstreamFailureOf(error);
  request.log.warn({ err: error, ...(upstream ? upstreamFields(upstream) : {}) }, 'request failed: %s', known.message);
}

/**
 * One error handler for every route: each failure is rendered as an RFC 7644 §3.12 error body in
 * `application/scim+json`. An UpstreamError that reaches it unmapped (a core path that forgot `viaUpstream`) gets
 * the same mapping as every other path, so an upstream failure never becomes a 500. 5xx are logged here, once, with
 * their upstream's call and status; 4xx are expected and logged without a stack by the request's summary line.
 * Internals of a 500 stay in the log behind an error id; the IdP sees only that id.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ScimError | UpstreamError, request, reply) => {
    const known = error instanceof ScimError ? error : isUpstreamError(error) ? scimErrorFromUpstream(error) : fromFastifyError(error as FastifyError);
    if (known) {
      if (known.status >= 500) logServerError(request, error, known);
      return sendScimError(reply, known);
    }
    const errorId = randomUUID();
    request.log.error({ err: error, errorId }, 'unhandled error');
    return sendScimError(reply, new ScimError(500, `Internal error; reference ${errorId}`));
  });
  app.setNotFoundHandler((request, reply) => sendScimError(reply, new ScimError(404, `No endpoint ${request.method} ${request.url.split('?')[0]}`)));
}
