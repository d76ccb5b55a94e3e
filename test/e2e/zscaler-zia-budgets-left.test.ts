import { afterEach, expect, it } from 'vitest';
import { user } from '../support/scim-requests.js';
import { startZscalerZiaHarness, type ZiaBridgeHarness } from '../support/zscaler-zia-harness.js';

/*
 * ZIA's documented budgets, as an operator sees them (issue 14: "budgets left"): after the bridge's requests,
 * `upstream_budget_remaining` says per tenant and endpoint what the longest window still allows, counted by the same
 * ledger that spends them, so it moves with every request.
 */

let h: ZiaBridgeHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const budgetLines = async (harness: ZiaBridgeHarness): Promise<Map<string, number>> => {
  const text = (await harness.bridge.app.inject({ method: 'GET', url: '/metrics' })).body;
  const lines = new Map<string, number>();
  for (const m of text.matchAll(/^scim_bridge_upstream_budget_remaining\{([^}]*)\} (\S+)$/gm)) lines.set(m[1] ?? '', Number(m[2]));
  return lines;
};

it("after each create, the hourly budget left of ZIA's POST /users goes down by one, for this tenant", async () => {
  h = await startZscalerZiaHarness();
  await h.http.post('/Users', user('budget.one@example.com')).expect(201);
  const key = 'tenant="default",upstream="zscaler-zia",endpoint="POST /users"';
  const after = (await budgetLines(h)).get(key);
  expect(after).toBeTypeOf('number');
  await h.http.post('/Users', user('budget.two@example.com')).expect(201);
  expect((await budgetLines(h)).get(key)).toBe((after ?? 0) - 1);
  // ZIA's documented hourly limit for creates is 1,000 (zia-budgets.ts): two spent.
  expect((await budgetLines(h)).get(key)).toBe(998);
});
