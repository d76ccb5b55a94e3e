import type { FastifyInstance } from 'fastify';
import { OneIdProblem, conflict, notFound } from './errors.js';
import { compileGroupFilter } from './filter.js';
import { parseGroupBody } from './group-input.js';
import { applyGroupPatch, applyLegacyGroupPatch } from './group-patch.js';
import { groupViews } from './group-view.js';
import { integerParam, listResponse, sliceByItemIndex, sliceByPageNumber } from './list.js';
import { hasOperations, isRecord, readPatchOperations } from './patch-request.js';
import type { OneIdGroupFields, OneIdGroupRecord } from './records.js';
import type { ScimRouteOptions } from './route-context.js';

/** "ten groups per page by default … count (max 100)" (getListGroups). */
export const GROUPS_DEFAULT_COUNT = 10;
export const GROUPS_MAX_COUNT = 100;

type IdParams = { Params: { id: string } };
type ListQuery = { Querystring: Record<string, string | undefined> };

/**
 * `/Groups` and `/Groups/{id}` (docs/upstreams/zuora-oneid.md §3). The list pages by page number unless switched to RFC item index
 * and, like its sample, answers without `startIndex`/`itemsPerPage`. DELETE "permanently removes a group (members are
 * not deleted, only the group)" and answers it with GroupExtension `active:false`; afterwards the group is 404.
 */
export async function groupRoutes(app: FastifyInstance, options: ScimRouteOptions): Promise<void> {
  const { state, behaviour } = options;
  const view = groupViews(options);
  const userExists = (id: string) => state.getUser(id) !== undefined;
  const existing = (id: string): OneIdGroupRecord => {
    const group = state.getGroup(id);
    if (!group) throw notFound(`Group ${id} not found`);
    return group;
  };
  const save = (id: string, fields: OneIdGroupFields) => {
    if (state.groupNameTaken(fields.displayName, id)) throw conflict(`A group named ${fields.displayName} already exists`);
    return state.replaceGroup(id, fields) ?? existing(id);
  };

  app.get<ListQuery>('/Groups', async (request) => {
    const settings = behaviour.get();
    const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (settings.groupsListRequiresContentType && contentType !== 'application/json') {
      throw new OneIdProblem(415, 'The Content-Type of the request must be application/json');
    }
    const { filter } = request.query;
    const all = state.groups().filter(filter === undefined ? () => true : compileGroupFilter(filter));
    const page = {
      startIndex: integerParam(request.query.startIndex, 'startIndex'),
      count: integerParam(request.query.count, 'count'),
      defaultCount: GROUPS_DEFAULT_COUNT,
      maxCount: GROUPS_MAX_COUNT,
    };
    const items = settings.groupsStartIndex === 'page' ? sliceByPageNumber(all, page) : sliceByItemIndex(all, page).items;
    return listResponse(
      items.map((group) => view.read(request, group)),
      all.length,
    );
  });

  app.post('/Groups', async (request, reply) => {
    const fields = parseGroupBody(request.body, 'create', state.orgId, userExists);
    if (state.groupNameTaken(fields.displayName)) throw conflict(`A group named ${fields.displayName} already exists`);
    return reply.code(201).send(view.written(request, state.createGroup(fields)));
  });

  app.get<IdParams>('/Groups/:id', async (request) => view.read(request, existing(request.params.id)));

  // The documented PUT sample is a PatchOp; such a body is applied as a PATCH, any other as a full replacement [INF].
  app.put<IdParams>('/Groups/:id', async (request) => {
    const current = existing(request.params.id);
    const fields = hasOperations(request.body)
      ? applyGroupPatch(current, readPatchOperations(request.body), userExists)
      : parseGroupBody(request.body, 'replace', state.orgId, userExists);
    return view.written(request, save(current.id, fields));
  });

  app.patch<IdParams>('/Groups/:id', async (request) => {
    const current = existing(request.params.id);
    const body = request.body;
    const fields =
      isRecord(body) && !hasOperations(body) && body.members !== undefined
        ? applyLegacyGroupPatch(current, body, userExists)
        : applyGroupPatch(current, readPatchOperations(body), userExists);
    return view.written(request, save(current.id, fields));
  });

  app.delete<IdParams>('/Groups/:id', async (request) => {
    const removed = state.deleteGroup(existing(request.params.id).id);
    if (!removed) throw notFound(`Group ${request.params.id} not found`);
    return view.written(request, removed, false);
  });
}
