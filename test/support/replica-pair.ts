import { randomUUID } from 'node:crypto';
import { hashToken } from '../../src/core/idp-credentials.js';
import { startBridgeProcess, type BridgeProcess } from './bridge-processes.js';
import { POSTGRES_TEST_URL } from './postgres-test-store.js';
import { scimClient, TOKEN, type ScimClient } from './scim-client.js';

export const REDIS_URL = process.env.SCIM_BRIDGE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * What an operator gives every replica: one PostgreSQL schema, one Redis key prefix (rate limits and budgets), and
 * one `default` tenant in front of `upstream`, with no reconcile on a schedule (`tenant` adds to or overrides it).
 */
export function replicaConfig(
  upstream: Record<string, unknown>,
  options: { schema: string; store?: Record<string, unknown>; rateLimitMax?: number; tenant?: Record<string, unknown> },
) {
  return {
    store: options.store ?? { type: 'postgres', connectionString: POSTGRES_TEST_URL, schema: options.schema },
    redis: { url: REDIS_URL, keyPrefix: `scim-bridge-test-${randomUUID()}:` },
    rateLimit: { max: options.rateLimitMax ?? 100_000, timeWindowMs: 60_000 },
    tenants: [{ id: 'default', idpTokens: [{ label: 'idp', sha256: hashToken(TOKEN) }], upstream, reconcile: { intervalSeconds: 0 }, ...options.tenant }],
  };
}

/** Two bridge processes on one configuration (nothing shared but PostgreSQL and Redis), and an IdP's client of each. */
export interface ReplicaPair {
  processes: BridgeProcess[];
  a: ScimClient;
  b: ScimClient;
  stop(): Promise<void>;
}

export async function startReplicaPair(config: unknown): Promise<ReplicaPair> {
  const processes: BridgeProcess[] = [];
  for (let i = 0; i < 2; i++) processes.push(await startBridgeProcess(config));
  const [a, b] = processes.map((r) => scimClient(r.url)) as [ScimClient, ScimClient];
  return {
    processes,
    a,
    b,
    async stop() {
      for (const r of processes) await r.stop();
    },
  };
}
