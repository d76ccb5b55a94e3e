import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bulkItems, idList } from './bulk-input.js';
import { badRequest, conflict, notFound } from './errors.js';
import { listResponse } from './list.js';
import { isRecord } from './patch-request.js';
import type { OneIdUserFields, OneIdUserRecord } from './records.js';
import { renderUser } from './render.js';
import { renderContextOf } from './route-context.js';
import type { ScimRouteOptions } from './route-context.js';
import { parseUserBody, userAsBody } from './user-input.js';

/** Every item is checked before anything is written: one bad item fails the whole request and changes nothing [INF]. */
function assertUniqueWithin(batch: ReadonlyArray<{ fields: OneIdUserFields }>): void {
  const seen = new Set<string>();
  for (const { fields } of batch) {
    const key = fields.userName.toLowerCase();
    if (seen.has(key)) throw conflict(`userName ${fields.userName} appears twice in the request`);
    seen.add(key);
  }
}

/**
 * OneID's non-RFC bulk user endpoints (docs/upstreams/zuora-oneid.md §3): `POST /Users/bulk` (array of users → ListResponse of the
 * created users, HTTP 200 as in its only sample), `PATCH /Users/bulk` (array of users with `id`, "overwriting values
 * for specified attributes"), and `POST /Users/delete` (array of user ids → ListResponse of the now deactivated
 * users). Unknown ids → 404 [INF].
 */
export async function userBulkRoutes(app: FastifyInstance, options: ScimRouteOptions): Promise<void> {
  const { state } = options;
  const list = (request: FastifyRequest, users: OneIdUserRecord[]) => {
    const ctx = renderContextOf(request, options);
    const resources = users.map((u) => renderUser(u, state.groupsOf(u.id), ctx));
    return listResponse(resources, resources.length, { startIndex: 1, itemsPerPage: resources.length });
  };

  app.post('/Users/bulk', async (request) => {
    const batch = bulkItems(request.body, options.bulkMaxOperations, 'users').map((item) => ({
      fields: parseUserBody(item, 'bulkCreate', state.orgId),
    }));
    assertUniqueWithin(batch);
    const taken = batch.find(({ fields }) => state.userNameTaken(fields.userName));
    if (taken) throw conflict(`userName ${taken.fields.userName} is already taken`);
    return list(
      request,
      batch.map(({ fields }) => state.createUser(fields)),
    );
  });

  app.patch('/Users/bulk', async (request) => {
    const batch = bulkItems(request.body, options.bulkMaxOperations, 'users').map((item) => {
      if (!isRecord(item) || typeof item.id !== 'string') throw badRequest('Each user must carry its id', 'invalidValue');
      const current = state.getUser(item.id);
      if (!current) throw notFound(`User ${item.id} not found`);
      const merged = { ...userAsBody(current), ...item };
      return { id: current.id, fields: parseUserBody(merged, 'replace', state.orgId, current) };
    });
    assertUniqueWithin(batch);
    const taken = batch.find(({ id, fields }) => state.userNameTaken(fields.userName, id));
    if (taken) throw conflict(`userName ${taken.fields.userName} is already taken`);
    return list(
      request,
      batch.flatMap(({ id, fields }) => state.replaceUser(id, fields) ?? []),
    );
  });

  app.post('/Users/delete', async (request) => {
    const ids = idList(bulkItems(request.body, options.bulkMaxOperations, 'user ids'), 'user');
    const missing = ids.find((id) => !state.getUser(id));
    if (missing !== undefined) throw notFound(`User ${missing} not found`);
    return list(
      request,
      ids.flatMap((id) => state.deactivateUser(id) ?? []),
    );
  });
}
