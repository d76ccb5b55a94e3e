import type { FastifyInstance } from 'fastify';
import { adminOf, type AdminTokenVerifier } from './admin-routes.js';

/** Readiness of the store and each tenant's upstream, for `/readyz`. */
export interface Readiness {
  ready: boolean;
  /** The details (the store, each tenant by id with its upstream's health): for an operator's admin token only. */
  components: Record<string, unknown>;
}

export interface HealthRouteOptions {
  readiness: (() => Promise<Readiness>) | undefined;
  /** Absent: no admin token is configured, and `/readyz` never shows its details. */
  adminVerifier: AdminTokenVerifier | undefined;
}

/**
 * Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the store answers; 503 with `Retry-After`
 * when it does not). Load balancers and orchestrators probe both without a token, so without one they say that and
 * nothing else: the details name every tenant and its upstream's state, which an anonymous caller has no business
 * learning. An admin token (`adminTokens`) adds them; any other token, or none, gets the bare answer with the same
 * status code, so a probe that sends a stale token still works.
 */
export function registerHealthRoutes(app: FastifyInstance, options: HealthRouteOptions): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    const r = (await options.readiness?.()) ?? { ready: true, components: {} };
    if (!r.ready) reply.header('Retry-After', '5');
    const status = r.ready ? 'ready' : 'not ready';
    const admin = options.adminVerifier && adminOf(request, options.adminVerifier);
    // Who may see the details depends on the request: a cache must not hand one answer to the other.
    reply.header('Cache-Control', 'no-store').header('Vary', 'Authorization');
    return reply.code(r.ready ? 200 : 503).send(admin ? { status, ...r.components } : { status });
  });
}
