import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { CallLog } from './call-log.js';
import { faultSchema, faultSettingsSchema } from './faults.js';
import type { FaultController } from './faults.js';

/** Where every simulator serves its own control surface; not part of any upstream's API. */
export const CONTROL_PREFIX = '/__sim';

/** What the shared part of the control surface reads and drives. */
export interface ControlSurfaceOptions {
  calls: CallLog;
  faults: FaultController;
  /** The `GET /state` body: the simulator's tenant, client id and records, never its client secret. */
  state: () => object;
  /** `POST /users/seed {count}`: create `count` valid users and answer them as `{users}`. */
  seedUsers: (count: number) => object[];
}

const failNextSchema = z.strictObject({ count: z.number().int().min(1), fault: faultSchema, route: z.string().optional() });
const seedUsersSchema = z.strictObject({ count: z.number().int().min(1).max(100_000) });

/** Validate a control request body (absent counts as `{}`); on failure answer 400 `{error}` and return undefined. */
export function parseControlBody<T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | undefined {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  void reply.code(400).send({ error: z.prettifyError(result.error) });
  return undefined;
}

/**
 * The control routes every upstream simulator serves, for a sandbox operator or an external test: `GET /state`,
 * `GET`/`DELETE /calls`, `GET /writes`, `GET`/`POST`/`DELETE /faults`, `POST /faults/fail-next`, `POST /tokens/expire`,
 * `POST /users/seed`. Call it in
 * the plugin registered at {@link CONTROL_PREFIX}, then add the simulator's own routes (seeding, switches). It also
 * sets that scope's error handler: control errors are plain `{error}` bodies, never the upstream's error format,
 * and 5xx details stay hidden.
 */
export function installControlSurface(app: FastifyInstance, options: ControlSurfaceOptions): void {
  const { calls, faults } = options;

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    return reply.code(status).send({ error: status >= 500 ? 'internal error' : error.message });
  });

  app.get('/state', async () => options.state());

  app.get('/calls', async () => ({ calls: calls.calls() }));
  app.get('/writes', async () => ({ writes: calls.writes() }));
  app.delete('/calls', async (_request, reply) => {
    calls.reset();
    return reply.code(204).send();
  });

  app.get('/faults', async () => ({ settings: faults.settings(), pending: faults.pending() }));
  app.post('/faults', async (request, reply) => {
    const settings = parseControlBody(faultSettingsSchema, request.body, reply);
    if (settings === undefined) return reply;
    faults.configure(settings);
    return { settings: faults.settings() };
  });
  app.delete('/faults', async (_request, reply) => {
    faults.clear();
    return reply.code(204).send();
  });
  app.post('/faults/fail-next', async (request, reply) => {
    const input = parseControlBody(failNextSchema, request.body, reply);
    if (input === undefined) return reply;
    faults.failNext(input.count, input.fault, input.route);
    return { pending: faults.pending() };
  });

  app.post('/tokens/expire', async (_request, reply) => {
    faults.expireAllTokens();
    return reply.code(204).send();
  });

  app.post('/users/seed', async (request, reply) => {
    const input = parseControlBody(seedUsersSchema, request.body, reply);
    if (input === undefined) return reply;
    return { users: options.seedUsers(input.count) };
  });
}
