/*
 * `npm run bench`: the SCIM read path against a bare Fastify route on the same machine. Not a test: it prints a
 * table, rewrites the top of BENCHMARKS.md, and exits non-zero only when a run got anything but 200s.
 * Options: see options.ts (flags or BENCH_* variables).
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateToken } from '../src/core/idp-credentials.js';
import { startChild, type RunningChild } from './child-process.js';
import { isClean, runLoad, type LoadResult } from './load.js';
import { machineFacts } from './machine.js';
import { parseBenchOptions } from './options.js';
import { benchmarksSection, filterVerdict, resultsTable, writeBenchmarksFile, type MeasuredScenario } from './report.js';
import { benchScenarios, verifyScenario, type CheckedScenario } from './scenarios.js';
import type { SimulatorReady, SimulatorStart } from './simulator-process.js';
import type { TargetsReady, TargetsStart } from './targets-process.js';

const say = (line: string) => process.stderr.write(`${line}\n`);

function describeFailure(r: LoadResult): string {
  const codes = Object.entries(r.not200).map(([code, n]) => `${n}× HTTP ${code}`);
  return [`${r.errors} connection errors (${r.timeouts} timeouts)`, `${r.non2xx} non-2xx`, ...codes].join(', ');
}

async function measure(
  s: CheckedScenario,
  settings: { connections: number; durationSeconds: number; warmupSeconds: number },
  processes: { server: RunningChild<unknown>; upstream: RunningChild<unknown> },
  signal: AbortSignal,
): Promise<MeasuredScenario> {
  say(`- ${s.title}: warm-up ${settings.warmupSeconds} s`);
  const warmup = await runLoad(s, { connections: settings.connections, durationSeconds: settings.warmupSeconds }, signal);
  if (!isClean(warmup)) say(`  warm-up had failures: ${describeFailure(warmup)}`);
  say(`- ${s.title}: measuring ${settings.durationSeconds} s`);
  const before = { wall: performance.now(), server: await processes.server.cpuMicros(), upstream: await processes.upstream.cpuMicros(), self: process.cpuUsage() };
  const result = await runLoad(s, { connections: settings.connections, durationSeconds: settings.durationSeconds }, signal);
  const wallMicros = (performance.now() - before.wall) * 1000;
  const self = process.cpuUsage(before.self);
  const serverMicros = (await processes.server.cpuMicros()) - before.server;
  const cpu = {
    server: (100 * serverMicros) / wallMicros,
    upstream: (100 * ((await processes.upstream.cpuMicros()) - before.upstream)) / wallMicros,
    loadGenerator: (100 * (self.user + self.system)) / wallMicros,
  };
  if (!isClean(result)) say(`  FAILED: ${describeFailure(result)}`);
  return { key: s.key, title: s.title, result, warmupClean: isClean(warmup), cpu, serverMicrosPerRequest: serverMicros / result.requests };
}

async function main(): Promise<number> {
  const options = parseBenchOptions(process.argv.slice(2), process.env);
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  const token = generateToken();
  let upstream: RunningChild<SimulatorReady> | undefined;
  let server: RunningChild<TargetsReady> | undefined;
  try {
    say(`Starting the Zuora REST simulator with ${options.users} users…`);
    upstream = await startChild<SimulatorStart, SimulatorReady>(new URL('./simulator-process.ts', import.meta.url), { users: options.users });
    say('Starting the bare route and two bridges; reconciling their indexes…');
    const profile = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(options.cpuProfDir)}`] : [];
    server = await startChild<TargetsStart, TargetsReady>(
      new URL('./targets-process.ts', import.meta.url),
      { upstream: upstream.ready, token, store: options.store, samples: Math.min(options.samples, options.users) },
      profile,
    );
    const scenarios = benchScenarios(server.ready, token).filter((s) => !options.only || options.only.includes(s.key));
    if (scenarios.length === 0) throw new Error(`--only matched no scenario (bare, floor, filter, byIdIndex, byIdUpstream)`);
    for (const s of scenarios) {
      const problems = await verifyScenario(s);
      if (problems.length > 0) {
        say(`Wrong answers from "${s.title}" before any load (first 5 of ${problems.length}):\n  ${problems.slice(0, 5).join('\n  ')}`);
        return 1;
      }
    }
    const loadBefore = loadavg()[0] ?? Number.NaN;
    const measured: MeasuredScenario[] = [];
    for (const s of scenarios) {
      if (abort.signal.aborted) break;
      measured.push(await measure(s, options, { server, upstream }, abort.signal));
    }
    if (abort.signal.aborted) {
      say('Interrupted: nothing written.');
      return 130;
    }
    process.stdout.write(`\n${resultsTable(measured)}\n\n${filterVerdict(measured)}\n`);
    if (options.write) {
      const path = resolve(import.meta.dirname, '..', 'BENCHMARKS.md');
      const load = { before: loadBefore, after: loadavg()[0] ?? Number.NaN };
      writeBenchmarksFile(path, benchmarksSection({ options, machine: machineFacts(), load, date: new Date(), measured }));
      say(`Updated ${path}`);
    }
    if (options.cpuProfDir) say(`CPU profile of the server process: ${resolve(options.cpuProfDir)}/*.cpuprofile (written as it exits)`);
    return measured.every((m) => isClean(m.result) && m.warmupClean) ? 0 : 1;
  } finally {
    await server?.stop();
    await upstream?.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    say(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exitCode = 1;
  },
);
