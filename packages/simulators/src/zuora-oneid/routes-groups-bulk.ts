import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bulkItems, idList } from './bulk-input.js';
import { badRequest, conflict, notFound } from './errors.js';
import { parseGroupBody } from './group-input.js';
import { applyGroupPatch } from './group-patch.js';
import { groupViews } from './group-view.js';
import { listResponse } from './list.js';
import { hasOperations, isRecord, readPatchOperations } from './patch-request.js';
import type { OneIdGroupRecord } from './records.js';
import type { ScimRouteOptions } from './route-context.js';

function assertDistinctNames(names: string[], taken: (name: string) => boolean): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name.toLowerCase()) || taken(name)) throw conflict(`A group named ${name} already exists`);
    seen.add(name.toLowerCase());
  }
}

/**
 * The group ids of `POST /Groups/delete`: an array of ids [INF, like Users/delete], or the documented sample's PatchOp
 * whose `operations[].value[].value` are the group ids (they match the ids its bulk-create sample returned).
 */
function groupIdsToDelete(body: unknown, maxOperations: number): string[] {
  if (!hasOperations(body)) return idList(bulkItems(body, maxOperations, 'group ids'), 'group');
  const values = readPatchOperations(body).flatMap((op) => (Array.isArray(op.value) ? op.value : [op.value]));
  return idList(
    bulkItems(
      values.map((v) => (isRecord(v) ? v.value : v)),
      maxOperations,
      'group ids',
    ),
    'group',
  );
}

/**
 * OneID's non-RFC bulk group endpoints (docs/upstreams/zuora-oneid.md §3): `POST /Groups/bulk` (array of groups → ListResponse),
 * `PATCH /Groups/bulk` and `POST /Groups/delete` ("Permanently removes groups … members are not deleted" → the groups
 * with `active:false`). Which groups a bulk PATCH targets is not documented: each item is a PatchOp carrying the
 * group's `id`, and a single such object is accepted as a one-item list [INF]. All items are checked before any write.
 */
export async function groupBulkRoutes(app: FastifyInstance, options: ScimRouteOptions): Promise<void> {
  const { state } = options;
  const view = groupViews(options);
  const userExists = (id: string) => state.getUser(id) !== undefined;
  const list = (request: FastifyRequest, groups: OneIdGroupRecord[], active = true) => {
    const resources = groups.map((g) => view.written(request, g, active));
    return listResponse(resources, resources.length, { startIndex: 1, itemsPerPage: resources.length });
  };

  app.post('/Groups/bulk', async (request) => {
    const batch = bulkItems(request.body, options.bulkMaxOperations, 'groups').map((item) => parseGroupBody(item, 'bulkCreate', state.orgId, userExists));
    assertDistinctNames(
      batch.map((g) => g.displayName),
      (name) => state.groupNameTaken(name),
    );
    return list(
      request,
      batch.map((fields) => state.createGroup(fields)),
    );
  });

  app.patch('/Groups/bulk', async (request) => {
    const items = Array.isArray(request.body) ? request.body : [request.body];
    const batch = bulkItems(items, options.bulkMaxOperations, 'group PatchOps').map((item) => {
      if (!isRecord(item) || typeof item.id !== 'string') {
        throw badRequest('Each item must be a PatchOp carrying the id of the group to change', 'invalidValue');
      }
      const current = state.getGroup(item.id);
      if (!current) throw notFound(`Group ${item.id} not found`);
      return { id: current.id, fields: applyGroupPatch(current, readPatchOperations(item), userExists) };
    });
    for (const { id, fields } of batch) {
      if (state.groupNameTaken(fields.displayName, id)) throw conflict(`A group named ${fields.displayName} already exists`);
    }
    return list(
      request,
      batch.flatMap(({ id, fields }) => state.replaceGroup(id, fields) ?? []),
    );
  });

  app.post('/Groups/delete', async (request) => {
    const ids = groupIdsToDelete(request.body, options.bulkMaxOperations);
    const missing = ids.find((id) => !state.getGroup(id));
    if (missing !== undefined) throw notFound(`Group ${missing} not found`);
    return list(
      request,
      ids.flatMap((id) => state.deleteGroup(id) ?? []),
      false,
    );
  });
}
