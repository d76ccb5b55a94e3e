import type { FastifyInstance } from 'fastify';
import type { CallLog } from '../call-log.js';
import { installControlSurface, parseControlBody } from '../control-routes.js';
import { ConsoleEditError } from '../console-edit.js';
import type { FaultController } from '../faults.js';
import type { ActivationLedger } from './activation.js';
import { behaviourSchema } from './behaviour.js';
import type { BehaviourSwitches } from './behaviour.js';
import type { EndpointRateLimiter } from './rate-limiter.js';
import type { ZiaSessionStore } from './session-store.js';

export interface ControlRouteOptions {
  calls: CallLog;
  faults: FaultController;
  behaviour: BehaviourSwitches;
  ledger: ActivationLedger;
  limiter: EndpointRateLimiter;
  sessions: ZiaSessionStore;
  /** The `GET /__sim/state` body (never the password, API key or client secret). */
  state: () => object;
  seedUsers: (count: number) => object[];
  /** A console edit (`PATCH /users/:id`): the user as it now is, without its password. */
  consoleEditUser: (id: number, edit: unknown) => object;
}

/**
 * The simulator's own control surface (not part of ZIA): the shared routes of `../control-routes.ts` (`/tokens/expire`
 * also ends every session), plus console edits of users (`PATCH /users/:id`), `GET`/`PATCH /behaviour`, `GET /activation` (status, pending changes, activations),
 * `GET`/`DELETE /budgets` (per-endpoint consumption) and `POST /sessions/expire`.
 */
export async function controlRoutes(app: FastifyInstance, options: ControlRouteOptions): Promise<void> {
  const { behaviour, ledger, limiter, sessions } = options;
  installControlSurface(app, { calls: options.calls, faults: options.faults, state: options.state, seedUsers: options.seedUsers });

  app.patch<{ Params: { id: string } }>('/users/:id', async (request) => {
    const id = /^\d+$/.test(request.params.id) ? Number(request.params.id) : NaN;
    if (!Number.isSafeInteger(id)) throw new ConsoleEditError(404, `user ${request.params.id} does not exist`);
    return options.consoleEditUser(id, request.body);
  });

  app.get('/behaviour', async () => behaviour.get());
  app.patch('/behaviour', async (request, reply) => {
    const changes = parseControlBody(behaviourSchema.partial(), request.body, reply);
    if (changes === undefined) return reply;
    return behaviour.set(changes);
  });

  app.get('/activation', async () => ({ status: ledger.status(), pending: ledger.pending(), activations: ledger.activations() }));

  app.get('/budgets', async () => ({ budgets: limiter.usage() }));
  app.delete('/budgets', async (_request, reply) => {
    limiter.reset();
    return reply.code(204).send();
  });

  app.post('/sessions/expire', async (_request, reply) => {
    sessions.expireAll();
    return reply.code(204).send();
  });
}
