import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { percentiles, say } from '../measure.js';
import { spawnServe, stopServe } from '../processes.js';
import { fmt, type BenchSection, type SectionContext, type SectionResult } from '../section.js';
import { dropSchema, SHARED_POSTGRES_URL } from '../shared-stores.js';
import { BIG_TENANT, RARE_TITLE, seedPostgres, seedSqlite, seededUserName } from './big-seed.js';

/** One row: a request, how many times it was sent one after another, and what it answered. */
interface BigRequestResult {
  label: string;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  /** `totalResults` / items of the last answer, to show it answered what was asked. */
  totalResults: number;
  items: number;
}

export interface BigEngineResult {
  engine: 'SQLite' | 'PostgreSQL';
  seedSeconds: number;
  startupSeconds: number;
  idleRssMb: number;
  rssAfterMb: number;
  requests: BigRequestResult[];
}

/** Unmeasured requests before each row's (the JIT, the store's caches), and timed ones. */
const WARMUP = 20;
const SAMPLES = 100;
/** The concurrent row: this many clients at once, like an IdP importing with parallel requests. */
const CONCURRENCY = 10;
/** The unindexed filter walks every user; fewer samples keep the run short. */
const SCAN_SAMPLES = 20;
/** Issue 11's targets for a 100,000-user tenant. */
export const BIG_TARGETS = { pageP99Ms: 50, startupSeconds: 10, idleRssMb: 200 };

const freePort = async (): Promise<number> => {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
};

const rssMb = (pid: number): number => {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Number(line[1]) / 1024 : Number.NaN;
};

/** `samples` requests, `clients` at a time each one after another, after up to {@link WARMUP} unmeasured ones; each timed from send to last byte. */
async function timed(url: string, token: string, samples: number, label: string, clients = 1): Promise<BigRequestResult> {
  const times: number[] = [];
  let last: { totalResults: number; Resources: unknown[] } = { totalResults: -1, Resources: [] };
  const client = async (warmup: number, n: number) => {
    for (let i = 0; i < warmup + n; i++) {
      const t0 = performance.now();
      const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
      const text = await response.text();
      const ms = performance.now() - t0;
      if (response.status !== 200) throw new Error(`${label}: ${response.status} ${text.slice(0, 200)}`);
      if (i >= warmup) times.push(ms);
      last = JSON.parse(text) as typeof last;
    }
  };
  await client(Math.min(WARMUP, samples), 0);
  await Promise.all(Array.from({ length: clients }, () => client(0, Math.ceil(samples / clients))));
  return { label, samples, ...percentiles(times), totalResults: last.totalResults, items: last.Resources.length };
}

async function measureEngine(
  engine: BigEngineResult['engine'],
  users: number,
  store: Record<string, unknown>,
  seedSeconds: number,
  upstream: Record<string, unknown>,
  dir: string,
): Promise<BigEngineResult> {
  const token = `big-tenant-${Date.now()}-token-0123456789`;
  const port = await freePort();
  const configPath = join(dir, `${engine}.json`);
  writeFileSync(
    configPath,
    JSON.stringify({
      server: { host: '127.0.0.1', port },
      store,
      rateLimit: { max: 1_000_000_000, timeWindowMs: 60_000 },
      logLevel: 'warn',
      tenants: [{ id: BIG_TENANT, idpTokens: [{ label: 'bench', sha256: hashToken(token) }], upstream, reconcile: { onStart: false, intervalSeconds: 0 } }],
    }),
  );
  say(`big: ${engine}: starting serve on ${users} users`);
  const { child, seconds } = await spawnServe(configPath, `http://127.0.0.1:${port}/readyz`);
  try {
    // Idle: what the process holds once started, before any request (after a moment for the heap to settle).
    await new Promise((r) => setTimeout(r, 2000));
    const idleRssMb = rssMb(child.pid ?? 0);
    const base = `http://127.0.0.1:${port}/scim/v2/Users`;
    const requests: BigRequestResult[] = [];
    for (const n of [1, 1_000, 50_000, users - 99])
      requests.push(await timed(`${base}?startIndex=${n}&count=100`, token, SAMPLES, `GET /Users?startIndex=${fmt(n)}&count=100`));
    const middle = Math.floor(users / 2);
    requests.push(
      await timed(
        `${base}?startIndex=${middle}&count=100`,
        token,
        SAMPLES * 2,
        `GET /Users?startIndex=${fmt(middle)}&count=100, ${CONCURRENCY} clients at once`,
        CONCURRENCY,
      ),
    );
    requests.push(await timed(`${base}?count=0`, token, SAMPLES, 'GET /Users?count=0'));
    const name = seededUserName(Math.floor(users / 2));
    requests.push(await timed(`${base}?filter=${encodeURIComponent(`userName eq "${name}"`)}`, token, SAMPLES, 'GET /Users?filter=userName eq "…" (index)'));
    requests.push(
      await timed(
        `${base}?filter=${encodeURIComponent(`title eq "${RARE_TITLE}"`)}&startIndex=501&count=100`,
        token,
        SCAN_SAMPLES,
        `GET /Users?filter=title eq "${RARE_TITLE}"&startIndex=501&count=100 (no index: a scan)`,
      ),
    );
    return { engine, seedSeconds, startupSeconds: seconds, idleRssMb, rssAfterMb: rssMb(child.pid ?? 0), requests };
  } finally {
    await stopServe(child);
  }
}

export function bigTenantTable(engines: readonly BigEngineResult[]): string {
  const lines = [
    `| | ${engines.map((e) => `${e.engine} p50 (ms) | ${e.engine} p99 (ms)`).join(' | ')} | answered (totalResults / items) |`,
    `|---|${engines.map(() => '---:|---:').join('|')}|---|`,
  ];
  for (const [i, first] of (engines[0]?.requests ?? []).entries()) {
    const cells = engines.map((e) => `${fmt(e.requests[i]?.p50Ms ?? Number.NaN, 1)} | ${fmt(e.requests[i]?.p99Ms ?? Number.NaN, 1)}`).join(' | ');
    lines.push(`| \`${first.label}\` (${first.samples} timed) | ${cells} | ${fmt(first.totalResults)} / ${first.items} |`);
  }
  const row = (label: string, value: (e: BigEngineResult) => string) => lines.push(`| ${label} | ${engines.map((e) => `${value(e)} | `).join(' | ')} |`);
  row('start-up: `serve` spawned → `/readyz` 200 (s)', (e) => fmt(e.startupSeconds, 2));
  row('idle RSS after start-up (MB)', (e) => fmt(e.idleRssMb));
  row('RSS after all the requests above (MB)', (e) => fmt(e.rssAfterMb));
  return lines.join('\n');
}

const met = (ok: boolean) => (ok ? 'met' : '**not met**');

export function bigTenantVerdict(engines: readonly BigEngineResult[]): string {
  return engines
    .map((e) => {
      const pages = e.requests.filter((q) => q.label.startsWith('GET /Users?startIndex=') && !q.label.includes('at once'));
      const worstPage = Math.max(...pages.map((q) => q.p99Ms));
      return (
        `${e.engine}: paged list p99 ≤ ${BIG_TARGETS.pageP99Ms} ms at every startIndex ${met(worstPage <= BIG_TARGETS.pageP99Ms)} (worst ${fmt(worstPage, 1)} ms); ` +
        `start-up ≤ ${BIG_TARGETS.startupSeconds} s ${met(e.startupSeconds <= BIG_TARGETS.startupSeconds)} (${fmt(e.startupSeconds, 2)} s); ` +
        `idle RSS ≤ ${BIG_TARGETS.idleRssMb} MB ${met(e.idleRssMb <= BIG_TARGETS.idleRssMb)} (${fmt(e.idleRssMb)} MB).`
      );
    })
    .join('\n');
}

/**
 * The 100,000-user tenant of issue 11: users seeded straight into the store (through the simulator and a reconcile it
 * would take far longer than the measurement), then `scim-bridge serve` started on it with the start-up reconcile off
 * (the simulator, needed by the start-up mapping check, holds none of them: a reconcile would forget them all).
 */
async function run({ options: o, servers }: SectionContext): Promise<SectionResult> {
  const users = o.bigUsers;
  const dir = mkdtempSync(join(tmpdir(), 'scim-bridge-big-'));
  const sim = createZuoraRestSimulator({});
  const simUrl = await sim.listen(0);
  const upstream = {
    type: 'zuora-rest',
    baseUrlOverride: simUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    profiles: { default: 'Standard User' },
  };
  const schema = `bench_big_${process.pid}_${Date.now().toString(36)}`;
  const engines: BigEngineResult[] = [];
  try {
    let t0 = performance.now();
    const path = join(dir, 'big.db');
    say(`big: seeding ${users} users into SQLite`);
    await seedSqlite(path, users);
    engines.push(await measureEngine('SQLite', users, { type: 'sqlite', path }, (performance.now() - t0) / 1000, upstream, dir));
    t0 = performance.now();
    say(`big: seeding ${users} users into PostgreSQL`);
    await seedPostgres(SHARED_POSTGRES_URL, schema, users);
    engines.push(
      await measureEngine(
        'PostgreSQL',
        users,
        { type: 'postgres', connectionString: SHARED_POSTGRES_URL, schema },
        (performance.now() - t0) / 1000,
        upstream,
        dir,
      ),
    );
  } finally {
    await dropSchema(schema).catch(() => undefined);
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    facts: [
      `Seeding: ${fmt(users)} users written straight into the store, not through an upstream (the simulator and a reconcile would take far longer than the measurement): into a SQLite file through the store's own \`putMany\` (${engines.map((e) => `${e.engine} ${fmt(e.seedSeconds, 1)} s`).join(', ')}), into a fresh schema of ${servers?.postgres ?? 'PostgreSQL'} by multi-row INSERTs after the store's migrations, then \`VACUUM ANALYZE users\` (what autovacuum leaves of a table that stopped growing). Each user is an ordinary record (name, emails, title; every 100th titled "${RARE_TITLE}"), \`created\` one second apart.`,
      'Bridge: `scim-bridge serve --config …` in a process of its own (compiled, as `npm run bench` runs), one `zuora-rest` tenant pointed at an empty Zuora REST simulator (for the start-up mapping check), `reconcile.onStart: false` (a reconcile against that simulator would forget every seeded user), rate limit lifted, `logLevel: warn`, default list limits (100 per page by default, 1,000 at most).',
      'Start-up: from spawning the process to the first 200 from `/readyz` (polled every 10 ms). Idle RSS: `VmRSS` of the process 2 s after that, before any request.',
      `Requests: one at a time, as an IdP's paged import sends them (one row: ${CONCURRENCY} clients at once, each one at a time), after up to ${WARMUP} unmeasured ones; each timed from send to last byte, nearest-rank p50/p99. The unindexed filter is a scan of the whole tenant (pages of 500, a turn of the event loop between them): sent fewer times.`,
    ],
    table: bigTenantTable(engines),
    verdict: bigTenantVerdict(engines),
    clean: true,
    complete: true,
  };
}

export const bigTenant: BenchSection = {
  key: 'big',
  marker: 'big-tenant',
  title: (o) => `A ${fmt(o.bigUsers)}-user tenant: start-up, memory and paged lists (issue 11)`,
  needsSharedServers: true,
  run,
};
