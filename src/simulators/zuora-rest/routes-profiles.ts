import type { FastifyInstance } from 'fastify';
import type { ZuoraRestState } from './state.js';

/**
 * `GET /v1/user-profiles` → `{"profiles":[{"id","name"}…]}`, as in the integration guide
 * (seeds/000_ddfec379e7e68cfb.txt); not in Zuora's public OpenAPI (upstreams.md B.0) [INF].
 */
export async function profileRoutes(app: FastifyInstance, options: { state: ZuoraRestState }): Promise<void> {
  app.get('/user-profiles', async () => ({ profiles: options.state.profiles() }));
}
