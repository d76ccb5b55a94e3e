import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CallLog } from '../call-log.js';
import { installControlSurface, parseControlBody } from '../control-routes.js';
import type { FaultController } from '../faults.js';
import { googleQuotaFault } from './errors.js';
import type { Pager } from './paging.js';
import { seedDirectory } from './seed.js';
import type { DirectoryState } from './state.js';
import { addSeedUsers } from './seed-users.js';

export interface ControlRouteOptions {
  state: DirectoryState;
  pager: Pager;
  calls: CallLog;
  faults: FaultController;
  snapshot: () => object;
}

const seedSchema = z.strictObject({ users: z.number().int().min(0).max(100_000), groups: z.number().int().min(0).max(10_000).optional() });
const pageFailureSchema = z.strictObject({
  route: z.string(),
  page: z.number().int().min(1),
  status: z.number().int().min(400).max(599),
  reason: z.enum(['userRateLimitExceeded', 'quotaExceeded', 'rateLimitExceeded', 'backendError', 'invalid']).optional(),
});
const quotaSchema = z.strictObject({
  count: z.number().int().min(1),
  reason: z.enum(['userRateLimitExceeded', 'quotaExceeded', 'rateLimitExceeded']),
  route: z.string().optional(),
});
const newUserSchema = z.strictObject({
  primaryEmail: z.email(),
  givenName: z.string().min(1),
  familyName: z.string().min(1),
  orgUnitPath: z.string().optional(),
  isAdmin: z.boolean().optional(),
  suspended: z.boolean().optional(),
  archived: z.boolean().optional(),
});
const userUpdateSchema = z.strictObject({
  primaryEmail: z.email().optional(),
  suspended: z.boolean().optional(),
  archived: z.boolean().optional(),
  isAdmin: z.boolean().optional(),
  orgUnitPath: z.string().optional(),
});
const memberSchema = z.strictObject({ member: z.string(), role: z.enum(['OWNER', 'MANAGER', 'MEMBER']).optional() });

/**
 * The simulator's own control surface (not part of Google's API): the shared routes, directory seeding, an admin's
 * console edits (users, memberships), page failures, quota faults and page-token invalidation.
 */
export async function controlRoutes(app: FastifyInstance, options: ControlRouteOptions): Promise<void> {
  const { state, pager, faults } = options;
  installControlSurface(app, { calls: options.calls, faults, state: options.snapshot, seedUsers: (count) => addSeedUsers(state, count) });

  app.post('/directory/seed', async (request, reply) => {
    const input = parseControlBody(seedSchema, request.body, reply);
    if (input === undefined) return reply;
    return seedDirectory(state, input);
  });
  app.post('/page-failures', async (request, reply) => {
    const input = parseControlBody(pageFailureSchema, request.body, reply);
    if (input === undefined) return reply;
    pager.failPage(input);
    return { pending: pager.pendingPageFailures() };
  });
  app.post('/faults/quota', async (request, reply) => {
    const input = parseControlBody(quotaSchema, request.body, reply);
    if (input === undefined) return reply;
    faults.failNext(input.count, googleQuotaFault(input.reason), input.route);
    return { pending: faults.pending() };
  });
  app.post('/page-tokens/invalidate', async (_request, reply) => {
    pager.invalidateTokens();
    return reply.code(204).send();
  });

  type Key = { Params: { key: string } };
  app.post('/users', async (request, reply) => {
    const input = parseControlBody(newUserSchema, request.body, reply);
    if (input === undefined) return reply;
    return state.addUser(input);
  });
  app.patch<Key>('/users/:key', async (request, reply) => {
    const input = parseControlBody(userUpdateSchema, request.body, reply);
    if (input === undefined) return reply;
    return state.updateUser(request.params.key, input);
  });
  app.delete<Key>('/users/:key', async (request) => state.deleteUser(request.params.key));
  app.post<Key>('/groups/:key/members', async (request, reply) => {
    const input = parseControlBody(memberSchema, request.body, reply);
    if (input === undefined) return reply;
    return state.addMember(request.params.key, input.member, input.role);
  });
  app.delete<{ Params: { key: string; member: string } }>('/groups/:key/members/:member', async (request, reply) => {
    state.removeMember(request.params.key, request.params.member);
    return reply.code(204).send();
  });
}
