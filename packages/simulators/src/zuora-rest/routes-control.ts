import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CallLog } from '../call-log.js';
import { installControlSurface, parseControlBody } from '../control-routes.js';
import type { FaultController } from '../faults.js';
import type { ZuoraRateLimit } from './options.js';
import { consoleEditZuoraUser } from './console-edit.js';
import type { ZuoraRestState } from './state.js';

export interface ControlRouteOptions {
  state: ZuoraRestState;
  calls: CallLog;
  faults: FaultController;
  /** The `GET /state` body: tenant, client id (never the secret), users, profiles, rate cap. */
  snapshot: () => object;
  setRateLimit: (limit: ZuoraRateLimit | undefined) => void;
}

const profileSchema = z.strictObject({ id: z.string().min(1), name: z.string().min(1) });
const rateLimitSchema = z.strictObject({ requestsPerMinute: z.number().int().min(1), retryAfterHeader: z.boolean().optional() });

/**
 * The simulator's own control surface, for a sandbox operator or an external test (not part of any Zuora API): the
 * shared routes of `../control-routes.ts`, plus console edits of users, adding profiles and switching the tenant rate cap. Never faulted,
 * rate-limited or recorded; the client secret is never shown.
 */
export async function controlRoutes(app: FastifyInstance, options: ControlRouteOptions): Promise<void> {
  const { state } = options;

  installControlSurface(app, {
    calls: options.calls,
    faults: options.faults,
    seedUsers: (count) => state.seedUsers(count),
    state: options.snapshot,
  });

  app.patch<{ Params: { id: string } }>('/users/:id', async (request) => consoleEditZuoraUser(state, request.params.id, request.body));

  app.post('/profiles', async (request, reply) => {
    const profile = parseControlBody(profileSchema, request.body, reply);
    if (profile === undefined) return reply;
    if (state.hasProfile(profile.id)) return reply.code(409).send({ error: `profile ${profile.id} already exists` });
    state.addProfile(profile);
    return reply.code(201).send(profile);
  });

  app.put('/rate-limit', async (request, reply) => {
    const limit = parseControlBody(rateLimitSchema, request.body, reply);
    if (limit === undefined) return reply;
    options.setRateLimit(limit);
    return { rateLimit: limit };
  });
  app.delete('/rate-limit', async (_request, reply) => {
    options.setRateLimit(undefined);
    return reply.code(204).send();
  });
}
