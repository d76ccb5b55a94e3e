import { describe, expect, it } from 'vitest';
import { createRequestBudget } from '../../../../src/upstreams/http/request-budget.js';

const clock = () => {
  let t = 1_000_000;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
};

describe('client-side request budgets (docs/upstreams/zscaler-zia.md §7)', () => {
  const rules = [
    {
      method: 'POST',
      route: '/status/activate',
      windows: [
        { count: 10, perMs: 60_000 },
        { count: 40, perMs: 3_600_000 },
      ],
    },
    { method: 'PUT', route: '/users/{id}', windows: [{ count: 2, perMs: 1000 }] },
  ];

  it('absorbs a short wait (2 per second) instead of failing', async () => {
    const c = clock();
    const budget = createRequestBudget({ upstream: 'zia', rules, now: c.now, sleep: c.sleep });
    const start = c.now();
    for (let i = 0; i < 6; i++) await budget.acquire('PUT', '/users/{id}');
    expect(c.now() - start).toBeGreaterThanOrEqual(2000);
  });

  it('fails at once with a Retry-After when a long window is spent: 10 activations a minute, 40 an hour', async () => {
    const c = clock();
    const budget = createRequestBudget({ upstream: 'zia', rules, now: c.now, sleep: c.sleep, maxWaitMs: 5000 });
    for (let i = 0; i < 10; i++) await budget.acquire('POST', '/status/activate');
    await expect(budget.acquire('POST', '/status/activate')).rejects.toMatchObject({ kind: 'rateLimited', code: 'BUDGET_SPENT' });
    for (let minute = 1; minute <= 3; minute++) {
      c.advance(60_000);
      for (let i = 0; i < 10; i++) await budget.acquire('POST', '/status/activate');
    }
    c.advance(60_000);
    const spent = budget.acquire('POST', '/status/activate');
    await expect(spent).rejects.toMatchObject({ kind: 'rateLimited' });
    const err = (await spent.catch((e: unknown) => e)) as { retryAfterSeconds: number };
    expect(err.retryAfterSeconds).toBeGreaterThan(60);
    expect(err.retryAfterSeconds).toBeLessThanOrEqual(3600);
  });

  it("says what each endpoint's longest window still allowed after its last request, a refusal included", async () => {
    const c = clock();
    const budget = createRequestBudget({ upstream: 'zia', rules, now: c.now, sleep: c.sleep, maxWaitMs: 5000 });
    expect(budget.left()).toEqual([]);
    for (let i = 0; i < 3; i++) await budget.acquire('POST', '/status/activate');
    await budget.acquire('PUT', '/users/{id}');
    expect(budget.left()).toEqual([
      { endpoint: 'POST /status/activate', remaining: 37, limit: 40, windowSeconds: 3600, at: c.now() },
      { endpoint: 'PUT /users/{id}', remaining: 1, limit: 2, windowSeconds: 1, at: c.now() },
    ]);
    for (let i = 0; i < 7; i++) await budget.acquire('POST', '/status/activate');
    // The minute's 10 are spent: refused, and the hour still allows 30.
    await expect(budget.acquire('POST', '/status/activate')).rejects.toMatchObject({ code: 'BUDGET_SPENT' });
    expect(budget.left()[0]).toMatchObject({ endpoint: 'POST /status/activate', remaining: 30 });
  });

  it('leaves endpoints without a rule alone', async () => {
    const c = clock();
    const budget = createRequestBudget({ upstream: 'zia', rules, now: c.now, sleep: c.sleep });
    for (let i = 0; i < 100; i++) await budget.acquire('GET', '/departments');
    expect(c.now()).toBe(1_000_000);
  });
});

describe('a budget whose shared ledger is down', () => {
  it('refuses as unavailable (a retryable 503), never spending blind', async () => {
    const budget = createRequestBudget({
      upstream: 'zia',
      rules: [{ method: 'POST', route: '/users', windows: [{ count: 2, perMs: 1000 }] }],
      ledger: {
        reserve: async () => {
          throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
        },
      },
    });
    await expect(budget.acquire('POST', '/users')).rejects.toMatchObject({ kind: 'unavailable', retryAfterSeconds: 5 });
  });
});
