import type { FastifyRequest } from 'fastify';
import type { OneIdGroupRecord } from './records.js';
import { renderGroup } from './render.js';
import { renderContextOf } from './route-context.js';
import type { ScimRouteOptions } from './route-context.js';

/** How a group route answers: reads with members as `{value}`, writes with `{value, display}` (see `renderGroup`). */
export function groupViews(options: ScimRouteOptions) {
  const userNameOf = (id: string) => options.state.getUser(id)?.userName;
  return {
    read: (request: FastifyRequest, group: OneIdGroupRecord) => renderGroup(group, renderContextOf(request, options)),
    written: (request: FastifyRequest, group: OneIdGroupRecord, active = true) =>
      renderGroup(group, renderContextOf(request, options), { memberDisplay: userNameOf, active }),
  };
}
