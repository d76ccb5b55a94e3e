import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZuoraRestHarness, type Harness } from '../support/zuora-rest-harness.js';
import { documentedOperations, effectiveSecurity, isObject, loadDocument, OPENAPI_METHODS, type JsonObject } from './openapi-document.js';
import { structuralProblems } from './openapi-structure.js';
import { registeredRoutes, routeKey, routerIsCaseSensitive, type RegisteredRoute } from './registered-routes.js';

/**
 * `openapi/scim-bridge.openapi.json` is the published contract of the bridge. These specifications keep it honest
 * against the app as `createBridge` builds it: the same routes both ways, a structurally sound OpenAPI 3.1 document,
 * and bearer authentication documented exactly where the app enforces it.
 */

/**
 * Routes OpenAPI 3.1 has no Path Item field for. `app.all('/Me')` also registers QUERY, which only OpenAPI 3.2's
 * `additionalOperations` can name; the document says so in the `/scim/v2/Me` description.
 */
const NOT_EXPRESSIBLE_IN_OPENAPI_3_1 = ['QUERY /scim/v2/me'];

const key = (r: { method: string; path: string }): string => `${r.method} ${r.path}`;
const lowerCaseKey = (r: RegisteredRoute): string => routeKey(r, false);
const expressible = (r: RegisteredRoute): boolean => (OPENAPI_METHODS as readonly string[]).includes(r.method.toLowerCase());

let h: Harness;
let doc: JsonObject;
beforeAll(async () => {
  h = await startZuoraRestHarness();
  doc = loadDocument();
});
afterAll(async () => h.close());

describe('the OpenAPI document and the routes the bridge registers', () => {
  it('documents every route the app serves and no route it does not serve', () => {
    const app = h.bridge.app;
    const caseSensitive = routerIsCaseSensitive(app);
    // Routes under `/t/:tenant` are the same operations, documented once through the `/t/{tenant}` server.
    const tenantServer = Array.isArray(doc.servers) && doc.servers.some((sv) => isObject(sv) && sv.url === '/t/{tenant}');
    const routes = registeredRoutes(app)
      .map((r) => (tenantServer && r.path.startsWith('/t/{tenant}/') ? { ...r, path: r.path.slice('/t/{tenant}'.length) } : r))
      .filter((r, i, all) => all.findIndex((o) => o.method === r.method && o.path === r.path) === i);
    const operations = documentedOperations(doc);
    const documented = new Set(operations.map((op) => routeKey(op, caseSensitive)));
    const served = new Set(routes.map((r) => routeKey(r, caseSensitive)));
    // Fastify adds HEAD for every GET route by itself (exposeHeadRoutes); it counts only where the document names it.
    const implicitHead = (r: RegisteredRoute) =>
      r.method === 'HEAD' && served.has(routeKey({ ...r, method: 'GET' }, caseSensitive)) && !documented.has(routeKey(r, caseSensitive));
    const compared = routes.filter((r) => expressible(r) && !implicitHead(r));

    const missingFromDocument = compared.filter((r) => !documented.has(routeKey(r, caseSensitive))).map(key).sort();
    const documentedButNotServed = operations.filter((op) => !served.has(routeKey(op, caseSensitive))).map(key).sort();
    expect({ missingFromDocument, documentedButNotServed }).toEqual({ missingFromDocument: [], documentedButNotServed: [] });
    expect(routes.filter((r) => !expressible(r)).map(lowerCaseKey).sort()).toEqual(NOT_EXPRESSIBLE_IN_OPENAPI_3_1);
    // The comparison above must have had something to compare: the SCIM resource endpoints at least.
    expect(compared.map(lowerCaseKey)).toEqual(expect.arrayContaining(['GET /scim/v2/users', 'PATCH /scim/v2/groups/{id}', 'POST /scim/v2/.search']));
  });

  it('is structurally valid OpenAPI 3.1: $refs resolve, operations have responses and unique ids, path parameters are declared', () => {
    expect(structuralProblems(doc)).toEqual([]);
  });

  it('requires the bearer token on exactly the operations where the app answers 401 without one', async () => {
    const mismatches: string[] = [];
    for (const op of documentedOperations(doc)) {
      const url = op.path.replaceAll(/\{[^}]+\}/g, 'no-such-id');
      const res = await h.bridge.app.inject({ method: op.method as InjectOptions['method'], url });
      const security = effectiveSecurity(doc, op);
      const documentedAsSecured = security.length > 0 && security.every((req) => isObject(req) && Object.keys(req).length > 0);
      if (documentedAsSecured !== (res.statusCode === 401)) mismatches.push(`${key(op)}: documented secured=${documentedAsSecured}, answered ${res.statusCode}`);
      if (documentedAsSecured && !isObject(isObject(op.operation.responses) ? op.operation.responses['401'] : undefined)) mismatches.push(`${key(op)}: no 401 documented`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('the structural check itself', () => {
  const broken = (mutate: (d: JsonObject) => void): string[] => {
    const copy = structuredClone(doc);
    mutate(copy);
    return structuralProblems(copy);
  };
  const operation = (d: JsonObject, path: string, method: string): JsonObject => {
    const found = documentedOperations(d).find((op) => op.path === path && op.method === method);
    if (!found) throw new Error(`${method} ${path} is not in the document`);
    return found.operation;
  };

  it('reports a dangling $ref, a reused operationId, an undeclared path parameter and an operation without responses', () => {
    const problems = broken((d) => {
      operation(d, '/scim/v2/Users', 'GET').responses = {};
      operation(d, '/scim/v2/Groups', 'GET').operationId = 'createGroup';
      operation(d, '/scim/v2/Users', 'POST').requestBody = { $ref: '#/components/requestBodies/Nope' };
      operation(d, '/scim/v2/Schemas/{id}', 'GET').parameters = [];
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'GET /scim/v2/Users has no responses',
        'operationId createGroup is used twice (again on POST /scim/v2/Groups)',
        '#/paths/~1scim~1v2~1Users/post/requestBody: $ref #/components/requestBodies/Nope does not resolve',
        'GET /scim/v2/Schemas/{id}: path parameter {id} is not declared',
      ]),
    );
  });

  it('reports a 429 without an integer Retry-After and a requirement of an undeclared security scheme', () => {
    const problems = broken((d) => {
      const responses = operation(d, '/scim/v2/Users/{id}', 'DELETE').responses as JsonObject;
      responses['429'] = { description: 'slow down' };
      operation(d, '/healthz', 'GET').security = [{ apiKey: [] }];
    });
    expect(problems).toEqual(
      expect.arrayContaining(['DELETE /scim/v2/Users/{id} 429 must document an integer Retry-After header', 'GET /healthz requires undeclared security scheme apiKey']),
    );
  });
});
