import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashToken } from '../src/core/idp-credentials.js';
import { createZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { BIG_TENANT, RARE_TITLE, dropSchema, seedPostgres, seedSqlite, seededUserName } from './big-tenant-seed.js';
import { say } from './measure.js';
import { SHARED_POSTGRES_URL } from './shared-stores.js';

/** One row of the section: a request, how many times it was sent one after another, and what it answered. */
export interface BigRequestResult {
  label: string;
  samples: number;
  p50: number;
  p99: number;
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

export interface BigTenantResult {
  users: number;
  engines: BigEngineResult[];
}

/** Unmeasured requests before each row's (the JIT, the store's caches), and timed ones. */
export const BIG_WARMUP = 20;
const SAMPLES = 100;
/** The concurrent row: this many clients at once, like an IdP importing with parallel requests. */
export const BIG_CONCURRENCY = 10;
/** The unindexed filter walks every user; fewer samples keep the run short. */
const SCAN_SAMPLES = 20;
const READY_TIMEOUT_MS = 120_000;

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

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/** The CLI beside this module: compiled (`.js`) under `npm run bench`, the TypeScript source under tsx. */
const cliPath = () => fileURLToPath(new URL(`../src/cli${extname(new URL(import.meta.url).pathname)}`, import.meta.url));

/** `scim-bridge serve` in a process of its own, as an operator runs it; resolves with the time until /readyz said 200. */
async function startServe(configPath: string, port: number): Promise<{ child: ChildProcess; seconds: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [...process.execArgv, cliPath(), 'serve', '--config', configPath], { stdio: ['ignore', 'ignore', 'inherit'] });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode} before it was ready`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false);
    if (ok) return { child, seconds: (performance.now() - started) / 1000 };
    if (Date.now() > deadline) throw new Error('serve was not ready in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

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
  await client(Math.min(BIG_WARMUP, samples), 0);
  await Promise.all(Array.from({ length: clients }, () => client(0, Math.ceil(samples / clients))));
  times.sort((a, b) => a - b);
  return { label, samples, p50: percentile(times, 50), p99: percentile(times, 99), totalResults: last.totalResults, items: last.Resources.length };
}

async function measureEngine(engine: BigEngineResult['engine'], users: number, store: Record<string, unknown>, seedSeconds: number, upstream: Record<string, unknown>, dir: string): Promise<BigEngineResult> {
  const token = `big-tenant-${Date.now()}-token-0123456789`;
  const port = await freePort();
  const configPath = join(dir, `${engine}.json`);
  writeFileSync(configPath, JSON.stringify({
    server: { host: '127.0.0.1', port },
    store,
    rateLimit: { max: 1_000_000_000, timeWindowMs: 60_000 },
    logLevel: 'warn',
    tenants: [{ id: BIG_TENANT, idpTokens: [{ label: 'bench', sha256: hashToken(token) }], upstream, reconcile: { onStart: false, intervalSeconds: 0 } }],
  }));
  say(`big: ${engine}: starting serve on ${users} users`);
  const { child, seconds } = await startServe(configPath, port);
  try {
    // Idle: what the process holds once started, before any request (after a moment for the heap to settle).
    await new Promise((r) => setTimeout(r, 2000));
    const idleRssMb = rssMb(child.pid ?? 0);
    const base = `http://127.0.0.1:${port}/scim/v2/Users`;
    const requests: BigRequestResult[] = [];
    for (const n of [1, 1_000, 50_000, users - 99]) {
      requests.push(await timed(`${base}?startIndex=${n}&count=100`, token, SAMPLES, `GET /Users?startIndex=${n.toLocaleString('en-US')}&count=100`));
    }
    const middle = Math.floor(users / 2);
    requests.push(await timed(`${base}?startIndex=${middle}&count=100`, token, SAMPLES * 2, `GET /Users?startIndex=${middle.toLocaleString('en-US')}&count=100, ${BIG_CONCURRENCY} clients at once`, BIG_CONCURRENCY));
    requests.push(await timed(`${base}?count=0`, token, SAMPLES, 'GET /Users?count=0'));
    const name = seededUserName(Math.floor(users / 2));
    requests.push(await timed(`${base}?filter=${encodeURIComponent(`userName eq "${name}"`)}`, token, SAMPLES, 'GET /Users?filter=userName eq "…" (index)'));
    requests.push(await timed(`${base}?filter=${encodeURIComponent(`title eq "${RARE_TITLE}"`)}&startIndex=501&count=100`, token, SCAN_SAMPLES, `GET /Users?filter=title eq "${RARE_TITLE}"&startIndex=501&count=100 (no index: a scan)`));
    return { engine, seedSeconds, startupSeconds: seconds, idleRssMb, rssAfterMb: rssMb(child.pid ?? 0), requests };
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

/**
 * The 100,000-user tenant of issue 11: users seeded straight into the store (through the simulator and a reconcile it
 * would take far longer than the measurement), then `scim-bridge serve` started on it with the start-up reconcile off
 * (the simulator, needed by the start-up mapping check, holds none of them: a reconcile would forget them all).
 */
export async function runBigTenant(users: number): Promise<BigTenantResult> {
  const dir = mkdtempSync(join(tmpdir(), 'scim-bridge-big-'));
  const sim = createZuoraRestSimulator({});
  const simUrl = await sim.listen(0);
  const upstream = { type: 'zuora-rest', baseUrlOverride: simUrl, clientId: sim.clientId, clientSecret: sim.clientSecret, profiles: { default: 'Standard User' } };
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
    engines.push(await measureEngine('PostgreSQL', users, { type: 'postgres', connectionString: SHARED_POSTGRES_URL, schema }, (performance.now() - t0) / 1000, upstream, dir));
  } finally {
    await dropSchema(SHARED_POSTGRES_URL, schema).catch(() => undefined);
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { users, engines };
}
