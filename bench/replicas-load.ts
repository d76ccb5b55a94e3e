import { performance } from 'node:perf_hooks';
import type { RunningChild } from './child-process.js';
import { isClean, percentile, runLoad, type LoadResult } from './load.js';
import { describeFailure, say, type MeasureSettings } from './measure.js';
import { cpuBetween, cpuSnapshot } from './proc-cpu.js';
import type { CheckedScenario } from './scenarios.js';

/** A replica under load: its name in the report and the scenario aimed at it. */
export interface ReplicaTarget {
  name: string;
  scenario: CheckedScenario;
}

/** What one replica answered within a case, with percentiles over its own responses (hrtime, nearest rank). */
export interface ReplicaShare {
  name: string;
  connections: number;
  result: LoadResult;
  p50Ms: number;
  p99Ms: number;
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

const sortedPercentiles = (latencies: readonly number[]) => {
  const sorted = Float64Array.from(latencies).sort();
  return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
};

/** Load every replica of `active` at once for `seconds`, `connections` split evenly; latencies go to `latencies[i]`. */
function loadSideBySide(active: readonly ReplicaTarget[], connections: number, seconds: number, signal: AbortSignal, latencies?: number[][]): Promise<LoadResult[]> {
  const split = splitConnections(connections, active.length);
  const onLatency = (i: number) => latencies && ((ms: number) => latencies[i]?.push(ms));
  return Promise.all(active.map((t, i) => runLoad(t.scenario, { connections: split[i] ?? 0, durationSeconds: seconds, onLatency: onLatency(i) }, signal)));
}

/** Unmeasured load on `active` (JIT, connection pools, the upstream token); false when any request failed. */
export async function warmUpReplicas(active: readonly ReplicaTarget[], settings: MeasureSettings, label: string, signal: AbortSignal): Promise<boolean> {
  say(`- ${label}: warm-up ${settings.warmupSeconds} s`);
  const warmup = await loadSideBySide(active, settings.connections, settings.warmupSeconds, signal);
  for (const r of warmup) if (!isClean(r)) say(`  warm-up had failures: ${describeFailure(r)}`);
  return warmup.every(isClean);
}

/**
 * Load `active` replicas at once from this process (one autocannon per replica, connections split evenly): a warm-up,
 * then the measured run with the CPU time of every process during it. `replicas` are all replica processes, loaded
 * or not, so an idle one shows as idle.
 */
export async function measureReplicaCase(
  active: readonly ReplicaTarget[],
  processes: { replicas: readonly RunningChild<unknown>[]; simulator: RunningChild<unknown> },
  settings: MeasureSettings,
  signal: AbortSignal,
): Promise<ReplicaCase> {
  const split = splitConnections(settings.connections, active.length);
  const label = `${active.length} replica${active.length === 1 ? '' : 's'} (${split.join(' + ')} connections)`;
  const warmupClean = await warmUpReplicas(active, settings, label, signal);

  say(`- ${label}: measuring ${settings.durationSeconds} s`);
  const children = [...processes.replicas, processes.simulator];
  const before = { wall: performance.now(), children: await Promise.all(children.map((c) => c.cpuMicros())), self: process.cpuUsage(), shared: cpuSnapshot() };
  const latencies = active.map((): number[] => []);
  const results = await loadSideBySide(active, settings.connections, settings.durationSeconds, signal, latencies);
  const wallMicros = (performance.now() - before.wall) * 1000;
  const shared = cpuBetween(before.shared, cpuSnapshot(), wallMicros);
  const self = process.cpuUsage(before.self);
  const after = await Promise.all(children.map((c) => c.cpuMicros()));
  const micros = (i: number) => (after[i] ?? Number.NaN) - (before.children[i] ?? Number.NaN);

  for (const r of results) if (!isClean(r)) say(`  FAILED: ${describeFailure(r)}`);
  const requests = results.reduce((sum, r) => sum + r.requests, 0);
  const replicaMicros = processes.replicas.map((_, i) => micros(i));
  return {
    shares: active.map((t, i): ReplicaShare => ({ name: t.name, connections: split[i] ?? 0, result: results[i] as LoadResult, ...sortedPercentiles(latencies[i] ?? []) })),
    requestsPerSecond: results.reduce((sum, r) => sum + r.requestsPerSecond, 0),
    ...sortedPercentiles(latencies.flat()),
    warmupClean,
    cpu: {
      replicas: replicaMicros.map((m) => (100 * m) / wallMicros),
      simulator: (100 * micros(processes.replicas.length)) / wallMicros,
      postgres: shared.postgres,
      redis: shared.redis,
      loadGenerator: (100 * (self.user + self.system)) / wallMicros,
      machine: shared.machine,
    },
    microsPerRequest: {
      replicas: replicaMicros.reduce((a, b) => a + b, 0) / requests,
      postgres: (shared.postgres * wallMicros) / 100 / requests,
    },
  };
}
