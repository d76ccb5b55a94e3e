import { benchModule, startChild, type RunningChild } from './child-process.js';
import { measure, say } from './measure.js';
import { LATER_ROUND_WARMUP_SECONDS, type BenchOptions } from './options.js';
import type { MeasuredScenario } from './report.js';
import { summariseRounds, type RoundsSummary } from './rounds.js';
import { benchScenarios, verifyScenario } from './scenarios.js';
import type { SimulatorReady, SimulatorStart } from './simulator-process.js';
import type { TargetsReady, TargetsStart } from './targets-process.js';

/**
 * The top table of BENCHMARKS.md: the bare route and the SCIM read path over a Zuora REST simulator. Starts the
 * simulator and the server process, checks every answer of the scenarios in `keys`, then measures them in order,
 * `options.rounds` times over. Many short rounds rather than a few long ones: this shared machine's speed drifts by
 * up to 2× within minutes, and a scenario compared with the bare run of seconds before it sees the same machine.
 * Undefined when an answer was wrong (reported on stderr); the processes are closed in every case.
 */
export async function runRestReadPath(
  options: BenchOptions,
  keys: readonly string[],
  token: string,
  serverExecArgv: readonly string[],
  signal: AbortSignal,
): Promise<RoundsSummary[] | undefined> {
  let upstream: RunningChild<SimulatorReady> | undefined;
  let server: RunningChild<TargetsReady> | undefined;
  try {
    say(`Starting the Zuora REST simulator with ${options.users} users…`);
    upstream = await startChild<SimulatorStart, SimulatorReady>(benchModule('simulator-process', import.meta.url), { users: options.users });
    say('Starting the bare route and two bridges; reconciling their indexes…');
    server = await startChild<TargetsStart, TargetsReady>(
      benchModule('targets-process', import.meta.url),
      { upstream: upstream.ready, token, store: options.store, samples: Math.min(options.samples, options.users) },
      serverExecArgv,
    );
    const scenarios = benchScenarios(server.ready, token).filter((s) => keys.includes(s.key));
    for (const s of scenarios) {
      const problems = await verifyScenario(s);
      if (problems.length > 0) {
        say(`Wrong answers from "${s.title}" before any load (first 5 of ${problems.length}):\n  ${problems.slice(0, 5).join('\n  ')}`);
        return undefined;
      }
    }
    const rounds: MeasuredScenario[][] = [];
    for (let round = 1; round <= options.rounds && !signal.aborted; round++) {
      if (options.rounds > 1) say(`Round ${round} of ${options.rounds}`);
      const measured: MeasuredScenario[] = [];
      const settings = {
        connections: options.connections,
        durationSeconds: options.roundDurationSeconds,
        warmupSeconds: round === 1 ? options.warmupSeconds : LATER_ROUND_WARMUP_SECONDS,
      };
      for (const s of scenarios) {
        if (signal.aborted) break;
        measured.push(await measure(s, settings, { server, upstream }, signal));
      }
      rounds.push(measured);
    }
    return summariseRounds(rounds);
  } finally {
    await server?.stop();
    await upstream?.stop();
  }
}
