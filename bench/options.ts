import { parseArgs } from 'node:util';

/** What one `npm run bench` measures and how; every field can be set by a flag or a `BENCH_*` variable. */
export interface BenchOptions {
  connections: number;
  /** Seconds per measured run of the OneID and replicas sections. */
  durationSeconds: number;
  /** Seconds per measured run of the read-path table, whose scenarios run in many short interleaved rounds. */
  roundDurationSeconds: number;
  /** Seconds of unmeasured load before each measured run (JIT, connection pools, the upstream token). */
  warmupSeconds: number;
  /** Rounds of the read-path table's scenarios, interleaved; each row reports its median round. */
  rounds: number;
  /** Users seeded into the Zuora REST simulator (read path, replicas, event-loop hold). */
  users: number;
  /** Users seeded straight into each store for the big-tenant section. */
  bigUsers: number;
  /** Users seeded into the Zuora OneID simulator for the added-latency comparison. */
  oneIdUsers: number;
  /** Users and groups of the Google Workspace directory the sync section provisions. */
  syncUsers: number;
  syncGroups: number;
  /** Distinct userNames / ids each lookup scenario rotates through. */
  samples: number;
  store: 'memory' | 'file';
  /** Write a V8 CPU profile of the processes serving the bridges into this folder. */
  cpuProfDir: string | undefined;
  /** `--only` keys: sections, or rows of the read-path table; all when undefined. */
  only: string[] | undefined;
  /** Update BENCHMARKS.md (off for trial runs). */
  write: boolean;
  /** How the run was invoked, for BENCHMARKS.md. */
  command: string;
}

/** Flag name, `BENCH_*` variable, default; all positive integers. */
const NUMBERS = {
  connections: ['connections', 'BENCH_CONNECTIONS', 50],
  durationSeconds: ['duration', 'BENCH_DURATION', 10],
  roundDurationSeconds: ['round-duration', 'BENCH_ROUND_DURATION', 3],
  warmupSeconds: ['warmup', 'BENCH_WARMUP', 3],
  rounds: ['rounds', 'BENCH_ROUNDS', 10],
  users: ['users', 'BENCH_USERS', 10_000],
  bigUsers: ['big-users', 'BENCH_BIG_USERS', 100_000],
  oneIdUsers: ['oneid-users', 'BENCH_ONEID_USERS', 1_000],
  syncUsers: ['sync-users', 'BENCH_SYNC_USERS', 50_000],
  syncGroups: ['sync-groups', 'BENCH_SYNC_GROUPS', 500],
  samples: ['samples', 'BENCH_SAMPLES', 200],
} as const;
const OTHER_ENV = ['BENCH_STORE', 'BENCH_CPU_PROF', 'BENCH_ONLY', 'BENCH_WRITE'] as const;
const SHORT: Record<string, string> = { connections: 'c', duration: 'd', warmup: 'w' };

function positiveInt(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} must be a positive integer, got "${raw}"`);
  return n;
}

/** Flags win over environment variables, which win over the defaults. `keys` are the valid `--only` keys. */
export function parseBenchOptions(argv: readonly string[], env: Record<string, string | undefined>, keys: readonly string[]): BenchOptions {
  const numberFlags = Object.fromEntries(
    Object.values(NUMBERS).map(([flag]) => [flag, { type: 'string' as const, ...(SHORT[flag] ? { short: SHORT[flag] } : {}) }]),
  );
  const { values } = parseArgs({
    args: [...argv],
    options: { ...numberFlags, store: { type: 'string' }, 'cpu-prof': { type: 'string' }, only: { type: 'string' }, 'no-write': { type: 'boolean' } },
    strict: true,
  });
  const text = (flag: string) => (values as Record<string, string | boolean | undefined>)[flag] as string | undefined;
  const store = text('store') ?? env.BENCH_STORE ?? 'memory';
  if (store !== 'memory' && store !== 'file') throw new Error(`--store must be "memory" or "file", got "${store}"`);
  const onlyRaw = text('only') ?? env.BENCH_ONLY;
  const only = onlyRaw
    ? onlyRaw
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean)
    : undefined;
  const unknown = only?.filter((k) => !keys.includes(k)) ?? [];
  if (unknown.length > 0) throw new Error(`--only: unknown ${unknown.join(', ')} (keys: ${keys.join(', ')})`);
  const numbers = Object.fromEntries(
    Object.entries(NUMBERS).map(([field, [flag, variable, fallback]]) => [field, positiveInt(flag, text(flag) ?? env[variable], fallback)]),
  ) as Record<keyof typeof NUMBERS, number>;
  const envPrefix = [...Object.values(NUMBERS).map(([, variable]) => variable), ...OTHER_ENV]
    .filter((k) => env[k] !== undefined)
    .map((k) => `${k}=${env[k]} `)
    .join('');
  return {
    ...numbers,
    store,
    cpuProfDir: text('cpu-prof') ?? (env.BENCH_CPU_PROF || undefined),
    only,
    write: !(values['no-write'] ?? env.BENCH_WRITE === '0'),
    command: `${envPrefix}npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
  };
}
