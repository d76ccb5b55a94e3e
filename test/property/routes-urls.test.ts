import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { RegisteredRoute } from '../openapi/registered-routes.js';
import { AUTHORIZED, pathParams, reachedHandlersAndRefusals, routeName, startBridgeUnderTest } from './bridge-under-test.js';
import { runs } from './fc-settings.js';
import { typicalBody } from './request-bodies.js';
import { brokenPathSegment, pathSegment, queryString } from './request-parts.js';
import { expectScimSafe } from './scim-error-contract.js';

const bridge = await startBridgeUnderTest();
afterAll(() => bridge.close());

const everyRoute = bridge.routes.map((r) => [routeName(r), r] as const);
const withParams = everyRoute.filter(([, r]) => pathParams(r).length > 0);

let n = 0;
/** Send the route's typical request to `url`, so only the URL is hostile. */
async function sendTo(route: RegisteredRoute, url: string): Promise<void> {
  const body = typicalBody(route, (n += 1));
  const res = await bridge.send({
    method: route.method as 'GET',
    url,
    headers: { ...AUTHORIZED, ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  expectScimSafe({ method: route.method, url }, res, bridge.errors);
}

const paramsOf = (route: RegisteredRoute, segment: (real: string) => fc.Arbitrary<string>) =>
  fc.record(Object.fromEntries(pathParams(route).map((name) => [name, segment(bridge.realParam(route, name))])));

describe('hostile path parameters and query strings, at every route the app registers', () => {
  it.each(everyRoute)('%s: Unicode, NUL and junk in ids and in filter/startIndex/count/sortBy/attributes', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(paramsOf(route, pathSegment), queryString, (params, query) => sendTo(route, bridge.url(route, params, query))),
      runs(40),
    );
  });

  it('every route with a path parameter: a broken percent-escape or an over-long parameter is a SCIM error too', async () => {
    const request = fc
      .constantFrom(...withParams.map(([, r]) => r))
      .chain((route) => fc.tuple(fc.constant(route), fc.constantFrom(...pathParams(route)), brokenPathSegment(bridge.realParam(route, 'id'))));
    await fc.assert(
      fc.asyncProperty(request, ([route, name, segment]) => sendTo(route, bridge.url(route, { [name]: segment }))),
      runs(200),
    );
  });
});

it('reached the handlers as well as the refusals: many requests answered 2xx, many 4xx', () => {
  const { handled, refused } = reachedHandlersAndRefusals(bridge.statuses);
  expect(handled).toBeGreaterThan(200);
  expect(refused).toBeGreaterThan(200);
});
