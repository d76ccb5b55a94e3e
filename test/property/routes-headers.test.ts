import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { reachedHandlersAndRefusals, routeName, startBridgeUnderTest, TOKEN } from './bridge-under-test.js';
import { runs } from './fc-settings.js';
import { typicalBody } from './request-bodies.js';
import { headerSet } from './request-parts.js';
import { expectScimSafe } from './scim-error-contract.js';

const bridge = await startBridgeUnderTest();
afterAll(() => bridge.close());

describe('hostile headers, at every route the app registers', () => {
  let n = 0;
  it.each(bridge.routes.map((r) => [routeName(r), r] as const))(
    '%s: Content-Type, Authorization, If-Match, If-None-Match, Host and request-id garbage',
    async (_name, route) => {
      await fc.assert(
        fc.asyncProperty(headerSet(TOKEN), fc.boolean(), async (headers, withBody) => {
          const url = bridge.url(route);
          const body = typicalBody(route, (n += 1)) ?? (withBody ? { schemas: [] } : undefined);
          const res = await bridge.send({ method: route.method as 'GET', url, headers, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
          expectScimSafe({ method: route.method, url }, res, bridge.errors);
        }),
        runs(30),
      );
    },
  );
});

it('reached the handlers as well as the refusals: many requests answered 2xx, many 4xx', () => {
  const { handled, refused } = reachedHandlersAndRefusals(bridge.statuses);
  expect(handled).toBeGreaterThan(200);
  expect(refused).toBeGreaterThan(200);
});
