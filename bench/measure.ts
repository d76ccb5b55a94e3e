import { performance } from 'node:perf_hooks';
import type { RunningChild } from './child-process.js';
import { isClean, runLoad, type LoadResult } from './load.js';
import type { MeasuredScenario } from './report.js';
import type { CheckedScenario } from './scenarios.js';

/** Progress goes to stderr, so stdout carries only the result tables. */
export const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

export function describeFailure(r: LoadResult): string {
  const codes = Object.entries(r.not200).map(([code, n]) => `${n}× HTTP ${code}`);
  return [`${r.errors} connection errors (${r.timeouts} timeouts)`, `${r.non2xx} non-2xx`, ...codes].join(', ');
}

export interface MeasureSettings {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  exactLatencies?: boolean;
}

/** The process serving the scenario and the upstream behind it, whose CPU time each run reports. */
export interface MeasuredProcesses {
  server: RunningChild<unknown>;
  upstream: RunningChild<unknown>;
}

/**
 * An unmeasured warm-up, then the measured run with the CPU time each process used during it. `beforeMeasured` runs
 * between the two (e.g. to clear a simulator's call log, so what it counts afterwards is the measured run's).
 */
export async function measure(
  s: CheckedScenario,
  settings: MeasureSettings,
  processes: MeasuredProcesses,
  signal: AbortSignal,
  beforeMeasured?: () => Promise<void>,
): Promise<MeasuredScenario> {
  const load = (durationSeconds: number) => ({ connections: settings.connections, durationSeconds, exactLatencies: settings.exactLatencies });
  say(`- ${s.title} (${settings.connections} connection${settings.connections === 1 ? '' : 's'}): warm-up ${settings.warmupSeconds} s`);
  const warmup = await runLoad(s, load(settings.warmupSeconds), signal);
  if (!isClean(warmup)) say(`  warm-up had failures: ${describeFailure(warmup)}`);
  await beforeMeasured?.();
  say(`- ${s.title} (${settings.connections} connection${settings.connections === 1 ? '' : 's'}): measuring ${settings.durationSeconds} s`);
  const before = { wall: performance.now(), server: await processes.server.cpuMicros(), upstream: await processes.upstream.cpuMicros(), self: process.cpuUsage() };
  const result = await runLoad(s, load(settings.durationSeconds), signal);
  const wallMicros = (performance.now() - before.wall) * 1000;
  const self = process.cpuUsage(before.self);
  const serverMicros = (await processes.server.cpuMicros()) - before.server;
  const upstreamMicros = (await processes.upstream.cpuMicros()) - before.upstream;
  const cpu = {
    server: (100 * serverMicros) / wallMicros,
    upstream: (100 * upstreamMicros) / wallMicros,
    loadGenerator: (100 * (self.user + self.system)) / wallMicros,
  };
  if (!isClean(result)) say(`  FAILED: ${describeFailure(result)}`);
  return {
    key: s.key,
    title: s.title,
    result,
    warmupClean: isClean(warmup),
    cpu,
    serverMicrosPerRequest: serverMicros / result.requests,
    upstreamMicrosPerRequest: upstreamMicros / result.requests,
  };
}
