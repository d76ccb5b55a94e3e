import autocannon, { type AutocannonResult } from 'autocannon';
import { performance } from 'node:perf_hooks';
import type { RunningChild } from './processes.js';
import { cpuBetween, cpuSnapshot } from './proc-cpu.js';

/** Progress goes to stderr, so stdout carries only the sections' markdown. */
export const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** One thing to load: a server, the paths each connection cycles through, and how to tell a right answer. */
export interface Scenario {
  key: string;
  title: string;
  baseUrl: string;
  /** Requests go through these in order, so a lookup is never one cached string. */
  paths: readonly string[];
  headers: Record<string, string>;
  /** An error message for a wrong answer to `paths[i]`, or undefined when it is right. */
  verify(status: number, body: unknown, i: number): string | undefined;
}

export const field = (body: unknown, key: string): unknown => (body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined);

/** Send every request of a scenario once and collect wrong answers, so a fast wrong answer is never benchmarked. */
export async function verifyScenario(s: Scenario): Promise<string[]> {
  const problems: string[] = [];
  for (const [i, path] of s.paths.entries()) {
    const res = await fetch(new URL(path, s.baseUrl), { headers: s.headers });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: the verifier sees the text.
    }
    const problem = s.verify(res.status, body, i);
    if (problem) problems.push(`${path}: ${problem}`);
  }
  return problems;
}

/** Reports wrong answers found before any load; true when there were some. */
export function wrongAnswers(where: string, problems: readonly string[]): boolean {
  if (problems.length > 0) say(`Wrong answers ${where} before any load (first 5 of ${problems.length}):\n  ${problems.slice(0, 5).join('\n  ')}`);
  return problems.length > 0;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  /** autocannon's, in whole milliseconds; or every response's own (hrtime, nearest rank) when the run asked for exact latencies. */
  p50Ms: number;
  p99Ms: number;
  /** Responses whose status was not 2xx (autocannon's `non2xx`). */
  non2xx: number;
  /** Responses whose status was not exactly 200, by status code. */
  not200: Record<string, number>;
  /** Connection errors, including timeouts. */
  errors: number;
  timeouts: number;
}

/** Nearest-rank percentiles (the smallest value with at least p% of the values at or below it). */
export function percentiles(values: readonly number[]): { p50Ms: number; p99Ms: number } {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => (sorted.length === 0 ? Number.NaN : (sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN));
  return { p50Ms: at(50), p99Ms: at(99) };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Did every request get a 200? A run with anything else is reported as failed, not averaged in silently. */
export const isClean = (r: LoadResult): boolean => r.errors === 0 && r.non2xx === 0 && Object.keys(r.not200).length === 0 && r.requests > 0;

export function describeFailure(r: LoadResult): string {
  const codes = Object.entries(r.not200).map(([code, n]) => `${n}× HTTP ${code}`);
  return [`${r.errors} connection errors (${r.timeouts} timeouts)`, `${r.non2xx} non-2xx`, ...codes, r.requests === 0 ? 'no responses' : '']
    .filter(Boolean)
    .join(', ');
}

function summarise(r: AutocannonResult, latencies: number[] | undefined): LoadResult {
  const not200: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(r.statusCodeStats)) if (status !== '200' && count > 0) not200[status] = count;
  const exact = latencies && percentiles(latencies);
  return {
    requests: r.requests.total,
    requestsPerSecond: r.requests.average,
    p50Ms: exact ? exact.p50Ms : r.latency.p50,
    p99Ms: exact ? exact.p99Ms : r.latency.p99,
    non2xx: r.non2xx,
    not200,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

/** A scenario with its share of the connections; several are loaded side by side. */
export interface LoadTarget {
  scenario: Scenario;
  connections: number;
}

/**
 * Load every target at once with autocannon's programmatic API (each path a pre-built request, cycled per
 * connection). With `latencies`, every response's own time (hrtime) goes to `latencies[i]`: autocannon's histogram
 * counts whole milliseconds, too coarse below ~5 ms. Without, no listener costs the load generator anything.
 */
export function loadSideBySide(targets: readonly LoadTarget[], seconds: number, signal: AbortSignal, latencies?: number[][]): Promise<LoadResult[]> {
  return Promise.all(
    targets.map(async ({ scenario: s, connections }, i) => {
      const instance = autocannon({
        url: s.baseUrl,
        title: s.title,
        connections,
        duration: seconds,
        headers: s.headers,
        requests: s.paths.map((path) => ({ method: 'GET', path })),
      });
      const own = latencies?.[i];
      if (own) instance.on('response', (_client, _status, _bytes, ms) => own.push(ms));
      const stop = () => instance.stop();
      signal.addEventListener('abort', stop, { once: true });
      try {
        return summarise(await instance, own);
      } finally {
        signal.removeEventListener('abort', stop);
      }
    }),
  );
}

/** Unmeasured load (JIT, connection pools, the upstream token); false when any request failed. */
export async function warmUp(targets: readonly LoadTarget[], seconds: number, label: string, signal: AbortSignal): Promise<boolean> {
  say(`- ${label}: warm-up ${seconds} s`);
  const results = await loadSideBySide(targets, seconds, signal);
  for (const r of results) if (!isClean(r)) say(`  warm-up had failures: ${describeFailure(r)}`);
  return results.every(isClean);
}

export interface RunSettings {
  label: string;
  durationSeconds: number;
  warmupSeconds: number;
  /** Percentiles over every response's own latency instead of autocannon's whole milliseconds. */
  exactLatencies?: boolean;
  /** Also read PostgreSQL's, Redis's and the whole machine's CPU time from /proc. */
  sharedCpu?: boolean;
  /** Runs between the warm-up and the measured run (e.g. to clear a simulator's call log). */
  beforeMeasured?: () => Promise<void>;
}

/** A measured run: each target's result, and the CPU time every process used during it, as % of one core. */
export interface Measurement {
  results: LoadResult[];
  /** Percentiles over every response of every target together (pooled, not averaged); with exact latencies only. */
  pooled: { p50Ms: number; p99Ms: number };
  warmupClean: boolean;
  /** Each child's, in the order given; and in µs. */
  childCpu: number[];
  childMicros: number[];
  wallMicros: number;
  loadGeneratorCpu: number;
  shared: { postgres: number; redis: number; machine: number } | undefined;
}

/** The one measurement of the bench: a warm-up, then the measured run with the CPU time of every process during it. */
export async function measureRun(
  targets: readonly LoadTarget[],
  settings: RunSettings,
  children: readonly RunningChild<unknown>[],
  signal: AbortSignal,
): Promise<Measurement> {
  const warmupClean = await warmUp(targets, settings.warmupSeconds, settings.label, signal);
  await settings.beforeMeasured?.();
  say(`- ${settings.label}: measuring ${settings.durationSeconds} s`);
  const before = {
    wall: performance.now(),
    children: await Promise.all(children.map((c) => c.cpuMicros())),
    self: process.cpuUsage(),
    shared: settings.sharedCpu ? cpuSnapshot() : undefined,
  };
  const latencies = settings.exactLatencies ? targets.map((): number[] => []) : undefined;
  const results = await loadSideBySide(targets, settings.durationSeconds, signal, latencies);
  const wallMicros = (performance.now() - before.wall) * 1000;
  const shared = before.shared && cpuBetween(before.shared, cpuSnapshot(), wallMicros);
  const self = process.cpuUsage(before.self);
  const after = await Promise.all(children.map((c) => c.cpuMicros()));
  for (const r of results) if (!isClean(r)) say(`  FAILED: ${describeFailure(r)}`);
  const childMicros = after.map((a, i) => a - (before.children[i] ?? Number.NaN));
  return {
    results,
    pooled: percentiles(latencies?.flat() ?? []),
    warmupClean,
    childCpu: childMicros.map((m) => (100 * m) / wallMicros),
    childMicros,
    wallMicros,
    loadGeneratorCpu: (100 * (self.user + self.system)) / wallMicros,
    shared,
  };
}

/** One scenario against a server process and its upstream: a row of the read-path and OneID tables. */
export interface MeasuredScenario {
  key: string;
  title: string;
  result: LoadResult;
  warmupClean: boolean;
  /** CPU use during the measured run, as a percentage of one core. */
  cpu: { server: number; upstream: number; loadGenerator: number };
  /** CPU time the server process spent per answered request, in µs: unlike req/s, barely moved by a busy machine. */
  serverMicrosPerRequest: number;
  upstreamMicrosPerRequest: number;
}

export async function measureScenario(
  s: Scenario,
  settings: Omit<RunSettings, 'label'> & { connections: number },
  processes: { server: RunningChild<unknown>; upstream: RunningChild<unknown> },
  signal: AbortSignal,
): Promise<MeasuredScenario> {
  const label = `${s.title} (${settings.connections} connection${settings.connections === 1 ? '' : 's'})`;
  const m = await measureRun([{ scenario: s, connections: settings.connections }], { ...settings, label }, [processes.server, processes.upstream], signal);
  const result = m.results[0] as LoadResult;
  const [server = Number.NaN, upstream = Number.NaN] = m.childCpu;
  return {
    key: s.key,
    title: s.title,
    result,
    warmupClean: m.warmupClean,
    cpu: { server, upstream, loadGenerator: m.loadGeneratorCpu },
    serverMicrosPerRequest: (m.childMicros[0] ?? Number.NaN) / result.requests,
    upstreamMicrosPerRequest: (m.childMicros[1] ?? Number.NaN) / result.requests,
  };
}

/** `ok`, or what went wrong in the run or its warm-up. */
export const resultStatus = (r: LoadResult, warmupClean: boolean): string => {
  if (isClean(r) && warmupClean) return 'ok';
  return `**FAILED**: ${[isClean(r) ? '' : describeFailure(r), warmupClean ? '' : 'warm-up had errors'].filter(Boolean).join(', ')}`;
};
