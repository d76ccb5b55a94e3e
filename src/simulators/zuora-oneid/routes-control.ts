import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { CallLog } from '../call-log.js';
import { faultSchema, faultSettingsSchema } from '../faults.js';
import type { FaultController } from '../faults.js';
import { behaviourSchema } from './behaviour.js';
import type { BehaviourSwitches } from './behaviour.js';
import type { IdempotencyStore } from './idempotency.js';
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
  idempotency: IdempotencyStore;
  clientId: string;
}

const failNextSchema = z.strictObject({ count: z.number().int().min(1), fault: faultSchema, route: z.string().optional() });
const seedUsersSchema = z.strictObject({ count: z.number().int().min(1).max(100_000) });
const seedGroupsSchema = z.strictObject({ count: z.number().int().min(1).max(10_000), membersEach: z.number().int().min(0).optional() });
const delaySchema = z.strictObject({
  count: z.number().int().min(1),
  ms: z.number().min(0),
  route: z.string().optional(),
  whileDelayed: z.enum(['complete', 'inFlight']).optional(),
});

function parse<T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | undefined {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  void reply.code(400).send({ error: z.prettifyError(result.error) });
  return undefined;
}

/**
 * The simulator's own control surface (not part of any Zuora API), for a sandbox operator or an external test: state,
 * calls, faults, token expiry, seeding, behaviour switches, response delays. Never faulted or recorded; the client
 * secret is never shown.
 */
export async function controlRoutes(app: FastifyInstance, options: ControlRouteOptions): Promise<void> {
  const { state, calls, faults, behaviour, delays } = options;

  app.get('/state', async () => ({
    orgId: state.orgId,
    region: state.region,
    clientId: options.clientId,
    behaviour: behaviour.get(),
    users: state.users(),
    groups: state.groups(),
    idempotencyKeys: options.idempotency.size(),
  }));

  app.get('/calls', async () => ({ calls: calls.calls() }));
  app.delete('/calls', async (_request, reply) => {
    calls.reset();
    return reply.code(204).send();
  });

  app.get('/faults', async () => ({ settings: faults.settings(), pending: faults.pending() }));
  app.post('/faults', async (request, reply) => {
    const settings = parse(faultSettingsSchema, request.body, reply);
    if (settings === undefined) return reply;
    faults.configure(settings);
    return { settings: faults.settings() };
  });
  app.delete('/faults', async (_request, reply) => {
    faults.clear();
    return reply.code(204).send();
  });
  app.post('/faults/fail-next', async (request, reply) => {
    const input = parse(failNextSchema, request.body, reply);
    if (input === undefined) return reply;
    faults.failNext(input.count, input.fault, input.route);
    return { pending: faults.pending() };
  });

  app.post('/tokens/expire', async (_request, reply) => {
    faults.expireAllTokens();
    return reply.code(204).send();
  });

  app.post('/users/seed', async (request, reply) => {
    const input = parse(seedUsersSchema, request.body, reply);
    if (input === undefined) return reply;
    return { users: options.seeder.seedUsers(input.count) };
  });
  app.post('/groups/seed', async (request, reply) => {
    const input = parse(seedGroupsSchema, request.body, reply);
    if (input === undefined) return reply;
    return { groups: options.seeder.seedGroups(input.count, input.membersEach) };
  });

  app.get('/behaviour', async () => behaviour.get());
  app.put('/behaviour', async (request, reply) => {
    const changes = parse(behaviourSchema.partial(), request.body, reply);
    if (changes === undefined) return reply;
    return behaviour.set(changes);
  });

  app.get('/response-delays', async () => ({ pending: delays.pending() }));
  app.post('/response-delays', async (request, reply) => {
    const input = parse(delaySchema, request.body, reply);
    if (input === undefined) return reply;
    delays.add(input.count, input.ms, input.route, input.whileDelayed);
    return { pending: delays.pending() };
  });
  app.delete('/response-delays', async (_request, reply) => {
    delays.clear();
    return reply.code(204).send();
  });
}
