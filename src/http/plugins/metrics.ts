import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { BridgeMetrics } from '../../observability/metrics.js';
import { recordErrorOutcome } from './error-outcome.js';

export interface MetricsRouteOptions {
  /** When set, `GET /metrics` requires `Authorization: Bearer <token>` (RFC 6750 §2.1); otherwise it is open. */
  token?: string;
}

/** The route label of requests no route matched: raw URLs would make one series per scanner probe. */
export const UNMATCHED_ROUTE = 'unmatched';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Digests have one length, so the comparison neither throws nor leaks the token's length through timing. */
const presentsToken = (request: FastifyRequest, expected: Buffer): boolean => {
  const match = BEARER.exec(request.headers.authorization ?? '');
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), expected);
};

/**
 * Records every answered request into `metrics` (route template, method, status, duration) and serves them at
 * `GET /metrics` in the Prometheus text format. Call it on the root instance (not inside an encapsulated plugin) so
 * that its hook sees every route, whenever that route was registered.
 */
export function registerMetrics(app: FastifyInstance, metrics: BridgeMetrics, options: MetricsRouteOptions = {}): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest({
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
      method: request.method,
      status: reply.statusCode,
      durationSeconds: reply.elapsedTime / 1000,
    });
    done();
  });

  const expected = options.token === undefined ? undefined : digest(options.token);
  app.get('/metrics', async (request, reply) => {
    if (expected && !presentsToken(request, expected)) {
      recordErrorOutcome(request, { status: 401, detail: 'GET /metrics needs the metrics bearer token' });
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').type('text/plain').send('unauthorized\n');
    }
    const body = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(body);
  });
}
