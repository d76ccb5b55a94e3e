import { parseArgs } from 'node:util';

/** What one `npm run bench` measures and how; every field can be set by a flag or a `BENCH_*` variable. */
export interface BenchOptions {
  connections: number;
  /** Seconds per measured run of the OneID and replicas sections. */
  durationSeconds: number;
  /** Seconds per measured run of the top table, whose scenarios run in many short interleaved rounds. */
  roundDurationSeconds: number;
  /**
   * Seconds of unmeasured load before each measured run (JIT, connection pools, the upstream token); in the top
   * table before a scenario's first round only, later rounds settling for {@link LATER_ROUND_WARMUP_SECONDS}.
   */
  warmupSeconds: number;
  /** Rounds of the top table's scenarios, interleaved; each row reports its median round (bench/rounds.ts). */
  rounds: number;
  /** Users seeded into the Zuora REST simulator and reconciled into each bridge's index (the replicas' shared one too). */
  users: number;
  /** Users seeded straight into each store for the big-tenant section. */
  bigUsers: number;
  /** Users seeded into the Zuora OneID simulator for the added-latency comparison. */
  oneIdUsers: number;
  /** Distinct userNames / ids each lookup scenario rotates through. */
  samples: number;
  store: 'memory' | 'file';
  /** Write a V8 CPU profile of the process serving the bare route and the bridges into this folder. */
  cpuProfDir: string | undefined;
  /** Scenario keys to run (see {@link SCENARIO_KEYS}); all when undefined. */
  only: string[] | undefined;
  /**
   * Update BENCHMARKS.md (off for trial runs): each section only when everything in it was measured, so the top
   * table only without `--only` (or with all its keys), the OneID and replicas sections whenever `oneid` / `replicas` ran.
   */
  write: boolean;
  /** How the run was invoked, for BENCHMARKS.md. */
  command: string;
}

/**
 * `--only` keys: the top table's scenarios, then the OneID comparison (both of its scenarios at both concurrencies),
 * then two replicas against one (both cases; needs PostgreSQL and Redis).
 */
export const REST_SCENARIO_KEYS = ['bare', 'floor', 'filter', 'byIdIndex', 'byIdUpstream'] as const;
export const ONEID_KEY = 'oneid';
export const REPLICAS_KEY = 'replicas';
/** A 100,000-user tenant on SQLite and PostgreSQL (needs PostgreSQL): start-up, idle memory, paged lists. */
export const BIG_KEY = 'big';
export const SCENARIO_KEYS: readonly string[] = [...REST_SCENARIO_KEYS, ONEID_KEY, REPLICAS_KEY, BIG_KEY];

/** Warm-up of the top table's later rounds: the JIT is warm by then, only the connections are new. */
export const LATER_ROUND_WARMUP_SECONDS = 1;

const ENV_KEYS = ['BENCH_CONNECTIONS', 'BENCH_DURATION', 'BENCH_ROUND_DURATION', 'BENCH_WARMUP', 'BENCH_ROUNDS', 'BENCH_USERS', 'BENCH_BIG_USERS', 'BENCH_ONEID_USERS', 'BENCH_SAMPLES', 'BENCH_STORE', 'BENCH_CPU_PROF', 'BENCH_ONLY', 'BENCH_WRITE'] as const;

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

/**
 * Flags win over environment variables, which win over the defaults: 50 connections, a 3 s warm-up; the top table
 * in 10 rounds of 3 s per scenario, the other sections 10 s per run.
 */
export function parseBenchOptions(argv: readonly string[], env: Record<string, string | undefined>): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      connections: { type: 'string', short: 'c' },
      duration: { type: 'string', short: 'd' },
      'round-duration': { type: 'string' },
      warmup: { type: 'string', short: 'w' },
      rounds: { type: 'string' },
      users: { type: 'string' },
      'oneid-users': { type: 'string' },
      'big-users': { type: 'string' },
      samples: { type: 'string' },
      store: { type: 'string' },
      'cpu-prof': { type: 'string' },
      only: { type: 'string' },
      'no-write': { type: 'boolean' },
    },
    strict: true,
  });
  const store = values.store ?? env.BENCH_STORE ?? 'memory';
  if (store !== 'memory' && store !== 'file') throw new Error(`--store must be "memory" or "file", got "${store}"`);
  const onlyRaw = values.only ?? env.BENCH_ONLY;
  const only = onlyRaw ? onlyRaw.split(',').map((k) => k.trim()).filter(Boolean) : undefined;
  const unknown = only?.filter((k) => !SCENARIO_KEYS.includes(k)) ?? [];
  if (unknown.length > 0) throw new Error(`--only: unknown ${unknown.join(', ')} (keys: ${SCENARIO_KEYS.join(', ')})`);
  const options: Omit<BenchOptions, 'command'> = {
    connections: positiveInt('--connections', values.connections ?? env.BENCH_CONNECTIONS, 50),
    durationSeconds: positiveInt('--duration', values.duration ?? env.BENCH_DURATION, 10),
    roundDurationSeconds: positiveInt('--round-duration', values['round-duration'] ?? env.BENCH_ROUND_DURATION, 3),
    warmupSeconds: positiveInt('--warmup', values.warmup ?? env.BENCH_WARMUP, 3),
    rounds: positiveInt('--rounds', values.rounds ?? env.BENCH_ROUNDS, 10),
    users: positiveInt('--users', values.users ?? env.BENCH_USERS, 10_000),
    bigUsers: positiveInt('--big-users', values['big-users'] ?? env.BENCH_BIG_USERS, 100_000),
    oneIdUsers: positiveInt('--oneid-users', values['oneid-users'] ?? env.BENCH_ONEID_USERS, 1_000),
    samples: positiveInt('--samples', values.samples ?? env.BENCH_SAMPLES, 200),
    store,
    cpuProfDir: values['cpu-prof'] ?? (env.BENCH_CPU_PROF || undefined),
    only,
    write: !(values['no-write'] ?? env.BENCH_WRITE === '0'),
  };
  const envPrefix = ENV_KEYS.filter((k) => env[k] !== undefined).map((k) => `${k}=${env[k]} `).join('');
  const command = `${envPrefix}npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`;
  return { ...options, command };
}
