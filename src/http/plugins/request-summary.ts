import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorOutcomeOf, type ErrorOutcome } from './error-outcome.js';

/** The scimType and detail an error answer carried (RFC 7644 §3.12), for the line of its request. */
const errorFields = (outcome: ErrorOutcome | undefined) =>
  outcome === undefined ? {} : { ...(outcome.scimType ? { scimType: outcome.scimType } : {}), detail: outcome.detail };

/** Who was refused: the IdP credential's label and tenant, or another credential's label; never the token. */
const credentialFields = (request: FastifyRequest, outcome: ErrorOutcome | undefined) => ({
  ...(request.idp ? { tenant: request.idp.tenant, idp: request.idp.label } : {}),
  ...(outcome?.credential ? { credential: outcome.credential } : {}),
});

/**
 * One line per request the bridge handled or refused, never headers or bodies, so nothing secret can reach it:
 * - a SCIM request that reached the core: `scim request` with tenant, IdP credential label, operation, upstream calls,
 *   duration and status; an error answer adds its `scimType` and `detail`;
 * - a request the HTTP layer refused before the core (401, 403, 413, 415, an unparseable body, 429, an unknown
 *   endpoint…): `request refused` with the status, the reason and the credential's label when it is known. 401 and
 *   403 are warnings (someone holds a wrong or misused credential); the others are information. Expected client
 *   errors carry no stack: the error handler logs only 5xx.
 */
export function registerRequestSummary(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    const rc = request.scim;
    const outcome = errorOutcomeOf(request);
    if (rc) {
      request.log.info(
        {
          tenant: rc.tenant,
          idp: rc.actor,
          operation: `${request.method} ${request.routeOptions.url ?? request.url}`,
          status: reply.statusCode,
          upstreamCalls: rc.upstream.calls.length,
          durationMs: Math.round(reply.elapsedTime),
          ...errorFields(outcome),
        },
        'scim request',
      );
    } else if (reply.statusCode >= 400 && reply.statusCode < 500) {
      const refusal = {
        status: reply.statusCode,
        method: request.method,
        path: request.url.split('?')[0],
        ...credentialFields(request, outcome),
        ...errorFields(outcome),
      };
      const authentication = reply.statusCode === 401 || reply.statusCode === 403;
      request.log[authentication ? 'warn' : 'info'](refusal, 'request refused: %s', outcome?.detail ?? `HTTP ${reply.statusCode}`);
    }
    done();
  });
}
