import Fastify, { type FastifyInstance } from 'fastify';

export const BARE_PATH = '/ceiling';

/**
 * The ceiling: the same framework on the same machine answering one small JSON document with no work behind it.
 * Whatever the bridge does per request shows up as the distance from this.
 */
export async function startBareApp(): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false });
  app.get(BARE_PATH, async () => ({ hello: 'world' }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}
