import type { FastifyInstance } from 'fastify';

/**
 * One summary line per SCIM request: tenant, IdP credential label, operation, upstream calls, duration, status.
 * Never headers, never bodies: nothing secret can reach it.
 */
export function registerRequestSummary(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    const rc = request.scim;
    if (!rc) return done();
    request.log.info(
      {
        tenant: rc.tenant,
        idp: rc.actor,
        operation: `${request.method} ${request.routeOptions.url ?? request.url}`,
        status: reply.statusCode,
        upstreamCalls: rc.upstream.calls.length,
        durationMs: Math.round(reply.elapsedTime),
      },
      'scim request',
    );
    done();
  });
}
