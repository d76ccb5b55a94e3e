import type { FastifyInstance } from 'fastify';
import type { ZiaRouteOptions } from './route-context.js';

/**
 * Activation (ZH-ACT, ZH-GS; docs/upstreams/zscaler-zia.md §6): `GET /status` → `{"status":"ACTIVE"|"PENDING"}`; `POST /status/activate`
 * (no parameters) makes every saved change live and answers `{"status":"ACTIVE"}`. Activation is immediate in the
 * simulator (ZIA queues it; `INPROGRESS` is never reported) [INF].
 */
export async function statusRoutes(app: FastifyInstance, { ledger }: ZiaRouteOptions): Promise<void> {
  app.get('/status', async () => ({ status: ledger.status() }));
  app.post('/status/activate', async () => {
    ledger.activate('api');
    return { status: ledger.status() };
  });
}
