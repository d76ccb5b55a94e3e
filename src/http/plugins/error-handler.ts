import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { ScimError } from '../../scim/errors.js';
import { SCIM_CONTENT_TYPE } from '../scim-media-type.js';

export function sendScimError(reply: FastifyReply, e: ScimError): FastifyReply {
  if (e.retryAfterSeconds !== undefined) reply.header('Retry-After', String(Math.max(1, Math.ceil(e.retryAfterSeconds))));
  if (e.status === 401) reply.header('WWW-Authenticate', 'Bearer realm="scim-bridge"');
  return reply.code(e.status).type(SCIM_CONTENT_TYPE).send(e.toBody());
}

/** Fastify's own errors (body too large, bad JSON…) as the SCIM error a client can act on. */
function fromFastifyError(e: FastifyError): ScimError | undefined {
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ScimError(413, 'Request body is larger than this service accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ScimError(415, 'Unsupported Content-Type: send application/scim+json or application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ScimError(400, `Request body is not valid JSON: ${e.message}`, 'invalidSyntax');
  }
  if (e instanceof SyntaxError) return new ScimError(400, `Request body is not valid JSON: ${e.message}`, 'invalidSyntax');
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return new ScimError(e.statusCode, e.message);
  return undefined;
}

/**
 * One error handler for every route: each failure is rendered as an RFC 7644 §3.12 error body in
 * `application/scim+json`. 5xx internals stay in the log behind an error id; the IdP sees only that id.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ScimError, request, reply) => {
    const known = error instanceof ScimError ? error : fromFastifyError(error as FastifyError);
    if (known) {
      if (known.status >= 500) request.log.warn({ err: error }, 'request failed: %s', known.message);
      return sendScimError(reply, known);
    }
    const errorId = randomUUID();
    request.log.error({ err: error, errorId }, 'unhandled error');
    return sendScimError(reply, new ScimError(500, `Internal error; reference ${errorId}`));
  });
  app.setNotFoundHandler((request, reply) => sendScimError(reply, new ScimError(404, `No endpoint ${request.method} ${request.url.split('?')[0]}`)));
}
