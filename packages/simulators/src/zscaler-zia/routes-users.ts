import type { FastifyInstance } from 'fastify';
import { invalidInput, notFound } from './errors.js';
import { USER_PAGES, containsIgnoringCase, idParam, pageOf, queryText, startsWithIgnoringCase } from './list-query.js';
import type { ZiaUser } from './records.js';
import { userInputContext } from './route-context.js';
import type { IdParams, QueryOf, ZiaRouteOptions } from './route-context.js';
import { parseUserBody } from './user-input.js';

/**
 * `/users` and `/users/{userId}` (ZH-UM, docs/upstreams/zscaler-zia.md §4). Every successful write is saved as a pending change
 * (ZH-GS: nothing is live until `POST /status/activate`), and is readable at once.
 */
export async function userRoutes(app: FastifyInstance, route: ZiaRouteOptions): Promise<void> {
  const { directory, ledger, behaviour } = route;
  const userOf = (raw: string) => {
    const id = idParam(raw, 'userId');
    const user = directory.getUser(id);
    if (!user) throw notFound(`User ${id}`);
    return user;
  };
  const viewOf = (id: number) => directory.view(id) as ZiaUser;

  /** ZH-UM: "The `name` search parameter performs a partial match. The `dept` and `group` parameters perform a 'starts with' match" (case-insensitive [INF]). */
  app.get<QueryOf>('/users', async (request) => {
    const name = queryText(request.query, 'name');
    const dept = queryText(request.query, 'dept');
    const group = queryText(request.query, 'group');
    const matching = directory
      .users()
      .filter((u) => name === undefined || containsIgnoringCase(u.name, name))
      .filter((u) => dept === undefined || startsWithIgnoringCase(u.department.name, dept))
      .filter((u) => group === undefined || u.groups.some((g) => startsWithIgnoringCase(g.name, group)));
    return pageOf(matching, request.query, USER_PAGES).map((u) => viewOf(u.id));
  });

  app.get<IdParams<'userId'>>('/users/:userId', async (request) => viewOf(userOf(request.params.userId).id));

  app.post('/users', async (request) => {
    const user = directory.createUser(parseUserBody(request.body, userInputContext(route)));
    ledger.record('create', 'user', user.id);
    return viewOf(user.id);
  });

  app.put<IdParams<'userId'>>('/users/:userId', async (request) => {
    const current = userOf(request.params.userId);
    const bodyId = (request.body as { id?: unknown } | undefined)?.id;
    if (bodyId !== undefined && bodyId !== null && bodyId !== current.id) throw invalidInput('The id in the body does not match the path');
    directory.replaceUser(current.id, parseUserBody(request.body, userInputContext(route), current));
    ledger.record('update', 'user', current.id);
    return viewOf(current.id);
  });

  /** A hard delete: ZIA users have no inactive state (docs/upstreams/zscaler-zia.md §4). */
  app.delete<IdParams<'userId'>>('/users/:userId', async (request, reply) => {
    const { id } = userOf(request.params.userId);
    directory.deleteUser(id);
    ledger.record('delete', 'user', id);
    return reply.code(behaviour.get().userDeleteStatus).send();
  });
}
