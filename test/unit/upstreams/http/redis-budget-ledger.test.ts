import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisBudgetLedger } from '../../../../src/upstreams/http/redis-budget-ledger.js';
import { memoryBudgetLedger, type BudgetLedger, type RateWindow } from '../../../../src/upstreams/http/request-budget.js';

/** The local Redis the tests use; CI starts it (`.ci/run`). Unreachable means failed tests, never skipped ones. */
const REDIS_URL = process.env.SCIM_BRIDGE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `scim-bridge-test:budget:${process.pid}:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 8)}:`;

async function connectRedis(): Promise<Redis> {
  let cause: unknown;
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', (err: unknown) => (cause = err));
  try {
    await redis.connect();
    return redis;
  } catch (err) {
    const reason = cause instanceof Error ? cause.message : String(err);
    throw new Error(
      `Redis is not reachable at ${REDIS_URL} (${reason}). The Redis budget ledger tests need it: start it as ` +
        '.ci/run does (redis-server --daemonize yes --bind 127.0.0.1 --port 6379) or set SCIM_BRIDGE_TEST_REDIS_URL.',
      { cause: cause ?? err },
    );
  }
}

const replicas: Redis[] = [];
let unreachable: unknown;
beforeAll(async () => {
  // Kept for each Redis test to throw, so those fail one by one while the memory ledger's still run.
  await Promise.all([connectRedis(), connectRedis()]).then(
    (rs) => replicas.push(...rs),
    (err: unknown) => (unreachable = err),
  );
});
afterAll(async () => {
  const [admin] = replicas;
  const keys = admin ? await admin.keys(`${PREFIX}*`) : [];
  if (admin && keys.length > 0) await admin.del(...keys);
  await Promise.all(replicas.map((r) => r.quit()));
});
const replica = (i: number): Redis => {
  if (unreachable) throw unreachable;
  const r = replicas[i];
  if (!r) throw new Error('Redis connections are not open');
  return r;
};

let keys = 0;
const freshKey = () => `zia:POST /status/activate#${++keys}`;

/** What every BudgetLedger must do, from `memoryBudgetLedger`'s contract: each step is a reserve at `at` ms. */
const cases: { name: string; windows: RateWindow[]; steps: { at: number; granted: boolean; retryAfterMs: number }[] }[] = [
  {
    name: 'grants count per window, then refuses until the oldest request in the window leaves it',
    windows: [{ count: 2, perMs: 1000 }],
    steps: [
      { at: 0, granted: true, retryAfterMs: 0 },
      { at: 100, granted: true, retryAfterMs: 0 },
      { at: 200, granted: false, retryAfterMs: 800 },
      { at: 999, granted: false, retryAfterMs: 1 },
      { at: 1000, granted: true, retryAfterMs: 0 },
      { at: 1050, granted: false, retryAfterMs: 50 },
    ],
  },
  {
    name: 'is all-or-nothing: a refused request spends nothing, not even in windows that had room',
    windows: [
      { count: 2, perMs: 1000 },
      { count: 3, perMs: 10_000 },
    ],
    steps: [
      { at: 0, granted: true, retryAfterMs: 0 },
      { at: 1, granted: true, retryAfterMs: 0 },
      { at: 2, granted: false, retryAfterMs: 998 },
      { at: 3, granted: false, retryAfterMs: 997 },
      { at: 1000, granted: true, retryAfterMs: 0 },
      { at: 1001, granted: false, retryAfterMs: 8999 },
    ],
  },
  {
    name: 'answers the longest wait when several windows are full (10 a minute, 40 an hour, scaled)',
    windows: [
      { count: 1, perMs: 1000 },
      { count: 2, perMs: 5000 },
    ],
    steps: [
      { at: 0, granted: true, retryAfterMs: 0 },
      { at: 1000, granted: true, retryAfterMs: 0 },
      { at: 1500, granted: false, retryAfterMs: 3500 },
      { at: 5000, granted: true, retryAfterMs: 0 },
    ],
  },
];

const ledgers: [string, () => BudgetLedger][] = [
  ['memory', () => memoryBudgetLedger()],
  ['Redis', () => createRedisBudgetLedger(replica(0), { prefix: PREFIX })],
];

describe.each(ledgers)('the %s budget ledger', (_name, makeLedger) => {
  const T0 = 1_700_000_000_000;
  it.each(cases)('$name', async ({ windows, steps }) => {
    const ledger = makeLedger();
    const key = freshKey();
    const answers = [];
    for (const step of steps) answers.push(await ledger.reserve(key, windows, T0 + step.at));
    expect(answers.map(({ granted, retryAfterMs }) => ({ granted, retryAfterMs }))).toEqual(
      steps.map(({ granted, retryAfterMs }) => ({ granted, retryAfterMs })),
    );
  });

  it('keeps one budget per key', async () => {
    const ledger = makeLedger();
    const [a, b] = [freshKey(), freshKey()];
    const windows = [{ count: 1, perMs: 60_000 }];
    expect(await ledger.reserve(a, windows, T0)).toEqual({ granted: true, retryAfterMs: 0, remaining: [0] });
    expect(await ledger.reserve(b, windows, T0)).toEqual({ granted: true, retryAfterMs: 0, remaining: [0] });
    expect(await ledger.reserve(a, windows, T0 + 1)).toEqual({ granted: false, retryAfterMs: 59_999, remaining: [0] });
  });

  it('says what each window still allows after each reservation, a refusal included', async () => {
    const ledger = makeLedger();
    const key = freshKey();
    const windows = [
      { count: 3, perMs: 1_000 },
      { count: 5, perMs: 60_000 },
    ];
    const left = async (at: number) => (await ledger.reserve(key, windows, T0 + at)).remaining;
    expect([await left(0), await left(1), await left(2)]).toEqual([
      [2, 4],
      [1, 3],
      [0, 2],
    ]);
    expect(await left(3)).toEqual([0, 2]);
    // A second on, the short window holds only the request at +2: one more is granted, which leaves 1 and 1.
    expect(await left(1_001)).toEqual([1, 1]);
  });
});

describe('the Redis budget ledger across replicas', () => {
  it('grants exactly 10 of 100 concurrent reserves from two replicas against 10 per window', async () => {
    const [one, two] = [0, 1].map((i) => createRedisBudgetLedger(replica(i), { prefix: PREFIX }));
    const key = freshKey();
    const windows = [{ count: 10, perMs: 3_600_000 }];
    const now = Date.now();
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? one : two)!.reserve(key, windows, now + i)));
    expect(answers.filter((a) => a.granted)).toHaveLength(10);
    expect(answers.filter((a) => !a.granted).every((a) => a.retryAfterMs > 0)).toBe(true);
    expect(await replica(0).zcard(`${PREFIX}${key}`)).toBe(10);
  });

  it('lets a budget key expire with its longest window, so idle budgets leave nothing behind', async () => {
    const ledger = createRedisBudgetLedger(replica(0), { prefix: PREFIX });
    const key = freshKey();
    await ledger.reserve(
      key,
      [
        { count: 5, perMs: 1000 },
        { count: 40, perMs: 3_600_000 },
      ],
      Date.now(),
    );
    const ttl = await replica(0).pttl(`${PREFIX}${key}`);
    expect(ttl).toBeGreaterThan(3_500_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
  });

  it('still reserves after Redis lost its script cache (a restart or a failover)', async () => {
    const ledger = createRedisBudgetLedger(replica(1), { prefix: PREFIX });
    const key = freshKey();
    await ledger.reserve(key, [{ count: 1, perMs: 60_000 }], 1000);
    await replica(0).script('FLUSH');
    expect(await ledger.reserve(key, [{ count: 1, perMs: 60_000 }], 2000)).toEqual({ granted: false, retryAfterMs: 59_000, remaining: [0] });
  });
});
