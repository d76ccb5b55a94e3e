import { afterAll, describe, expect, it } from 'vitest';
import type { RegisteredRoute } from '../openapi/registered-routes.js';
import { AUTHORIZED, routeName, startBridgeUnderTest } from './bridge-under-test.js';
import { deepBodies, deepFilters, hugeValidBodies, oversizedBodies } from './extreme-payloads.js';
import { percentEncode } from './request-parts.js';
import { expectScimSafe } from './scim-error-contract.js';

const bridge = await startBridgeUnderTest();
afterAll(() => bridge.close());

const limit = bridge.harness.bridge.app.initialConfig.bodyLimit ?? 1_048_576;
const named = (routes: RegisteredRoute[]) => routes.map((r) => [routeName(r), r] as const);
const bodyRoutes = named(bridge.routes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method)));
const resourceWrites = named(bridge.routes.filter((r) => /\/(users|groups)(\/\{id\})?$/.test(r.path) && ['POST', 'PUT'].includes(r.method)));
const listRoutes = named(bridge.routes.filter((r) => /\/(users|groups)$/.test(r.path) && r.method === 'GET'));
const searchRoutes = named(bridge.routes.filter((r) => r.path.endsWith('/.search')));

/** Send every payload to the route; collect every breach of the SCIM error contract, so one run shows them all. */
async function expectAllScimSafe(route: RegisteredRoute, payloads: Record<string, string>, url = bridge.url(route)): Promise<void> {
  const breaches: string[] = [];
  for (const [name, payload] of Object.entries(payloads)) {
    const res = await bridge.send({ method: route.method as 'GET', url, headers: { ...AUTHORIZED, 'content-type': 'application/scim+json' }, payload });
    try {
      expectScimSafe({ method: route.method, url }, res, bridge.errors);
    } catch (e) {
      breaches.push(`${name}: ${(e as Error).message.slice(0, 1_500)}`);
    }
  }
  expect(breaches).toEqual([]);
}

describe('pathological inputs, at every route that reads them', () => {
  it.each(bodyRoutes)('%s: bodies nested 10,000 levels deep, whole and under each key the route reads', (_name, route) =>
    expectAllScimSafe(route, deepBodies(route)),
  );

  it.each(bodyRoutes)('%s: bodies over the body limit are 413', (_name, route) => expectAllScimSafe(route, oversizedBodies(limit)));

  it.each(resourceWrites)('%s: values just under the body limit', (_name, route) => expectAllScimSafe(route, hugeValidBodies(limit)));

  it.each(listRoutes)('%s: filters 10,000 levels deep or 1 MB long in the query', async (_name, route) => {
    for (const [name, filter] of Object.entries(deepFilters())) {
      const url = bridge.url(route, {}, `filter=${percentEncode(filter)}`);
      const res = await bridge.send({ method: 'GET', url, headers: AUTHORIZED });
      expectScimSafe({ method: `GET (${name})`, url }, res, bridge.errors);
    }
  });

  it.each(searchRoutes)('%s: filters 10,000 levels deep or 1 MB long in a SearchRequest', (_name, route) =>
    expectAllScimSafe(route, Object.fromEntries(Object.entries(deepFilters()).map(([name, filter]) => [name, JSON.stringify({ filter })]))),
  );
});
