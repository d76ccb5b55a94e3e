import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { AUTHORIZED, reachedHandlersAndRefusals, routeName, startBridgeUnderTest } from './bridge-under-test.js';
import { runs } from './fc-settings.js';
import { invalidUtf8For, jsonTextFor } from './request-bodies.js';
import { expectScimSafe } from './scim-error-contract.js';

const bridge = await startBridgeUnderTest();
afterAll(() => bridge.close());

const JSON_TYPES = ['application/scim+json', 'application/json; charset=utf-8', 'text/json', 'application/scim+json; charset=ISO-8859-1'];

describe('hostile bodies, at every route the app registers', () => {
  it.each(bridge.routes.map((r) => [routeName(r), r] as const))(
    '%s: random and route-shaped JSON, broken JSON, invalid UTF-8, NUL and lone surrogates',
    async (_name, route) => {
      const payload = fc.oneof({ weight: 4, arbitrary: jsonTextFor(route) }, { weight: 1, arbitrary: invalidUtf8For(route) });
      await fc.assert(
        fc.asyncProperty(payload, fc.constantFrom(...JSON_TYPES), async (body, type) => {
          const url = bridge.url(route);
          const res = await bridge.send({ method: route.method as 'GET', url, headers: { ...AUTHORIZED, 'content-type': type }, payload: body });
          expectScimSafe({ method: route.method, url }, res, bridge.errors);
        }),
        runs(route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH' ? 100 : 15),
      );
    },
  );
});

it('reached the handlers as well as the refusals: many requests answered 2xx, many 4xx', () => {
  const { handled, refused } = reachedHandlersAndRefusals(bridge.statuses);
  expect(handled).toBeGreaterThan(200);
  expect(refused).toBeGreaterThan(200);
});
