import { isClean } from './load.js';
import type { MachineFacts } from './machine.js';
import { writeMarkedSection } from './marked-section.js';
import { describeFailure } from './measure.js';
import { ONEID_SECTION_END } from './oneid-report.js';
import type { BenchOptions } from './options.js';
import { REPLICA_NAMES, type ReplicasComparison } from './replicas-comparison.js';
import type { ReplicaCase, ReplicaShare } from './replicas-load.js';
import { fmt } from './report.js';

/** The replicas section of BENCHMARKS.md lies between these; written the first time right after the OneID section. */
export const REPLICAS_SECTION = { start: '<!-- bench:replicas -->', end: '<!-- /bench:replicas -->', after: ONEID_SECTION_END };

const ms = (n: number) => fmt(n, 2);
const shareStatus = (s: ReplicaShare) => (isClean(s.result) ? 'ok' : `**FAILED**: ${describeFailure(s.result)}`);
export const caseClean = (c: ReplicaCase): boolean => c.warmupClean && c.shares.every((s) => isClean(s.result));
const caseStatus = (c: ReplicaCase) => (caseClean(c) ? 'ok' : c.warmupClean ? '**FAILED** (see the replicas below)' : '**FAILED**: warm-up had errors');

/** The machine's busy time that none of the listed processes used: other work, the bench's own parent, the kernel. */
const unlisted = (c: ReplicaCase) => c.cpu.machine - [...c.cpu.replicas, c.cpu.simulator, c.cpu.postgres, c.cpu.redis, c.cpu.loadGenerator].reduce((a, b) => a + b, 0);

function caseRows(c: ReplicaCase, oneReplica: number, cores: number): string[] {
  const cpu = [...c.cpu.replicas, c.cpu.simulator, c.cpu.postgres, c.cpu.redis, c.cpu.loadGenerator].map((n) => fmt(n)).join(' / ');
  const spread = c.shares.map((s) => `${s.connections} at ${s.name}`).join(' + ');
  const n = c.shares.length;
  const perRequest = `${fmt(c.microsPerRequest.replicas)} / ${fmt(c.microsPerRequest.postgres)}`;
  const machine = `${fmt(c.cpu.machine)}% of ${100 * cores}% (${fmt(unlisted(c))}% unlisted)`;
  const row = `| ${n} | ${spread} | ${fmt(c.requestsPerSecond)} | ${fmt(c.requestsPerSecond / oneReplica, 2)}× | ${ms(c.p50Ms)} | ${ms(c.p99Ms)} | ${perRequest} | ${cpu} | ${machine} | ${caseStatus(c)} |`;
  if (n === 1) return [row];
  // Each replica's own share: its latencies are its own, so an uneven split or a slower replica shows here.
  return [row, ...c.shares.map((s) => `| ${n} | ↳ replica ${s.name} alone (${s.connections}) | ${fmt(s.result.requestsPerSecond)} | | ${ms(s.p50Ms)} | ${ms(s.p99Ms)} | | | | ${shareStatus(s)} |`)];
}

/** The comparison as a Markdown table (readable on a terminal too). */
export function replicasTable(c: ReplicasComparison, cores: number): string {
  const oneReplica = c.cases[0]?.requestsPerSecond ?? Number.NaN;
  return [
    `| replicas | connections | req/s (mean, summed) | vs 1 replica | p50 ms | p99 ms | CPU µs/req: replicas / PostgreSQL | CPU % of one core: ${REPLICA_NAMES.join(' / ')} / simulator / PostgreSQL / Redis / autocannon | whole machine busy | result |`,
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...c.cases.flatMap((k) => caseRows(k, oneReplica, cores)),
  ].join('\n');
}

/** One sentence on the factor and what bounds it here. */
export function replicasVerdict(c: ReplicasComparison, cores: number): string {
  const [one, two] = c.cases;
  if (!one || !two) return 'Two replicas against one: not measured in this run.';
  const capacity = 100 * cores;
  const saturated = one.cpu.machine >= 0.9 * capacity ? ', already saturated' : '';
  // Outside work on the shared cores (another benchmark, a build) makes req/s incomparable between runs: say so.
  const outside = Math.max(unlisted(one), unlisted(two));
  const noisy = outside >= 0.1 * capacity ? ` Processes outside the bench took up to ${fmt(outside)}% of the machine during these runs, so their req/s and latencies are not comparable to a quiet run; CPU µs/req is.` : '';
  return (
    `**Two replicas against one: ${fmt(two.requestsPerSecond / one.requestsPerSecond, 2)}× the requests/s.** ` +
    `Autocannon, the simulator, PostgreSQL, Redis and the replicas all share the ${cores} cores (${fmt(one.cpu.machine)}% of ${capacity}% busy with one replica${saturated}; ${fmt(two.cpu.machine)}% with two), ` +
    `so a second replica can only take CPU time the rest leave over: this shows replicas side by side on one small host, not what a replica on cores of its own would add.${noisy}`
  );
}

export interface ReplicasReportInput {
  options: BenchOptions;
  machine: MachineFacts;
  load: { before: number; after: number };
  date: Date;
  /** What `describeSharedStores` says: server, version and address of PostgreSQL and of Redis. */
  servers: { postgres: string; redis: string };
  comparison: ReplicasComparison;
}

/** The replicas section of BENCHMARKS.md, its start and end comments included. */
export function replicasSection(input: ReplicasReportInput): string {
  const { options: o, machine: m, comparison: c } = input;
  return `${REPLICAS_SECTION.start}
## Two bridge replicas against one: GET /Users?filter=userName eq "…" on shared PostgreSQL and Redis

Generated by \`npm run bench\` (bench/replicas-comparison.ts; \`--only replicas\` runs and writes this section alone); a re-run replaces this section up to its closing comment and keeps the others.

- Command: \`${o.command}\`
- Date: ${input.date.toISOString()}
- Machine: Node ${m.node}, \`nproc\` ${m.nproc}, ${m.cpuModel}; 1-minute load average ${fmt(input.load.before, 2)} before, ${fmt(input.load.after, 2)} after these runs
- Processes: autocannon in the bench process; the Zuora REST simulator (${fmt(c.users)} seeded users) in a second; replicas A and B, each a bridge with one \`zuora-rest\` tenant pointed at that simulator, in a process each; ${input.servers.postgres} and ${input.servers.redis}, already running. All share the ${m.nproc} cores.
- Shared state, as an operator deploys replicas: store \`{ type: 'postgres' }\` on one fresh schema (dropped afterwards; each replica with the store's default pool size), \`redis\` with a per-run key prefix holding the rate-limit counters (limit lifted, but every request still counts in Redis, checked before load). The index was built by replica A's reconciler alone; B reads the same rows.
- Bridge: default \`userReads: 'upstream'\` (a filter is answered from the index either way, with no upstream call), logger off, bearer token on every request.
- Scenario: the IdP's hot read, \`GET /scim/v2/Users?filter=userName eq "…"\`, rotating through ${fmt(c.samples)} userNames of the index; every answer of both replicas was checked (200, exactly that user) before any load.
- Load: autocannon with ${o.connections} connections in total, ${o.durationSeconds} s per case after a ${o.warmupSeconds} s warm-up: all at A for one replica; split evenly over A and B, run side by side, for two. HTTP/1.1 keep-alive, no pipelining. req/s: the replicas' means added up. Latency: every response's own time (hrtime), nearest-rank percentiles over all responses of the case together; each replica's own below it.
- Warm-up: both replicas together once before the cases, then each case's own, so B starts no colder than A.
- CPU: each process's CPU time (user + system) during the measured run as % of one core (the idle replica B included in the one-replica case); PostgreSQL (all its processes) and Redis from /proc; "whole machine busy" from /proc/stat, its "unlisted" part used by none of the processes listed (other work on the machine, the kernel). CPU µs/req: the replicas' CPU time together, and PostgreSQL's, per answered request.

${replicasTable(c, m.nproc)}

${replicasVerdict(c, m.nproc)}
${REPLICAS_SECTION.end}`;
}

export const writeReplicasSection = (path: string, section: string): void => writeMarkedSection(path, REPLICAS_SECTION, section);
