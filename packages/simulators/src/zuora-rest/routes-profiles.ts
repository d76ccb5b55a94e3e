import type { FastifyInstance } from 'fastify';
import type { ZuoraRestState } from './state.js';

/**
 * `GET /v1/user-profiles` → `{"profiles":[{"id","name"}…]}`, as in the integration guide
 * (docs/upstreams/zuora-rest.md §0); not in Zuora's public OpenAPI [INF].
 */
export async function profileRoutes(app: FastifyInstance, options: { state: ZuoraRestState }): Promise<void> {
  app.get('/user-profiles', async () => ({ profiles: options.state.profiles() }));
}
