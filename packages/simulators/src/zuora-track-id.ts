import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * `Zuora-Track-Id`: ≤64 US-ASCII characters without `:` `;` `"` `'` (Zuora "Create an OAuth token", and every OneID
 * SCIM operation, docs/upstreams/zuora-oneid.md §2 and docs/upstreams/zuora-rest.md §2).
 */
export function isValidTrackId(value: string): boolean {
  return value.length > 0 && value.length <= 64 && /^[\x20-\x7e]+$/.test(value) && !/[:;"']/.test(value);
}

/**
 * Echo the request's `Zuora-Track-Id` on the response when it is valid. An invalid value is ignored rather than
 * refused: Zuora's docs say only what a valid value looks like [INF].
 */
export function echoTrackId(request: FastifyRequest, reply: FastifyReply): void {
  const trackId = request.headers['zuora-track-id'];
  if (typeof trackId === 'string' && isValidTrackId(trackId)) reply.header('Zuora-Track-Id', trackId);
}

/** {@link echoTrackId} as an `onRequest` hook on every response whose URL does not start with `skipPrefix`. */
export function installTrackIdEcho(app: FastifyInstance, skipPrefix: string): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith(skipPrefix)) return;
    echoTrackId(request, reply);
  });
}
