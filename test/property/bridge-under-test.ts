import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { registeredRoutes, type RegisteredRoute } from '../openapi/registered-routes.js';
import { startZuoraRestHarness, TOKEN, user, type Harness } from '../support/zuora-rest-harness.js';
import { createErrorLog, type ErrorLog } from './error-log.js';

export { TOKEN };

/** A real bridge (zuora-rest simulator, in-memory store) with one User and one Group to aim at. */
export interface BridgeUnderTest {
  harness: Harness;
  /** Every (method, URL pattern) the app routes, read from the app itself. */
  routes: RegisteredRoute[];
  errors: ErrorLog;
  /**
   * A value each path parameter of the route resolves: `{tenant}` the harness tenant, `{id}` the seeded User or
   * Group, a ResourceType name or a Schema URN.
   */
  realParam(route: RegisteredRoute, name: string): string;
  /** The route's URL, each `{name}` replaced by `params[name]` (as encoded on the wire) or its real value. */
  url(route: RegisteredRoute, params?: Record<string, string>, query?: string): string;
  send(request: InjectOptions): Promise<LightMyRequestResponse>;
  /** How many responses of each status `send` has seen: proof that properties reach the core, not only the edge. */
  statuses: Map<number, number>;
  close(): Promise<void>;
}

/** The one tenant `startZuoraRestHarness` configures. */
const TENANT = 'default';

export const AUTHORIZED = { authorization: `Bearer ${TOKEN}` } as const;

export async function startBridgeUnderTest(): Promise<BridgeUnderTest> {
  const errors = createErrorLog();
  // No rate limit in reach: a 429 is a fine answer, but it would hide every route behind it.
  const harness = await startZuoraRestHarness({ rateLimit: { max: 1_000_000, timeWindowMs: 60_000 }, logger: errors.logger });
  const seeded = await harness.http.post('/Users', user('property.seed@example.com')).expect(201);
  const group = await harness.http
    .post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Property Seed', members: [{ value: seeded.body.id }] })
    .expect(201);
  const ids: Record<string, string> = {
    users: String(seeded.body.id),
    groups: String(group.body.id),
    resourcetypes: 'User',
    schemas: 'urn:ietf:params:scim:schemas:core:2.0:User',
  };
  const realParam = (route: RegisteredRoute, name: string): string =>
    name === 'tenant' ? TENANT : (ids[route.path.split('/').at(-2)?.toLowerCase() ?? ''] ?? 'x');
  const statuses = new Map<number, number>();
  return {
    harness,
    routes: registeredRoutes(harness.bridge.app),
    errors,
    realParam,
    url: (route, params = {}, query) =>
      route.path.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? realParam(route, name)) + (query === undefined ? '' : `?${query}`),
    statuses,
    async send(request) {
      const res = await harness.bridge.app.inject(request);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      return res;
    },
    close: () => harness.close(),
  };
}

export const routeName = (route: RegisteredRoute): string => `${route.method} ${route.path}`;

/** The names of a route's path parameters, e.g. `['tenant', 'id']`. */
export const pathParams = (route: RegisteredRoute): string[] => [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');

/** Whether `send` has seen both answers from handlers (2xx) and refusals (4xx): the properties reached the core. */
export function reachedHandlersAndRefusals(statuses: Map<number, number>): { handled: number; refused: number } {
  const count = (min: number, max: number) => [...statuses].filter(([s]) => s >= min && s <= max).reduce((sum, [, n]) => sum + n, 0);
  return { handled: count(200, 299), refused: count(400, 499) };
}
