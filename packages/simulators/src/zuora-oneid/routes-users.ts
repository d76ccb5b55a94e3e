import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest, conflict, notFound } from './errors.js';
import { compileUserFilter } from './filter.js';
import { integerParam, listResponse, sliceByItemIndex } from './list.js';
import { readPatchOperations } from './patch-request.js';
import type { OneIdUserFields, OneIdUserRecord } from './records.js';
import { renderUser } from './render.js';
import { renderContextOf } from './route-context.js';
import type { ScimRouteOptions } from './route-context.js';
import { parseUserBody, userAsBody } from './user-input.js';
import { applyUserPatch } from './user-patch.js';

/** "Returns a paginated list of users, 100 users per page by default" (getListOfUsers). */
export const USERS_DEFAULT_COUNT = 100;

type IdParams = { Params: { id: string } };
type ListQuery = { Querystring: Record<string, string | undefined> };

/** The body of POST /Users: one user, or the documented one-element array (createAUser's sample is an array). */
function singleUser(body: unknown): unknown {
  if (!Array.isArray(body)) return body;
  if (body.length !== 1) throw badRequest('POST /Users creates one user; send several to /Users/bulk', 'invalidSyntax');
  return body[0];
}

/**
 * `/Users` and `/Users/{id}` (docs/upstreams/zuora-oneid.md §3): list with `filter`/`startIndex`/`count` (RFC item index), create (201),
 * get, PUT (full replace; `active:true` re-enables), PATCH (OneID's `operations`), and DELETE, which only
 * deactivates ("Deactivates a specific user": `active:false`, status INACTIVE; GET still answers 200).
 */
export async function userRoutes(app: FastifyInstance, options: ScimRouteOptions): Promise<void> {
  const { state } = options;
  const view = (request: FastifyRequest, user: OneIdUserRecord) => renderUser(user, state.groupsOf(user.id), renderContextOf(request, options));
  const existing = (id: string) => {
    const user = state.getUser(id);
    if (!user) throw notFound(`User ${id} not found`);
    return user;
  };
  const checkUnique = (fields: OneIdUserFields, exceptId?: string) => {
    if (state.userNameTaken(fields.userName, exceptId)) throw conflict(`userName ${fields.userName} is already taken`);
  };

  app.get<ListQuery>('/Users', async (request) => {
    const { filter, startIndex, count } = request.query;
    const matches = filter === undefined ? () => true : compileUserFilter(filter);
    const all = state.users().filter(matches);
    const page = sliceByItemIndex(all, {
      startIndex: integerParam(startIndex, 'startIndex'),
      count: integerParam(count, 'count'),
      defaultCount: USERS_DEFAULT_COUNT,
      maxCount: options.usersMaxCount,
    });
    const resources = page.items.map((user) => view(request, user));
    return listResponse(resources, all.length, { startIndex: page.startIndex, itemsPerPage: resources.length });
  });

  app.post('/Users', async (request, reply) => {
    const fields = parseUserBody(singleUser(request.body), 'create', state.orgId);
    checkUnique(fields);
    return reply.code(201).send(view(request, state.createUser(fields)));
  });

  app.get<IdParams>('/Users/:id', async (request) => view(request, existing(request.params.id)));

  app.put<IdParams>('/Users/:id', async (request) => {
    const current = existing(request.params.id);
    const fields = parseUserBody(request.body, 'replace', state.orgId, current);
    checkUnique(fields, current.id);
    return view(request, state.replaceUser(current.id, fields) ?? current);
  });

  app.patch<IdParams>('/Users/:id', async (request) => {
    const current = existing(request.params.id);
    const patched = applyUserPatch(userAsBody(current), readPatchOperations(request.body));
    const fields = parseUserBody(patched, 'replace', state.orgId, current);
    checkUnique(fields, current.id);
    return view(request, state.replaceUser(current.id, fields) ?? current);
  });

  app.delete<IdParams>('/Users/:id', async (request) => {
    const user = state.deactivateUser(existing(request.params.id).id);
    if (!user) throw notFound(`User ${request.params.id} not found`);
    return view(request, user);
  });
}
