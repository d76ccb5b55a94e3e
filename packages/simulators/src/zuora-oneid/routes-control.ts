import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CallLog } from '../call-log.js';
import { installControlSurface, parseControlBody } from '../control-routes.js';
import type { FaultController } from '../faults.js';
import { behaviourSchema } from './behaviour.js';
import type { BehaviourSwitches } from './behaviour.js';
import { consoleEditOneIdGroup, consoleEditOneIdUser } from './console-edit.js';
import type { ResponseDelays } from './response-delays.js';
import type { Seeder } from './seed.js';
import type { OneIdState } from './state.js';

export interface ControlRouteOptions {
  state: OneIdState;
  seeder: Seeder;
  calls: CallLog;
  faults: FaultController;
  behaviour: BehaviourSwitches;
  delays: ResponseDelays;
  /** The `GET /state` body: org, client id (never the secret), behaviour, users, groups. */
  snapshot: () => object;
}

const seedGroupsSchema = z.strictObject({ count: z.number().int().min(1).max(10_000), membersEach: z.number().int().min(0).optional() });
const delaySchema = z.strictObject({
  count: z.number().int().min(1),
  ms: z.number().min(0),
  route: z.string().optional(),
  whileDelayed: z.enum(['complete', 'inFlight']).optional(),
});

/**
 * The simulator's own control surface (not part of any Zuora API), for a sandbox operator or an external test: the
 * shared routes of `../control-routes.ts`, plus console edits of users and groups, group seeding, behaviour switches and response delays. Never faulted
 * or recorded; the client secret is never shown.
 */
export async function controlRoutes(app: FastifyInstance, options: ControlRouteOptions): Promise<void> {
  const { state, seeder, behaviour, delays } = options;

  installControlSurface(app, {
    calls: options.calls,
    faults: options.faults,
    seedUsers: (count) => seeder.seedUsers(count),
    state: options.snapshot,
  });

  type IdParams = { Params: { id: string } };
  app.patch<IdParams>('/users/:id', async (request) => consoleEditOneIdUser(state, request.params.id, request.body));
  app.patch<IdParams>('/groups/:id', async (request) => consoleEditOneIdGroup(state, request.params.id, request.body));

  app.post('/groups/seed', async (request, reply) => {
    const input = parseControlBody(seedGroupsSchema, request.body, reply);
    if (input === undefined) return reply;
    return { groups: seeder.seedGroups(input.count, input.membersEach) };
  });

  app.get('/behaviour', async () => behaviour.get());
  app.put('/behaviour', async (request, reply) => {
    const changes = parseControlBody(behaviourSchema.partial(), request.body, reply);
    if (changes === undefined) return reply;
    return behaviour.set(changes);
  });

  app.get('/response-delays', async () => ({ pending: delays.pending() }));
  app.post('/response-delays', async (request, reply) => {
    const input = parseControlBody(delaySchema, request.body, reply);
    if (input === undefined) return reply;
    delays.add(input.count, input.ms, input.route, input.whileDelayed);
    return { pending: delays.pending() };
  });
  app.delete('/response-delays', async (_request, reply) => {
    delays.clear();
    return reply.code(204).send();
  });
}
