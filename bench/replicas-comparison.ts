import { TENANT } from './bench-bridge.js';
import { benchModule, startChild, type RunningChild } from './child-process.js';
import { say } from './measure.js';
import type { BenchOptions } from './options.js';
import type { ReplicaReady, ReplicaStart } from './replica-process.js';
import { measureReplicaCase, warmUpReplicas, type ReplicaCase, type ReplicaTarget } from './replicas-load.js';
import { filterScenario, verifyScenario } from './scenarios.js';
import { freshSharedStoreNames, rateLimitCount, removeSharedState, SHARED_POSTGRES_URL, SHARED_REDIS_URL } from './shared-stores.js';
import type { SimulatorReady, SimulatorStart } from './simulator-process.js';

export interface ReplicasComparison {
  users: number;
  samples: number;
  /** One replica with every connection, then two with half each. */
  cases: ReplicaCase[];
}

export const REPLICA_NAMES = ['A', 'B'] as const;

/**
 * Two bridge replicas against one, as an operator deploys them: each its own process, one shared PostgreSQL schema
 * (fresh, dropped afterwards) and one Redis for the rate-limit counters, the index built by replica A alone. Every
 * filter answer of both replicas is checked first, and that both counted their requests in Redis. Undefined when
 * something was wrong (reported on stderr); processes, schema and Redis keys are removed in every case.
 */
export async function runReplicasComparison(options: BenchOptions, token: string, replicaExecArgv: readonly string[], signal: AbortSignal): Promise<ReplicasComparison | undefined> {
  if (options.connections < REPLICA_NAMES.length) {
    say(`The replicas section needs at least ${REPLICA_NAMES.length} connections to split, got ${options.connections}.`);
    return undefined;
  }
  const names = freshSharedStoreNames();
  const samples = Math.min(options.samples, options.users);
  let upstream: RunningChild<SimulatorReady> | undefined;
  const replicas: RunningChild<ReplicaReady>[] = [];
  try {
    say(`Starting the Zuora REST simulator with ${options.users} users…`);
    upstream = await startChild<SimulatorStart, SimulatorReady>(benchModule('simulator-process', import.meta.url), { users: options.users });
    const sim = upstream.ready;
    const start = (reconcile: boolean): ReplicaStart => ({
      upstream: sim,
      token,
      tokenLabel: names.tokenLabel,
      postgres: { connectionString: SHARED_POSTGRES_URL, schema: names.schema },
      redis: { url: SHARED_REDIS_URL, keyPrefix: names.keyPrefix },
      reconcile,
      samples,
    });
    // One after the other: A migrates the fresh schema and fills the index; B then finds both done.
    for (const [i, name] of REPLICA_NAMES.entries()) {
      say(i === 0 ? `Starting replica ${name} on PostgreSQL schema ${names.schema}; reconciling the shared index…` : `Starting replica ${name} on the same schema and Redis…`);
      replicas.push(await startChild<ReplicaStart, ReplicaReady>(benchModule('replica-process', import.meta.url), start(i === 0), replicaExecArgv));
    }
    const sampled = replicas[0]?.ready.sampled;
    if (!sampled) throw new Error('replica A sent no sample of the index it built');
    const targets: ReplicaTarget[] = replicas.map((r, i) => ({ name: REPLICA_NAMES[i] ?? String(i), scenario: filterScenario(r.ready.url, sampled.userNames, token) }));
    const problems: string[] = [];
    for (const t of targets) problems.push(...(await verifyScenario(t.scenario)).map((p) => `replica ${t.name}: ${p}`));
    // With Redis unreachable the rate limit is skipped silently (skipOnError): make sure the counter really is shared.
    const counted = await rateLimitCount(names, TENANT);
    const sent = targets.length * sampled.userNames.length;
    if (counted < sent) problems.push(`Redis counted ${counted} of the ${sent} requests both replicas answered: the rate limit is not shared`);
    if (problems.length > 0) {
      say(`Wrong answers in the replicas section before any load (first 5 of ${problems.length}):\n  ${problems.slice(0, 5).join('\n  ')}`);
      return undefined;
    }
    const processes = { replicas, simulator: upstream };
    // B has served only the checks so far; warmed only in its own case it would start colder than A, which case 1 warms.
    const primed = await warmUpReplicas(targets, options, 'every replica before the cases', signal);
    const cases: ReplicaCase[] = [];
    for (const active of [targets.slice(0, 1), targets]) {
      if (signal.aborted) break;
      const measured = await measureReplicaCase(active, processes, options, signal);
      cases.push({ ...measured, warmupClean: measured.warmupClean && primed });
    }
    return { users: options.users, samples: sampled.userNames.length, cases };
  } finally {
    for (const r of replicas.reverse()) await r.stop();
    await upstream?.stop();
    await removeSharedState(names).catch((e: unknown) => say(`Left behind by the replicas section: ${String(e)}`));
  }
}
