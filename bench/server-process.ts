/*
 * The bench's servers, each started in a process of its own by `startChild` (bench/processes.ts), as a real upstream
 * or bridge would run: the bare Fastify route, the Zuora REST and OneID simulators, the Google Workspace directory of
 * the sync section, and bridges. One start message may list several servers; they then share the process (the read
 * path's bare route and two bridges run under identical conditions, and one `--cpu-prof` covers them).
 */
import Fastify from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../src/config/load-config.js';
import { hashToken } from '../src/core/idp-credentials.js';
import { createBridge } from '../src/runtime.js';
import { createZuoraOneIdSimulator } from '@scim-bridge/simulators/zuora-oneid';
import { createZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { BARE_PATH, serveChild, TENANT } from './processes.js';
import { seedSyncDirectory, type SeededDirectory } from './sections/sync-seed.js';

/** A bridge configured as in production except for the rate limit (lifted: the bench measures the request path) and logging (off). */
export interface BridgeSpec {
  kind: 'bridge';
  /** The tenant's `upstream` configuration, as a simulator's {@link ServerReady} gives it. */
  upstream: Record<string, unknown>;
  token: string;
  /** `upstream`: GET /Users/{id} reads the upstream each time (the default); `index`: answered from the index. */
  userReads: 'upstream' | 'index';
  /** SQLite in memory or in a temporary file, or a PostgreSQL schema shared by replicas. */
  store: 'memory' | 'file' | { connectionString: string; schema: string };
  /** Shared rate-limit counters (several replicas); per-process memory when absent. */
  redis?: { url: string; keyPrefix: string };
  /** The IdP credential's label, which also names its rate-limit counter (`<tenant>:<label>`). Default `bench`. */
  tokenLabel?: string;
  /** Build the index from the upstream before listening (default); a second replica reads the one a first built. */
  reconcile?: boolean;
  /** How many live users of the index to send back, spread evenly over it (0: none). */
  samples: number;
}

/** The Google Workspace simulator seeded as the sync section's directory (bench/sections/sync-seed.ts). */
export interface DirectorySpec {
  kind: 'google-workspace';
  users: number;
  groups: number;
  groupsPerUser: number;
}

export type ServerSpec = { kind: 'bare' } | { kind: 'zuora-rest' | 'zuora-oneid'; users: number } | DirectorySpec | BridgeSpec;

/** Live users of the index, by position: the bridge's SCIM id, the upstream's id and the userName of each. */
export interface SampledUsers {
  ids: string[];
  upstreamIds: string[];
  userNames: string[];
}

export interface ServerReady {
  url: string;
  /** A simulator's: the tenant `upstream` configuration pointing at it. */
  upstream?: Record<string, unknown>;
  /** The OneID simulator's: a bearer token it issued, for calling it directly. */
  token?: string;
  /** A bridge's, when it sampled its index. */
  sampled?: SampledUsers;
  /** The Google Workspace simulator's: the tenant `source` configuration reading it, and what it holds. */
  source?: Record<string, unknown>;
  directory?: SeededDirectory;
}

const closers: (() => Promise<void> | void)[] = [];

async function startBare(): Promise<ServerReady> {
  // The ceiling: the same framework on the same machine answering one small JSON document with no work behind it.
  const app = Fastify({ logger: false });
  app.get(BARE_PATH, async () => ({ hello: 'world' }));
  closers.push(() => app.close());
  return { url: await app.listen({ host: '127.0.0.1', port: 0 }) };
}

async function startSimulator(kind: 'zuora-rest' | 'zuora-oneid', users: number): Promise<ServerReady> {
  if (kind === 'zuora-rest') {
    const sim = createZuoraRestSimulator();
    closers.push(() => sim.close());
    const url = await sim.listen(0, '127.0.0.1');
    sim.seedUsers(users);
    return {
      url,
      upstream: { type: 'zuora-rest', baseUrlOverride: url, clientId: sim.clientId, clientSecret: sim.clientSecret, profiles: { default: 'Standard User' } },
    };
  }
  const sim = createZuoraOneIdSimulator();
  closers.push(() => sim.close());
  const url = await sim.listen(0, '127.0.0.1');
  sim.seedUsers(users);
  return {
    url,
    upstream: { type: 'zuora-oneid', baseUrl: url, clientId: sim.clientId, clientSecret: sim.clientSecret, organizationId: sim.orgId },
    token: sim.issueToken(),
  };
}

async function startDirectory(spec: DirectorySpec): Promise<ServerReady> {
  const { sim, directory } = seedSyncDirectory(spec.users, spec.groups, spec.groupsPerUser);
  closers.push(() => sim.close());
  const url = await sim.listen(0, '127.0.0.1');
  const source = { type: 'google-workspace', key: JSON.stringify(sim.serviceAccountKey()), subject: sim.adminEmail(), baseUrlOverride: url };
  return { url, source, directory };
}

function sqlitePath(store: 'memory' | 'file'): string {
  if (store === 'memory') return ':memory:';
  const dir = mkdtempSync(join(tmpdir(), 'scim-bridge-bench-'));
  closers.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'store.db');
}

async function startBridge(spec: BridgeSpec): Promise<ServerReady> {
  const store = typeof spec.store === 'string' ? { type: 'sqlite', path: sqlitePath(spec.store) } : { type: 'postgres', ...spec.store };
  const reconcile = spec.reconcile ?? true;
  const config = parseConfig(
    {
      server: { host: '127.0.0.1', port: 0 },
      store,
      ...(spec.redis ? { redis: spec.redis } : {}),
      rateLimit: { max: 1_000_000_000, timeWindowMs: 60_000 },
      logLevel: 'silent',
      tenants: [
        {
          id: TENANT,
          idpTokens: [{ label: spec.tokenLabel ?? 'bench', sha256: hashToken(spec.token) }],
          upstream: spec.upstream,
          userReads: spec.userReads,
          reconcile: { onStart: reconcile, intervalSeconds: 0 },
        },
      ],
    },
    {},
  );
  const bridge = await createBridge(config, { logger: false });
  closers.push(() => bridge.close());
  if (reconcile) await bridge.reconcileAll();
  const url = await bridge.app.listen({ host: '127.0.0.1', port: 0 });
  if (spec.samples === 0) return { url };
  const live = await bridge.store.users.listLive(TENANT);
  if (live.length === 0) throw new Error('the reconciler indexed no users');
  const count = spec.samples;
  const picked = Array.from({ length: Math.min(count, live.length) }, (_, i) => live[Math.floor((i * live.length) / count)]).flatMap((u) => (u ? [u] : []));
  return { url, sampled: { ids: picked.map((u) => u.id), upstreamIds: picked.map((u) => u.upstreamId), userNames: picked.map((u) => u.userName) } };
}

serveChild<ServerSpec[], ServerReady[]>(
  async (specs) => {
    const ready: ServerReady[] = [];
    for (const spec of specs)
      ready.push(
        await (spec.kind === 'bare'
          ? startBare()
          : spec.kind === 'bridge'
            ? startBridge(spec)
            : spec.kind === 'google-workspace'
              ? startDirectory(spec)
              : startSimulator(spec.kind, spec.users)),
      );
    return ready;
  },
  async () => {
    // Bridges before the temporary store folder they write into: reverse order of opening.
    for (const close of closers.reverse()) await close();
  },
);
