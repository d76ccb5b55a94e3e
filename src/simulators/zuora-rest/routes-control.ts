import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { faultSchema, faultSettingsSchema } from '../faults.js';
import type { FaultController } from '../faults.js';
import type { CallLog } from '../call-log.js';
import type { ZuoraRateLimit } from './options.js';
import type { ZuoraRestState } from './state.js';

export const CONTROL_PREFIX = '/__sim';

export interface ControlRouteOptions {
  state: ZuoraRestState;
  calls: CallLog;
  faults: FaultController;
  clientId: string;
  rateLimit: () => ZuoraRateLimit | undefined;
  setRateLimit: (limit: ZuoraRateLimit | undefined) => void;
}

const failNextSchema = z.strictObject({ count: z.number().int().min(1), fault: faultSchema, route: z.string().optional() });
const seedSchema = z.strictObject({ count: z.number().int().min(1).max(100_000) });
const profileSchema = z.strictObject({ id: z.string().min(1), name: z.string().min(1) });
const rateLimitSchema = z.strictObject({ requestsPerMinute: z.number().int().min(1), retryAfterHeader: z.boolean().optional() });

function parse<T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | undefined {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  void reply.code(400).send({ error: z.prettifyError(result.error) });
  return undefined;
}

/**
 * The simulator's own control surface, for a sandbox operator or an external test (not part of any Zuora API):
 * read state and calls, set faults, expire tokens, seed users, add profiles, switch the tenant rate cap. Never
 * faulted, rate-limited or recorded; the client secret is never shown.
 */
export async function controlRoutes(app: FastifyInstance, options: ControlRouteOptions): Promise<void> {
  const { state, calls, faults } = options;

  app.get('/state', async () => ({
    tenantId: state.tenantId,
    clientId: options.clientId,
    users: state.users().map((u) => ({ ...u, passwordResetsSent: state.passwordResets(u.id) })),
    profiles: state.profiles(),
    rateLimit: options.rateLimit() ?? null,
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
    const input = parse(seedSchema, request.body, reply);
    if (input === undefined) return reply;
    return { users: state.seedUsers(input.count) };
  });

  app.post('/profiles', async (request, reply) => {
    const profile = parse(profileSchema, request.body, reply);
    if (profile === undefined) return reply;
    if (state.hasProfile(profile.id)) return reply.code(409).send({ error: `profile ${profile.id} already exists` });
    state.addProfile(profile);
    return reply.code(201).send(profile);
  });

  app.put('/rate-limit', async (request, reply) => {
    const limit = parse(rateLimitSchema, request.body, reply);
    if (limit === undefined) return reply;
    options.setRateLimit(limit);
    return { rateLimit: limit };
  });
  app.delete('/rate-limit', async (_request, reply) => {
    options.setRateLimit(undefined);
    return reply.code(204).send();
  });
}
