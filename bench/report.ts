import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isClean, type LoadResult } from './load.js';
import type { MachineFacts } from './machine.js';
import { LATER_ROUND_WARMUP_SECONDS, type BenchOptions } from './options.js';
import type { RoundsSummary } from './rounds.js';

/** Everything above this line of BENCHMARKS.md belongs to `npm run bench`; everything below is left as it is. */
export const OTHER_BENCHMARKS_MARKER = '<!-- other benchmarks below -->';

export interface MeasuredScenario {
  key: string;
  title: string;
  result: LoadResult;
  warmupClean: boolean;
  /** CPU use during the measured run, as a percentage of one core. */
  cpu: { server: number; upstream: number; loadGenerator: number };
  /** CPU time the server process spent per answered request, in µs: unlike req/s, barely moved by a busy machine. */
  serverMicrosPerRequest: number;
  /** The same for the upstream's process (the simulator). */
  upstreamMicrosPerRequest: number;
}

export const FILTER_TARGET_PERCENT = 50;

/** A number for the tables: grouped thousands, `digits` decimals, `n/a` when not finite. */
export const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a');

/** `ok`, or what went wrong in the run or its warm-up. */
export const resultStatus = (m: MeasuredScenario): string => {
  const r = m.result;
  if (isClean(r) && m.warmupClean) return 'ok';
  const parts = [
    r.errors > 0 ? `${r.errors} errors (${r.timeouts} timeouts)` : '',
    ...Object.entries(r.not200).map(([code, n]) => `${n}× ${code}`),
    r.requests === 0 ? 'no responses' : '',
    m.warmupClean ? '' : 'warm-up had errors',
  ];
  return `**FAILED**: ${parts.filter(Boolean).join(', ')}`;
};

/** The results as a Markdown table (readable on a terminal too), each lookup also as a share of the ceiling. */
export function resultsTable(measured: readonly RoundsSummary[]): string {
  const rows = measured.map((m) => {
    const r = m.result;
    const share = m.key === 'bare' ? '100%' : m.shareOfBarePercent === undefined ? 'n/a' : `${fmt(m.shareOfBarePercent)}%`;
    const cpu = `${fmt(m.cpu.server)} / ${fmt(m.cpu.upstream)} / ${fmt(m.cpu.loadGenerator)}`;
    return `| ${m.title} | ${fmt(r.requestsPerSecond)} | ${fmt(Math.min(...m.rounds))} – ${fmt(Math.max(...m.rounds))} | ${share} | ${fmt(r.p50Ms, 1)} | ${fmt(r.p99Ms, 1)} | ${fmt(r.non2xx)} | ${fmt(r.errors)} | ${fmt(m.serverMicrosPerRequest)} | ${cpu} | ${resultStatus(m)} |`;
  });
  return [
    '| scenario | req/s (median round) | req/s, slowest – fastest round | % of bare (median of rounds) | p50 ms | p99 ms | non-2xx | errors | server CPU µs/req | CPU % server / upstream / autocannon | result |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
}

export function filterVerdict(measured: readonly RoundsSummary[]): string {
  const find = (key: string) => measured.find((m) => m.key === key);
  const bare = find('bare');
  const filter = find('filter');
  const share = filter?.shareOfBarePercent;
  if (!bare || !filter || share === undefined) return 'Filter lookup against the bare route: not measured in this run.';
  const lines = [
    `Filter lookup: ${fmt(share)}% of the bare route's requests/s (median over ${filter.rounds.length} round${filter.rounds.length === 1 ? '' : 's'}, each against its own round's bare run; target ≥ ${FILTER_TARGET_PERCENT}%): ${share >= FILTER_TARGET_PERCENT ? 'met' : '**not met**'}. ` +
      `Per request it costs the server process ${fmt(filter.serverMicrosPerRequest / bare.serverMicrosPerRequest, 1)}× the CPU time of the bare route.`,
  ];
  const floor = find('floor');
  if (floor?.shareOfBarePercent !== undefined) {
    // The floor does the per-request work every SCIM answer owes (authentication, the rate limit, metrics) with no
    // lookup behind it: the distance from it is what the lookup itself costs.
    lines.push(
      `Against the SCIM floor row (the same per-request work with a static answer): ${fmt((100 * share) / floor.shareOfBarePercent)}% of its requests/s, ${fmt(filter.serverMicrosPerRequest / floor.serverMicrosPerRequest, 2)}× its CPU time per request.`,
    );
  }
  if (bare.cpu.server < 90) {
    lines.push(
      `The bare route kept the server process only ${fmt(bare.cpu.server)}% busy: the load generator and the rest of the machine, not the server, set its ceiling, so the requests/s share flatters the bridge; the CPU-per-request ratio does not.`,
    );
  }
  return lines.join('\n\n');
}

export interface ReportInput {
  options: BenchOptions;
  machine: MachineFacts;
  /** 1-minute load average before and after the measurements: other work on the machine shows here. */
  load: { before: number; after: number };
  date: Date;
  measured: readonly RoundsSummary[];
}

/** The generated part of BENCHMARKS.md. */
export function benchmarksSection(input: ReportInput): string {
  const { options: o, machine: m } = input;
  return `# Benchmarks

## SCIM read path against a bare Fastify route

Generated by \`npm run bench\` (bench/run.ts); re-running it replaces everything above the marker line.

- Command: \`${o.command}\`
- Date: ${input.date.toISOString()}
- Machine: Node ${m.node}, \`nproc\` ${m.nproc}, ${m.cpuModel}; 1-minute load average ${fmt(input.load.before, 2)} before, ${fmt(input.load.after, 2)} after
- Load: autocannon ${o.connections} connections, HTTP/1.1 keep-alive, no pipelining, everything on 127.0.0.1; ${o.rounds} round${o.rounds === 1 ? '' : 's'} of all scenarios in turn, ${o.roundDurationSeconds} s per scenario and round after a warm-up (${o.warmupSeconds} s in the first round, ${LATER_ROUND_WARMUP_SECONDS} s later). Each row is the scenario's median round; its share of the bare route is the median over rounds of its req/s against the bare run of the same round, seconds before (this shared machine's speed drifts by up to 2× within minutes)
- Processes: autocannon in the bench process; the bare route and both bridges in one server process; the Zuora REST simulator (${fmt(o.users)} seeded users, reconciled into each bridge's index) in a third. All share the ${m.nproc} cores.
- Bridge: compiled by tsc (tsconfig.bench.json) and run by node, as the Docker image runs it; SQLite store (${o.store === 'memory' ? 'in memory' : 'temporary file'}), logger off, rate limit lifted; bearer token on every request. Lookups rotate through ${o.samples} real userNames / ids.

${resultsTable(input.measured)}

${filterVerdict(input.measured)}

Options: \`--connections\`/\`-c\`, \`--round-duration\` (seconds per run of this table), \`--duration\`/\`-d\` (seconds per run of the sections below) and \`--warmup\`/\`-w\` (seconds), \`--rounds\`, \`--users\`, \`--oneid-users\`, \`--samples\`, \`--store memory|file\`, \`--only bare,floor,filter,byIdIndex,byIdUpstream,oneid,replicas\` (a subset: this table is written only when all of its rows ran, the OneID and replicas sections below the marker whenever \`oneid\` / \`replicas\` ran; \`replicas\` needs PostgreSQL and Redis, found through \`SCIM_BRIDGE_TEST_POSTGRES_URL\` and \`SCIM_BRIDGE_TEST_REDIS_URL\` as the tests find them), \`--cpu-prof <dir>\` (V8 profile of the server processes), \`--no-write\`; or the variables \`BENCH_CONNECTIONS\`, \`BENCH_ROUND_DURATION\`, \`BENCH_DURATION\`, \`BENCH_WARMUP\`, \`BENCH_ROUNDS\`, \`BENCH_USERS\`, \`BENCH_ONEID_USERS\`, \`BENCH_SAMPLES\`, \`BENCH_STORE\`, \`BENCH_ONLY\`, \`BENCH_CPU_PROF\`, \`BENCH_WRITE=0\`. Exit status 1 when any request got something other than a 200.

CPU columns: CPU time (user + system) used during the measured run. "server CPU µs/req" is the server process's CPU time per answered request, which a busy machine moves much less than req/s; the percentages are of one core, per process (the server process holds the bare route and the bridges, the upstream is the simulator, autocannon is the load generator).

`;
}

/**
 * Replace the generated part of BENCHMARKS.md, keeping the marker line and whatever follows it. A file without the
 * marker is kept whole below a new marker rather than lost.
 */
export function writeBenchmarksFile(path: string, section: string): void {
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const at = existing.indexOf(OTHER_BENCHMARKS_MARKER);
  const rest = at >= 0 ? existing.slice(at) : `${OTHER_BENCHMARKS_MARKER}\n${existing ? `\n${existing}` : ''}`;
  writeFileSync(path, section + rest);
}
