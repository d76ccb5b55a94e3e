import type { FastifyInstance } from 'fastify';
import { departmentKind, groupKind } from './org-unit-kinds.js';
import type { ZiaRouteOptions } from './route-context.js';
import { orgUnitRoutes } from './routes-org-units.js';
import { statusRoutes } from './routes-status.js';
import { userBulkRoutes } from './routes-users-bulk.js';
import { userRoutes } from './routes-users.js';

/** Every authenticated ZIA route the simulator serves, the same under the legacy API and under OneAPI. */
export async function apiRoutes(app: FastifyInstance, route: ZiaRouteOptions): Promise<void> {
  await app.register(userRoutes, route);
  await app.register(userBulkRoutes, route);
  await app.register(orgUnitRoutes(departmentKind(route.directory)), route);
  await app.register(orgUnitRoutes(groupKind(route.directory)), route);
  await app.register(statusRoutes, route);
}
