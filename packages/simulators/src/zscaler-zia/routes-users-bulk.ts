import type { FastifyInstance } from 'fastify';
import { invalidInput } from './errors.js';
import { REFERENCE_PAGES, USER_PAGES, containsIgnoringCase, pageOf, queryText } from './list-query.js';
import type { QueryOf, ZiaRouteOptions } from './route-context.js';

function idsOf(body: unknown, max: number): number[] {
  const ids = typeof body === 'object' && body !== null ? (body as { ids?: unknown }).ids : undefined;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'number' && Number.isInteger(id))) {
    throw invalidInput('ids must be an array of integer user ids');
  }
  // ZH-UM: "up to a maximum of 500 users per request"; what a longer list gets is not documented [INF].
  if (ids.length > max) throw invalidInput(`At most ${max} users can be deleted per request`);
  return [...new Set(ids as number[])];
}

/**
 * The users a `POST …/users/bulkDelete` names, for the call log's `writes()` (legacy API and OneAPI alike); never
 * throws: a malformed body names nothing (and deleted nothing).
 */
export function ziaBulkTargets(method: string, route: string, body: unknown): string[] {
  if (method !== 'POST' || !route.endsWith('/users/bulkDelete')) return [];
  const ids = typeof body === 'object' && body !== null ? (body as { ids?: unknown }).ids : undefined;
  return Array.isArray(ids) ? ids.filter((id) => typeof id === 'number' || typeof id === 'string').map(String) : [];
}

/** `POST /users/bulkDelete`, `GET /users/references`, `GET /users/auditors` (ZH-UM). */
export async function userBulkRoutes(app: FastifyInstance, route: ZiaRouteOptions): Promise<void> {
  const { directory, ledger, behaviour, options } = route;

  /** Unknown ids are skipped: the answer lists "the user IDs that were successfully deleted" (ZH-UM). */
  app.post('/users/bulkDelete', async (request, reply) => {
    const deleted = idsOf(request.body, options.bulkDeleteMax).filter((id) => directory.deleteUser(id));
    for (const id of deleted) ledger.record('delete', 'user', id);
    if (behaviour.get().bulkDeleteResponse === 'empty') return reply.code(204).send();
    return { ids: deleted };
  });

  /** EntityReference `{id, name}`; admin users only with `includeAdminUsers=true`. */
  app.get<QueryOf>('/users/references', async (request) => {
    const name = queryText(request.query, 'name');
    const admins = request.query.includeAdminUsers === 'true';
    const matching = directory.users().filter((u) => (admins || !u.adminUser) && (name === undefined || containsIgnoringCase(u.name, name)));
    return pageOf(matching, request.query, REFERENCE_PAGES).map((u) => ({ id: u.id, name: u.name }));
  });

  app.get<QueryOf>('/users/auditors', async (request) =>
    pageOf(
      directory.users().filter((u) => u.type === 'AUDITOR'),
      request.query,
      USER_PAGES,
    ).map((u) => directory.view(u.id)),
  );
}
