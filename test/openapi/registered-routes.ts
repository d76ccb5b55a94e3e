import type { FastifyInstance } from 'fastify';

/** One route the app serves: an upper-case method and the URL pattern in OpenAPI spelling (`{id}`, not `:id`). */
export interface RegisteredRoute {
  method: string;
  path: string;
}

/** `:id` → `{id}` (OpenAPI 3.1 §4.8.2 path templating). */
export const toOpenApiPath = (fastifyUrl: string): string => fastifyUrl.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** A branch of Fastify's route tree: indentation, the URL part below the parent route, and `(GET, HEAD, …)`. */
const BRANCH = /^((?:│ {3}| {4})*)[├└]── (.+?)(?: \(([A-Z]+(?:, [A-Z]+)*)\))?$/;

/**
 * Every (method, URL) a ready Fastify app routes, read from `printRoutes({ commonPrefix: false })`, where each line
 * is one route URL relative to its parent line. The app is built inside `buildApp`, too late for an `onRoute` hook, so
 * the tree is parsed instead; any line this parser does not understand throws, and each route it reads is confirmed
 * with `hasRoute`, so a change in Fastify's output fails loudly instead of hiding routes.
 */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  const parents: string[] = [];
  const routes: RegisteredRoute[] = [];
  const lines = app.printRoutes({ commonPrefix: false }).split('\n').filter((l) => l.trim() !== '');
  for (const line of lines) {
    const match = BRANCH.exec(line);
    if (!match) throw new Error(`Unexpected printRoutes line: ${JSON.stringify(line)}`);
    const depth = (match[1] ?? '').length / 4;
    const url = (parents[depth - 1] ?? '') + (match[2] ?? '');
    parents.length = depth;
    parents.push(url);
    if (url.includes('|')) throw new Error(`Two parameter names at one position (${url}): give them one name`);
    for (const method of match[3]?.split(', ') ?? []) {
      if (!app.hasRoute({ method, url })) throw new Error(`printRoutes lists ${method} ${url}, which hasRoute() does not know`);
      routes.push({ method, path: toOpenApiPath(url) });
    }
  }
  return routes;
}

/** Whether the router tells `/Users` from `/users` (Fastify's `routerOptions.caseSensitive`, true by default). */
export const routerIsCaseSensitive = (app: FastifyInstance): boolean => app.initialConfig.routerOptions?.caseSensitive !== false;

/**
 * The key two routes are compared by. A case-insensitive router stores its static segments in lower case, so then
 * static segments compare in lower case; parameter names keep their case either way.
 */
export function routeKey(route: RegisteredRoute, caseSensitive: boolean): string {
  const path = caseSensitive ? route.path : route.path.split('/').map((s) => (/^\{.+\}$/.test(s) ? s : s.toLowerCase())).join('/');
  return `${route.method} ${path}`;
}
