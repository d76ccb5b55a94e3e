import type { FastifyInstance } from 'fastify';
import { isValidTrackId } from '../zuora-rest/headers.js';

/**
 * Echo `Zuora-Track-Id` (≤64 US-ASCII characters without `:` `;` `"` `'`, documented on every SCIM operation,
 * upstreams.md A.2) on every response outside `skipPrefix`. An invalid value is ignored rather than refused, as the
 * Zuora REST simulator does: the docs say only what a valid value looks like [INF].
 */
export function installTrackIdEcho(app: FastifyInstance, skipPrefix: string): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith(skipPrefix)) return;
    const trackId = request.headers['zuora-track-id'];
    if (typeof trackId === 'string' && isValidTrackId(trackId)) reply.header('Zuora-Track-Id', trackId);
  });
}
