import type { FastifyInstance } from 'fastify';
import { listResponse, sortResources } from '../../scim/list.js';
import { applyProjection } from '../../scim/projection.js';
import { SCIM_CONTENT_TYPE } from '../scim-media-type.js';
import { resolveScim, type ScimRouteDeps } from '../scim-context.js';
import { readListQuery } from './query-params.js';

/**
 * `POST /.search` at the service root (RFC 7644 §3.4.3): the filter runs over every resource type; Users first,
 * then Groups, each in their stable order, then sorted and paged as one list. Unsorted, each type is asked only for
 * its part of the window (its count is the total either way), so neither loads more than the page; sorted, each for
 * its first `startIndex - 1 + count`.
 */
export function registerRootSearchRoute(app: FastifyInstance, deps: ScimRouteDeps): void {
  app.post('/.search', async (request, reply) => {
    const { service, rc } = resolveScim(request, deps);
    const t = service.tenant;
    const q = readListQuery(request.body, t.limits);
    if (!q.params.sortBy) {
      const users = await service.users.list(q.filter, q.params, rc);
      const groupsFrom = Math.max(0, q.params.startIndex - 1 - users.totalResults) + 1;
      const groups = await service.groups.list(q.filter, { ...q.params, startIndex: groupsFrom, count: q.params.count - users.Resources.length }, rc);
      const page = [
        ...users.Resources.map((r) => applyProjection(r, q.projection, t.userSchema)),
        ...groups.Resources.map((r) => applyProjection(r, q.projection, t.groupSchema)),
      ];
      return reply.type(SCIM_CONTENT_TYPE).send(listResponse(page, users.totalResults + groups.totalResults, q.params.startIndex));
    }
    // Sorted, the combined window lies within the first startIndex - 1 + count of each type (each sorted alike).
    const first = q.params.startIndex - 1;
    const head = { ...q.params, startIndex: 1, count: q.params.count === 0 ? 0 : first + q.params.count };
    const [users, groups] = await Promise.all([service.users.list(q.filter, head, rc), service.groups.list(q.filter, head, rc)]);
    const combined = [
      ...users.Resources.map((r) => applyProjection(r, q.projection, t.userSchema)),
      ...groups.Resources.map((r) => applyProjection(r, q.projection, t.groupSchema)),
    ];
    const page = sortResources(combined, q.params, t.userSchema).slice(first, first + q.params.count);
    return reply.type(SCIM_CONTENT_TYPE).send(listResponse(page, users.totalResults + groups.totalResults, q.params.startIndex));
  });
}
