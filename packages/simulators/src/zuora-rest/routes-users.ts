import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ZuoraCode, sendZuoraError } from './envelope.js';
import type { ZuoraRestState, ZuoraUser } from './state.js';
import { parseCreateUser, parseUpdateUser } from './user-input.js';

/*
 * `/v1/users` CRUD, `profileId` and `status` semantics come from the integration guide restated in
 * docs/upstreams/zuora-rest.md §0, NOT from Zuora's public OpenAPI, which defines none of these operations. Paging (`pageSize` ≤ 40, `nextPage`) and the error envelope reuse Zuora's documented
 * v1 conventions (docs/upstreams/zuora-rest.md §3, §5); business-rule failures answer HTTP 200 with `success:false` (docs/upstreams/zuora-rest.md §2).
 */

export interface UserRouteOptions {
  state: ZuoraRestState;
  /** Mount point of this scope (`/v1`), for `nextPage` links. */
  apiPrefix: string;
  publicBaseUrl?: string;
}

/** Guide: "Default page size: 20", "Max page size: 40"; docs/upstreams/zuora-rest.md §5: larger values are treated as 40. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 40;

/** `pageSize` as Zuora reads it: clamped to 40; absent or not a positive integer means the default [INF]. */
export function effectivePageSize(raw: unknown): number {
  const size = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(size) || size < 1) return DEFAULT_PAGE_SIZE;
  return Math.min(size, MAX_PAGE_SIZE);
}

type IdParams = { Params: { id: string } };

export async function userRoutes(app: FastifyInstance, options: UserRouteOptions): Promise<void> {
  const { state } = options;
  const hasProfile = (id: string) => state.hasProfile(id);
  const origin = (request: FastifyRequest) => options.publicBaseUrl ?? `${request.protocol}://${request.host}`;
  const notFound = (id: string) => `User ${id} does not exist`;

  app.get<{ Querystring: Record<string, unknown> }>('/users', async (request, reply) => {
    const rawPage = request.query.page;
    const page = rawPage === undefined ? 1 : typeof rawPage === 'string' && /^\d+$/.test(rawPage) ? Number(rawPage) : 0;
    if (page < 1) return sendZuoraError(reply, 400, ZuoraCode.invalidQueryParam, 'page must be a positive integer');
    const pageSize = effectivePageSize(request.query.pageSize);
    const all = state.users();
    const start = (page - 1) * pageSize;
    const body: { users: ZuoraUser[]; nextPage?: string } = { users: all.slice(start, start + pageSize) };
    if (start + pageSize < all.length) {
      body.nextPage = `${origin(request)}${options.apiPrefix}/users?page=${page + 1}&pageSize=${pageSize}`;
    }
    return body;
  });

  app.get<IdParams>('/users/:id', async (request, reply) => {
    const user = state.getUser(request.params.id);
    return user ?? sendZuoraError(reply, 404, ZuoraCode.notFound, notFound(request.params.id));
  });

  app.post('/users', async (request, reply) => {
    const parsed = parseCreateUser(request.body, hasProfile);
    if (!parsed.ok) return sendZuoraError(reply, parsed.status, parsed.code, parsed.message);
    if (state.findByUsername(parsed.value.username)) {
      return sendZuoraError(reply, 200, ZuoraCode.businessRule, `Username ${parsed.value.username} already exists`);
    }
    const user = state.createUser(parsed.value);
    return { success: true, id: user.id, username: user.username, status: user.status };
  });

  app.put<IdParams>('/users/:id', async (request, reply) => {
    const { id } = request.params;
    if (!state.getUser(id)) return sendZuoraError(reply, 404, ZuoraCode.notFound, notFound(id));
    const parsed = parseUpdateUser(request.body, hasProfile);
    if (!parsed.ok) return sendZuoraError(reply, parsed.status, parsed.code, parsed.message);
    const username = parsed.value.username;
    const holder = username === undefined ? undefined : state.findByUsername(username);
    if (holder && holder.id !== id) {
      return sendZuoraError(reply, 200, ZuoraCode.businessRule, `Username ${username} already exists`);
    }
    const user = state.updateUser(id, parsed.value);
    if (!user) return sendZuoraError(reply, 404, ZuoraCode.notFound, notFound(id));
    // The guide's sample answers with the id, the fields sent, and the status.
    const fields = user as unknown as Record<string, unknown>;
    const echo = Object.fromEntries(Object.keys(parsed.value).map((k) => [k, fields[k]]));
    return { id: user.id, ...echo, status: user.status, success: true };
  });

  app.delete<IdParams>('/users/:id', async (request, reply) => {
    if (!state.deleteUser(request.params.id)) return sendZuoraError(reply, 404, ZuoraCode.notFound, notFound(request.params.id));
    return { success: true };
  });

  app.post<IdParams>('/users/:id/password', async (request, reply) => {
    const { id } = request.params;
    if (!state.getUser(id)) return sendZuoraError(reply, 404, ZuoraCode.notFound, notFound(id));
    const send = (request.body as { sendResetEmail?: unknown } | undefined)?.sendResetEmail;
    if (send === undefined) return sendZuoraError(reply, 400, ZuoraCode.missingField, 'Missing required field: sendResetEmail');
    // Guide: "Only triggers email-based reset; does not return or set a password directly via API."
    if (send !== true) return sendZuoraError(reply, 400, ZuoraCode.invalidValue, 'Only sendResetEmail: true is supported');
    state.recordPasswordReset(id);
    return { success: true };
  });
}
