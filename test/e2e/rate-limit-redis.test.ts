import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import type supertest from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { RATE_LIMIT_REDIS_NAMESPACE } from '../../src/http/plugins/rate-limit.js';
import { createBridge, type Bridge } from '../../src/runtime.js';
import { createZuoraRestSimulator, type ZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { scimClient, TOKEN } from '../support/scim-client.js';

/** The local Redis the tests use; CI starts it (`.ci/run`). Unreachable means failed tests, never skipped ones. */
const REDIS_URL = process.env.SCIM_BRIDGE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// The counter key is `<namespace><tenant>:<credential label>`: a label of its own keeps this run apart from others.
const LABEL = `rate-limit-e2e-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const COUNTER_KEY = `${RATE_LIMIT_REDIS_NAMESPACE}default:${LABEL}`;

async function connectRedis(options: { url?: string } = {}): Promise<Redis> {
  let cause: unknown;
  const url = options.url ?? REDIS_URL;
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', (err: unknown) => (cause = err));
  try {
    await redis.connect();
    return redis;
  } catch (err) {
    const reason = cause instanceof Error ? cause.message : String(err);
    throw new Error(
      `Redis is not reachable at ${url} (${reason}). The shared rate-limit tests need it: start it as ` +
        '.ci/run does (redis-server --daemonize yes --bind 127.0.0.1 --port 6379) or set SCIM_BRIDGE_TEST_REDIS_URL.',
      { cause: cause ?? err },
    );
  }
}

let sim: ZuoraRestSimulator;
let simUrl: string;
const bridges: Bridge[] = [];
const clients: Redis[] = [];
beforeAll(async () => {
  sim = createZuoraRestSimulator({});
  simUrl = await sim.listen(0);
});
afterEach(async () => {
  await Promise.all(bridges.splice(0).map((b) => b.close()));
  await clients[0]?.del(COUNTER_KEY);
  await Promise.all(clients.splice(0).map((c) => c.quit()));
});
afterAll(() => sim.close());

/** One bridge replica: its own process-local store and app, the IdP's credential limited to 5 a minute. */
async function startReplica(redis?: Redis, redisConfig?: { url: string; keyPrefix: string }): Promise<Bridge> {
  const config = parseConfig(
    {
      ...(redisConfig ? { redis: redisConfig } : {}),
      rateLimit: { max: 5, timeWindowMs: 60_000 },
      store: { type: 'sqlite', path: ':memory:' },
      tenants: [
        {
          id: 'default',
          idpTokens: [{ label: LABEL, sha256: hashToken(TOKEN) }],
          upstream: {
            type: 'zuora-rest',
            baseUrlOverride: simUrl,
            clientId: sim.clientId,
            clientSecret: sim.clientSecret,
            profiles: { default: 'Standard User' },
          },
          reconcile: { onStart: false, intervalSeconds: 0 },
        },
      ],
    },
    {},
  );
  const bridge = await createBridge(config, { logger: false, ...(redis ? { redis } : {}) });
  bridges.push(bridge);
  await bridge.app.ready();
  return bridge;
}

const call = (bridge: Bridge): supertest.Test => scimClient(bridge).get('/ServiceProviderConfig');

describe('per-credential rate limit shared through Redis (several replicas)', () => {
  it('lets two replicas on one Redis spend one budget together: 5 pass, the 6th gets a SCIM 429 on either', async () => {
    clients.push(await connectRedis(), await connectRedis());
    const [a, b] = [await startReplica(clients[0]), await startReplica(clients[1])];
    const remaining = [];
    for (const replica of [a, b, a, b, a]) remaining.push((await call(replica).expect(200)).headers['x-ratelimit-remaining']);
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);

    for (const replica of [b, a]) {
      const limited = await call(replica);
      expect(limited.status).toBe(429);
      expect(limited.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(limited.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429' });
      expect(limited.headers['retry-after']).toMatch(/^\d+$/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    expect(Number(await clients[0]?.get(COUNTER_KEY))).toBeGreaterThanOrEqual(5);
  });

  it("keeps its counters under the configuration's redis.keyPrefix, apart from other deployments on the same Redis", async () => {
    clients.push(await connectRedis());
    const keyPrefix = `scim-bridge-test-${LABEL}:`;
    const ownKey = `${keyPrefix}rate-limit:default:${LABEL}`;
    try {
      const replica = await startReplica(undefined, { url: REDIS_URL, keyPrefix });
      for (let i = 0; i < 2; i++) await call(replica).expect(200);
      expect(Number(await clients[0]?.get(ownKey))).toBe(2);
      expect(await clients[0]?.get(COUNTER_KEY)).toBeNull();
    } finally {
      await clients[0]?.del(ownKey);
    }
  });

  it('without Redis (the default) counts per replica, so the same six requests all pass', async () => {
    const [a, b] = [await startReplica(), await startReplica()];
    for (const replica of [a, b, a, b, a, b]) await call(replica).expect(200);
  });

  it('keeps serving the IdP without the shared limit while Redis is unreachable', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const down = new Redis({
      host: '127.0.0.1',
      port: closedPort,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    down.on('error', () => undefined);
    try {
      const replica = await startReplica(down);
      for (let i = 0; i < 7; i++) await call(replica).expect(200);
    } finally {
      down.disconnect();
    }
  });
});
