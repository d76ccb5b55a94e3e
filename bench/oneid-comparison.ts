import { benchModule, startChild, type RunningChild } from './child-process.js';
import { measure, say } from './measure.js';
import type { OneIdBridgeReady, OneIdBridgeStart } from './oneid-bridge-process.js';
import { oneIdScenarios, upstreamCalls } from './oneid-scenarios.js';
import type { OneIdSimulatorReady, OneIdSimulatorStart } from './oneid-simulator-process.js';
import type { BenchOptions } from './options.js';
import type { MeasuredScenario } from './report.js';
import { verifyScenario } from './scenarios.js';

/** One connections setting: the same load straight to the simulator and through the bridge. */
export interface OneIdLevel {
  connections: number;
  direct: MeasuredScenario;
  bridge: MeasuredScenario;
  /** Upstream GETs by id per response the bridge gave during its measured run (1 expected; in-flight ones at the end count). */
  upstreamGetsPerBridgeRequest: number;
}

export interface OneIdComparison {
  users: number;
  samples: number;
  levels: OneIdLevel[];
}

/** One connection: no request waits behind another, so the difference is the bridge's own latency, not queueing. */
export const UNQUEUED_CONNECTIONS = 1;

/**
 * The bridge's added latency on GET /Users/{id} over a `zuora-oneid` upstream (issue 3): start the OneID simulator and
 * a bridge in processes of their own, check every answer of both scenarios (and that the bridge reads the upstream
 * exactly once per request), then measure both at one connection and at `options.connections`. Undefined when an
 * answer was wrong (reported on stderr); the processes are closed in every case.
 */
export async function runOneIdComparison(
  options: BenchOptions,
  token: string,
  bridgeExecArgv: readonly string[],
  signal: AbortSignal,
): Promise<OneIdComparison | undefined> {
  let upstream: RunningChild<OneIdSimulatorReady> | undefined;
  let server: RunningChild<OneIdBridgeReady> | undefined;
  try {
    say(`Starting the Zuora OneID simulator with ${options.oneIdUsers} users…`);
    upstream = await startChild<OneIdSimulatorStart, OneIdSimulatorReady>(benchModule('oneid-simulator-process', import.meta.url), { users: options.oneIdUsers });
    const sim = upstream.ready;
    say('Starting a bridge with a zuora-oneid tenant; reconciling its index…');
    const samples = Math.min(options.samples, options.oneIdUsers);
    server = await startChild<OneIdBridgeStart, OneIdBridgeReady>(
      benchModule('oneid-bridge-process', import.meta.url),
      { upstream: sim, token, store: options.store, samples },
      bridgeExecArgv,
    );
    const { direct, bridge } = oneIdScenarios(sim, server.ready, token);
    const problems = await verifyScenario(direct);
    await upstreamCalls.clear(sim);
    problems.push(...(await verifyScenario(bridge)));
    const gets = await upstreamCalls.userGets(sim);
    if (gets !== bridge.paths.length) problems.push(`the bridge made ${gets} upstream GETs by id for ${bridge.paths.length} requests, not one each`);
    if (problems.length > 0) {
      say(`Wrong answers in the OneID comparison before any load (first 5 of ${problems.length}):\n  ${problems.slice(0, 5).join('\n  ')}`);
      return undefined;
    }
    const processes = { server, upstream };
    const levels: OneIdLevel[] = [];
    for (const connections of new Set([UNQUEUED_CONNECTIONS, options.connections])) {
      if (signal.aborted) break;
      const settings = { connections, durationSeconds: options.durationSeconds, warmupSeconds: options.warmupSeconds, exactLatencies: true };
      const d = await measure(direct, settings, processes, signal);
      const b = await measure(bridge, settings, processes, signal, () => upstreamCalls.clear(sim));
      const upstreamGetsPerBridgeRequest = (await upstreamCalls.userGets(sim)) / b.result.requests;
      await upstreamCalls.clear(sim);
      levels.push({ connections, direct: d, bridge: b, upstreamGetsPerBridgeRequest });
    }
    return { users: options.oneIdUsers, samples, levels };
  } finally {
    await server?.stop();
    await upstream?.stop();
  }
}
