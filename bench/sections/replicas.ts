import { isClean, describeFailure, measureRun, say, verifyScenario, warmUp, wrongAnswers, type LoadResult, type LoadTarget } from '../measure.js';
import { fmt, type BenchSection, type SectionContext, type SectionResult } from '../section.js';
import { startServers, TENANT, type RunningChild } from '../processes.js';
import type { ServerReady } from '../server-process.js';
import { freshSharedStoreNames, rateLimitCount, removeSharedState, SHARED_POSTGRES_URL, SHARED_REDIS_URL } from '../shared-stores.js';
import { filterScenario } from './read.js';

export const REPLICA_NAMES = ['A', 'B'] as const;

/** What one replica answered within a case, latencies over its own responses (hrtime, nearest rank). */
interface ReplicaShare {
  name: string;
  connections: number;
  result: LoadResult;
}

/** One row of the report: the same total connections spread over `shares.length` replicas at once. */
export interface ReplicaCase {
  shares: ReplicaShare[];
  /** The replicas' req/s added up: they ran side by side for the same seconds. */
  requestsPerSecond: number;
  /** Percentiles over every response of every replica together (pooled, not averaged). */
  p50Ms: number;
  p99Ms: number;
  warmupClean: boolean;
  /** % of one core during the measured run: each replica (idle ones too), the simulator, PostgreSQL, Redis, autocannon, and the machine (2 cores = 200%). */
  cpu: { replicas: number[]; simulator: number; postgres: number; redis: number; loadGenerator: number; machine: number };
  /** CPU time per answered request, in µs, of all replicas together and of PostgreSQL: barely moved by a busy machine, unlike req/s. */
  microsPerRequest: { replicas: number; postgres: number };
}

/** `total` connections over `n` replicas as evenly as whole connections allow (the first ones get the remainder). */
export const splitConnections = (total: number, n: number): number[] => Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));

const ms = (n: number) => fmt(n, 2);
const caseClean = (c: ReplicaCase): boolean => c.warmupClean && c.shares.every((s) => isClean(s.result));
const caseStatus = (c: ReplicaCase) => (caseClean(c) ? 'ok' : c.warmupClean ? '**FAILED** (see the replicas below)' : '**FAILED**: warm-up had errors');
/** The machine's busy time that none of the listed processes used: other work, the bench's own parent, the kernel. */
const unlisted = (c: ReplicaCase) =>
  c.cpu.machine - [...c.cpu.replicas, c.cpu.simulator, c.cpu.postgres, c.cpu.redis, c.cpu.loadGenerator].reduce((a, b) => a + b, 0);

function caseRows(c: ReplicaCase, oneReplica: number, cores: number): string[] {
  const cpu = [...c.cpu.replicas, c.cpu.simulator, c.cpu.postgres, c.cpu.redis, c.cpu.loadGenerator].map((n) => fmt(n)).join(' / ');
  const n = c.shares.length;
  const machine = `${fmt(c.cpu.machine)}% of ${100 * cores}% (${fmt(unlisted(c))}% unlisted)`;
  const row = `| ${n} | ${c.shares.map((s) => `${s.connections} at ${s.name}`).join(' + ')} | ${fmt(c.requestsPerSecond)} | ${fmt(c.requestsPerSecond / oneReplica, 2)}× | ${ms(c.p50Ms)} | ${ms(c.p99Ms)} | ${fmt(c.microsPerRequest.replicas)} / ${fmt(c.microsPerRequest.postgres)} | ${cpu} | ${machine} | ${caseStatus(c)} |`;
  if (n === 1) return [row];
  // Each replica's own share: its latencies are its own, so an uneven split or a slower replica shows here.
  const status = (s: ReplicaShare) => (isClean(s.result) ? 'ok' : `**FAILED**: ${describeFailure(s.result)}`);
  return [
    row,
    ...c.shares.map(
      (s) =>
        `| ${n} | ↳ replica ${s.name} alone (${s.connections}) | ${fmt(s.result.requestsPerSecond)} | | ${ms(s.result.p50Ms)} | ${ms(s.result.p99Ms)} | | | | ${status(s)} |`,
    ),
  ];
}

export function replicasTable(cases: readonly ReplicaCase[], cores: number): string {
  const oneReplica = cases[0]?.requestsPerSecond ?? Number.NaN;
  return [
    `| replicas | connections | req/s (mean, summed) | vs 1 replica | p50 ms | p99 ms | CPU µs/req: replicas / PostgreSQL | CPU % of one core: ${REPLICA_NAMES.join(' / ')} / simulator / PostgreSQL / Redis / autocannon | whole machine busy | result |`,
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...cases.flatMap((k) => caseRows(k, oneReplica, cores)),
  ].join('\n');
}

/** One sentence on the factor and what bounds it here. */
export function replicasVerdict(cases: readonly ReplicaCase[], cores: number): string {
  const [one, two] = cases;
  if (!one || !two) return 'Two replicas against one: not measured in this run.';
  const capacity = 100 * cores;
  const saturated = one.cpu.machine >= 0.9 * capacity ? ', already saturated' : '';
  // Outside work on the shared cores (another benchmark, a build) makes req/s incomparable between runs: say so.
  const outside = Math.max(unlisted(one), unlisted(two));
  const noisy =
    outside >= 0.1 * capacity
      ? ` Processes outside the bench took up to ${fmt(outside)}% of the machine during these runs, so their req/s and latencies are not comparable to a quiet run; CPU µs/req is.`
      : '';
  return (
    `**Two replicas against one: ${fmt(two.requestsPerSecond / one.requestsPerSecond, 2)}× the requests/s.** ` +
    `Autocannon, the simulator, PostgreSQL, Redis and the replicas all share the ${cores} cores (${fmt(one.cpu.machine)}% of ${capacity}% busy with one replica${saturated}; ${fmt(two.cpu.machine)}% with two), ` +
    `so a second replica can only take CPU time the rest leave over: this shows replicas side by side on one small host, not what a replica on cores of its own would add.${noisy}`
  );
}

/** `active` replicas loaded at once, the connections split evenly; every replica process counted, an idle one as idle. */
async function measureCase(
  active: readonly { name: string; target: LoadTarget }[],
  children: RunningChild<unknown>[],
  replicaCount: number,
  ctx: SectionContext,
): Promise<ReplicaCase> {
  const { options: o, signal } = ctx;
  const split = splitConnections(o.connections, active.length);
  const targets = active.map((a, i) => ({ ...a.target, connections: split[i] ?? 0 }));
  const label = `${active.length} replica${active.length === 1 ? '' : 's'} (${split.join(' + ')} connections)`;
  const m = await measureRun(
    targets,
    { label, durationSeconds: o.durationSeconds, warmupSeconds: o.warmupSeconds, exactLatencies: true, sharedCpu: true },
    children,
    signal,
  );
  const requests = m.results.reduce((sum, r) => sum + r.requests, 0);
  const shared = m.shared ?? { postgres: Number.NaN, redis: Number.NaN, machine: Number.NaN };
  return {
    shares: active.map((a, i) => ({ name: a.name, connections: split[i] ?? 0, result: m.results[i] as LoadResult })),
    requestsPerSecond: m.results.reduce((sum, r) => sum + r.requestsPerSecond, 0),
    ...m.pooled,
    warmupClean: m.warmupClean,
    cpu: { replicas: m.childCpu.slice(0, replicaCount), simulator: m.childCpu[replicaCount] ?? Number.NaN, ...shared, loadGenerator: m.loadGeneratorCpu },
    microsPerRequest: {
      replicas: m.childMicros.slice(0, replicaCount).reduce((a, b) => a + b, 0) / requests,
      postgres: (shared.postgres * m.wallMicros) / 100 / requests,
    },
  };
}

/**
 * Two bridge replicas against one, as an operator deploys them: each its own process, one shared PostgreSQL schema
 * (fresh, dropped afterwards) and one Redis for the rate-limit counters, the index built by replica A alone. Every
 * filter answer of both replicas is checked first, and that both counted their requests in Redis.
 */
async function run(ctx: SectionContext): Promise<SectionResult | undefined> {
  const { options: o, token, execArgv, signal, machine, servers } = ctx;
  if (o.connections < REPLICA_NAMES.length) {
    say(`The replicas section needs at least ${REPLICA_NAMES.length} connections to split, got ${o.connections}.`);
    return undefined;
  }
  const names = freshSharedStoreNames();
  const samples = Math.min(o.samples, o.users);
  let upstream: RunningChild<ServerReady[]> | undefined;
  const replicas: RunningChild<ServerReady[]>[] = [];
  try {
    say(`Starting the Zuora REST simulator with ${o.users} users…`);
    upstream = await startServers([{ kind: 'zuora-rest', users: o.users }]);
    const sim = upstream.ready[0]?.upstream ?? {};
    // One after the other: A migrates the fresh schema and fills the index; B then finds both done.
    for (const [i, name] of REPLICA_NAMES.entries()) {
      say(
        i === 0
          ? `Starting replica ${name} on PostgreSQL schema ${names.schema}; reconciling the shared index…`
          : `Starting replica ${name} on the same schema and Redis…`,
      );
      const replica = {
        kind: 'bridge' as const,
        upstream: sim,
        token,
        tokenLabel: names.tokenLabel,
        // The default: the measured filter is answered from the index either way; GET by id is not measured here.
        userReads: 'upstream' as const,
        store: { connectionString: SHARED_POSTGRES_URL, schema: names.schema },
        redis: { url: SHARED_REDIS_URL, keyPrefix: names.keyPrefix },
        reconcile: i === 0,
        samples: i === 0 ? samples : 0,
      };
      replicas.push(await startServers([replica], execArgv));
    }
    const sampled = replicas[0]?.ready[0]?.sampled;
    if (!sampled) throw new Error('replica A sent no sample of the index it built');
    const targets = replicas.map((r, i) => ({
      name: REPLICA_NAMES[i] ?? String(i),
      target: { scenario: filterScenario(r.ready[0]?.url ?? '', sampled.userNames, token), connections: 0 },
    }));
    const problems: string[] = [];
    for (const t of targets) problems.push(...(await verifyScenario(t.target.scenario)).map((p) => `replica ${t.name}: ${p}`));
    // With Redis unreachable the rate limit is skipped silently (skipOnError): make sure the counter really is shared.
    const counted = await rateLimitCount(names, TENANT);
    const sent = targets.length * sampled.userNames.length;
    if (counted < sent) problems.push(`Redis counted ${counted} of the ${sent} requests both replicas answered: the rate limit is not shared`);
    if (wrongAnswers('in the replicas section', problems)) return undefined;
    // B has served only the checks so far; warmed only in its own case it would start colder than A, which case 1 warms.
    const split = splitConnections(o.connections, targets.length);
    const primed = await warmUp(
      targets.map((t, i) => ({ ...t.target, connections: split[i] ?? 0 })),
      o.warmupSeconds,
      'every replica before the cases',
      signal,
    );
    const cases: ReplicaCase[] = [];
    for (const active of [targets.slice(0, 1), targets]) {
      if (signal.aborted) break;
      const measured = await measureCase(active, [...replicas, upstream], replicas.length, ctx);
      cases.push({ ...measured, warmupClean: measured.warmupClean && primed });
    }
    return {
      facts: [
        `Processes: autocannon in the bench process; the Zuora REST simulator (${fmt(o.users)} seeded users) in a second; replicas A and B, each a bridge with one \`zuora-rest\` tenant pointed at that simulator, in a process each; ${servers?.postgres ?? 'PostgreSQL'} and ${servers?.redis ?? 'Redis'}, already running. All share the ${machine.nproc} cores.`,
        "Shared state, as an operator deploys replicas: store `{ type: 'postgres' }` on one fresh schema (dropped afterwards; each replica with the store's default pool size), `redis` with a per-run key prefix holding the rate-limit counters (limit lifted, but every request still counts in Redis, checked before load). The index was built by replica A's reconciler alone; B reads the same rows.",
        "Bridge: default `userReads: 'upstream'` (a filter is answered from the index either way, with no upstream call), logger off, bearer token on every request.",
        `Scenario: the IdP's hot read, \`GET /scim/v2/Users?filter=userName eq "…"\`, rotating through ${fmt(sampled.userNames.length)} userNames of the index; every answer of both replicas was checked (200, exactly that user) before any load.`,
        `Load: autocannon with ${o.connections} connections in total, ${o.durationSeconds} s per case after a ${o.warmupSeconds} s warm-up: all at A for one replica; split evenly over A and B, run side by side, for two. HTTP/1.1 keep-alive, no pipelining. req/s: the replicas' means added up. Latency: every response's own time (hrtime), nearest-rank percentiles over all responses of the case together; each replica's own below it.`,
        "Warm-up: both replicas together once before the cases, then each case's own, so B starts no colder than A.",
        'CPU: each process\'s CPU time (user + system) during the measured run as % of one core (the idle replica B included in the one-replica case); PostgreSQL (all its processes) and Redis from /proc; "whole machine busy" from /proc/stat, its "unlisted" part used by none of the processes listed (other work on the machine, the kernel). CPU µs/req: the replicas\' CPU time together, and PostgreSQL\'s, per answered request.',
      ],
      table: replicasTable(cases, machine.nproc),
      verdict: replicasVerdict(cases, machine.nproc),
      clean: cases.every(caseClean),
      complete: cases.length === 2,
    };
  } finally {
    for (const r of replicas.reverse()) await r.stop();
    await upstream?.stop();
    await removeSharedState(names).catch((e: unknown) => say(`Left behind by the replicas section: ${String(e)}`));
  }
}

export const replicas: BenchSection = {
  key: 'replicas',
  marker: 'replicas',
  title: () => 'Two bridge replicas against one: GET /Users?filter=userName eq "…" on shared PostgreSQL and Redis',
  needsSharedServers: true,
  run,
};
