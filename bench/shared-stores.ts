import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { rateLimitRedisNamespace } from '../src/http/plugins/rate-limit.js';

/**
 * The PostgreSQL and Redis that replicas share, found where the tests find them (test/support/postgres-test-store.ts,
 * test/e2e/replicas.test.ts), so one local setup serves both. The user name is explicit: without it node-postgres
 * sends none when $USER is unset, and the server refuses the connection.
 */
export const SHARED_POSTGRES_URL = process.env.SCIM_BRIDGE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const SHARED_REDIS_URL = process.env.SCIM_BRIDGE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** PostgreSQL and Redis as the report names them: server, version and address. */
export interface SharedServers {
  postgres: string;
  redis: string;
}

/** Names of one run's state: a schema no one else uses, a Redis key prefix, and a credential label. */
export interface SharedStoreNames {
  schema: string;
  keyPrefix: string;
  /** The credential's label; its rate-limit counter is `<keyPrefix>rate-limit:<tenant>:<label>`. */
  tokenLabel: string;
}

export function freshSharedStoreNames(): SharedStoreNames {
  const run = `${process.pid}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  return { schema: `bench_replicas_${run}`, keyPrefix: `scim-bridge-bench-${run}:`, tokenLabel: `bench-${run}` };
}

const rateLimitKey = (names: SharedStoreNames, tenant: string) => `${rateLimitRedisNamespace(names.keyPrefix)}${tenant}:${names.tokenLabel}`;

async function withPostgres<T>(use: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: SHARED_POSTGRES_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function withRedis<T>(use: (r: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(SHARED_REDIS_URL, { connectTimeout: 3000, maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await use(redis);
  } finally {
    redis.disconnect();
  }
}

/** Where a URL points, without its credentials: what the report may show. */
const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return '(unparsable URL)';
  }
};

/**
 * Both servers and their versions, e.g. `PostgreSQL 15.4 at 127.0.0.1:5432`; fails in a second, not after the other
 * sections ran, when either is not there.
 */
export async function describeSharedStores(): Promise<SharedServers> {
  const pg = await withPostgres((c) => c.query<{ server_version: string }>('SHOW server_version')).catch((e: unknown) => {
    throw new Error(
      `PostgreSQL is not reachable at ${hostOf(SHARED_POSTGRES_URL)} (${String(e)}): start it, set SCIM_BRIDGE_TEST_POSTGRES_URL, or leave out "replicas" and "big" with --only`,
    );
  });
  const info = await withRedis((r) => r.info('server')).catch((e: unknown) => {
    throw new Error(
      `Redis is not reachable at ${hostOf(SHARED_REDIS_URL)} (${String(e)}): start it, set SCIM_BRIDGE_TEST_REDIS_URL, or leave out "replicas" and "big" with --only`,
    );
  });
  const redisVersion = /redis_version:(\S+)/.exec(info)?.[1] ?? '(version unknown)';
  return {
    postgres: `PostgreSQL ${pg.rows[0]?.server_version ?? '(version unknown)'} at ${hostOf(SHARED_POSTGRES_URL)}`,
    redis: `Redis ${redisVersion} at ${hostOf(SHARED_REDIS_URL)}`,
  };
}

/** The shared rate-limit counter of a credential: proof that requests were counted in Redis (0 when absent). */
export const rateLimitCount = (names: SharedStoreNames, tenant: string): Promise<number> =>
  withRedis(async (r) => Number((await r.get(rateLimitKey(names, tenant))) ?? 0));

export const dropSchema = (schema: string): Promise<unknown> => withPostgres((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));

/** Drop the run's schema and delete its Redis keys; each step is tried even when the other fails. */
export async function removeSharedState(names: SharedStoreNames): Promise<void> {
  const results = await Promise.allSettled([
    dropSchema(names.schema),
    withRedis(async (r) => {
      // SCAN rather than KEYS: the Redis may be shared, and KEYS blocks it for the whole key space. Every key of the
      // run, the rate-limit counter included, is under its prefix.
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await r.scan(cursor, 'MATCH', `${names.keyPrefix}*`, 'COUNT', 1000);
        cursor = next;
        keys.push(...found);
      } while (cursor !== '0');
      if (keys.length > 0) await r.del(...keys);
    }),
  ]);
  const failed = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
  if (failed.length > 0) throw new Error(`cleaning up the shared stores: ${failed.join('; ')}`);
}
