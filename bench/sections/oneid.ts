import { field, isClean, measureScenario, resultStatus, say, verifyScenario, wrongAnswers, type MeasuredScenario, type Scenario } from '../measure.js';
import { startServers, type RunningChild } from '../processes.js';
import { fmt, type BenchSection, type SectionContext, type SectionResult } from '../section.js';
import type { SampledUsers, ServerReady } from '../server-process.js';

/** One connection: no request waits behind another, so the difference is the bridge's own latency, not queueing. */
export const UNQUEUED_CONNECTIONS = 1;
/** The simulator's route for GET by id, as its call log names it. */
const UPSTREAM_GET_USER = '/scim/v2/Users/:id';

/** One connections setting: the same load straight to the simulator and through the bridge. */
export interface OneIdLevel {
  connections: number;
  direct: MeasuredScenario;
  bridge: MeasuredScenario;
  /** Upstream GETs by id per response the bridge gave during its measured run (1 expected; in-flight ones at the end count). */
  upstreamGetsPerBridgeRequest: number;
}

function checkUser(status: number, body: unknown, id: string | undefined, userName: string | undefined): string | undefined {
  if (status !== 200) return `status ${status}`;
  if (field(body, 'id') !== id) return `answered id ${String(field(body, 'id'))}, not ${id}`;
  if (field(body, 'userName') !== userName) return `answered userName ${String(field(body, 'userName'))}, not ${userName}`;
  return undefined;
}

/** Both scenarios rotate over the same users in the same order: position i is one user in both. */
function scenarios(sim: ServerReady, bridgeUrl: string, users: SampledUsers, bridgeToken: string): { direct: Scenario; bridge: Scenario } {
  return {
    direct: {
      key: 'oneidDirect',
      title: 'direct: GET {simulator}/scim/v2/Users/{id}',
      baseUrl: sim.url,
      paths: users.upstreamIds.map((id) => `/scim/v2/Users/${id}`),
      headers: { authorization: `Bearer ${sim.token}`, accept: 'application/json' },
      verify: (status, body, i) => checkUser(status, body, users.upstreamIds[i], users.userNames[i]),
    },
    bridge: {
      key: 'oneidBridge',
      title: 'through the bridge: GET {bridge}/scim/v2/Users/{id}',
      baseUrl: bridgeUrl,
      paths: users.ids.map((id) => `/scim/v2/Users/${id}`),
      headers: { authorization: `Bearer ${bridgeToken}`, accept: 'application/scim+json' },
      verify: (status, body, i) => checkUser(status, body, users.ids[i], users.userNames[i]),
    },
  };
}

/** The simulator's call log through its control surface (`/__sim/calls`, packages/simulators/src/control-routes.ts). */
async function clearCalls(simUrl: string): Promise<void> {
  const res = await fetch(new URL('/__sim/calls', simUrl), { method: 'DELETE' });
  if (res.status !== 204) throw new Error(`DELETE /__sim/calls answered ${res.status}`);
}

/** Upstream GETs by id since the last clear. */
async function userGets(simUrl: string): Promise<number> {
  const res = await fetch(new URL('/__sim/calls', simUrl));
  if (res.status !== 200) throw new Error(`GET /__sim/calls answered ${res.status}`);
  const { calls } = (await res.json()) as { calls: { method: string; route: string }[] };
  return calls.filter((c) => c.method === 'GET' && c.route === UPSTREAM_GET_USER).length;
}

const ms = (n: number) => fmt(n, 2);
const signedMs = (n: number) => `${n >= 0 ? '+' : '−'}${ms(Math.abs(n))}`;

/** Bridge minus direct, in ms, at the 50th and 99th percentiles. */
const addedLatency = (l: OneIdLevel) => ({ p50Ms: l.bridge.result.p50Ms - l.direct.result.p50Ms, p99Ms: l.bridge.result.p99Ms - l.direct.result.p99Ms });

function levelRows(l: OneIdLevel): string[] {
  const row = (name: string, m: MeasuredScenario, bridgeCpu: string, gets: string) =>
    `| ${l.connections} | ${name} | ${fmt(m.result.requestsPerSecond)} | ${ms(m.result.p50Ms)} | ${ms(m.result.p99Ms)} | ${bridgeCpu} / ${fmt(m.upstreamMicrosPerRequest)} | ${gets} | ${resultStatus(m.result, m.warmupClean)} |`;
  const added = addedLatency(l);
  const throughput = (100 * l.bridge.result.requestsPerSecond) / l.direct.result.requestsPerSecond - 100;
  return [
    row('direct to the simulator', l.direct, '–', '–'),
    row('through the bridge', l.bridge, fmt(l.bridge.serverMicrosPerRequest), fmt(l.upstreamGetsPerBridgeRequest, 2)),
    `| ${l.connections} | **added by the bridge** | ${throughput >= 0 ? '+' : '−'}${fmt(Math.abs(throughput))}% | **${signedMs(added.p50Ms)}** | **${signedMs(added.p99Ms)}** | | | |`,
  ];
}

export const oneIdTable = (levels: readonly OneIdLevel[]): string =>
  [
    '| connections | scenario | req/s (mean) | p50 ms | p99 ms | CPU µs/req: bridge / simulator | upstream GETs per request | result |',
    '|---:|---|---:|---:|---:|---:|---:|---|',
    ...levels.flatMap(levelRows),
  ].join('\n');

export function oneIdVerdict(levels: readonly OneIdLevel[]): string {
  const parts = levels.map((l) => {
    const a = addedLatency(l);
    const why =
      l.connections === UNQUEUED_CONNECTIONS
        ? "nothing queued: the bridge's own latency"
        : 'includes queueing: the bridge needs more CPU per request on the shared cores';
    return `at ${l.connections} connection${l.connections === 1 ? '' : 's'} p50 ${signedMs(a.p50Ms)} ms, p99 ${signedMs(a.p99Ms)} ms (${why})`;
  });
  return `**Added latency of the bridge, GET /Users/{id} over zuora-oneid (bridge − direct):** ${parts.join('; ')}.`;
}

/**
 * The bridge's added latency on GET /Users/{id} over a `zuora-oneid` upstream (issue 3): the OneID simulator and a
 * bridge in processes of their own; every answer of both scenarios checked (and that the bridge reads the upstream
 * exactly once per request), then both measured at one connection and at `connections`.
 */
async function run({ options: o, token, execArgv, signal, machine }: SectionContext): Promise<SectionResult | undefined> {
  let upstream: RunningChild<ServerReady[]> | undefined;
  let server: RunningChild<ServerReady[]> | undefined;
  try {
    say(`Starting the Zuora OneID simulator with ${o.oneIdUsers} users…`);
    upstream = await startServers([{ kind: 'zuora-oneid', users: o.oneIdUsers }]);
    const sim = upstream.ready[0] as ServerReady;
    say('Starting a bridge with a zuora-oneid tenant; reconciling its index…');
    const samples = Math.min(o.samples, o.oneIdUsers);
    server = await startServers([{ kind: 'bridge', upstream: sim.upstream ?? {}, token, userReads: 'upstream', store: o.store, samples }], execArgv);
    const b = server.ready[0];
    if (!b?.sampled) throw new Error('the bridge sent no sample of its index');
    const { direct, bridge } = scenarios(sim, b.url, b.sampled, token);
    const problems = await verifyScenario(direct);
    await clearCalls(sim.url);
    problems.push(...(await verifyScenario(bridge)));
    const gets = await userGets(sim.url);
    if (gets !== bridge.paths.length) problems.push(`the bridge made ${gets} upstream GETs by id for ${bridge.paths.length} requests, not one each`);
    if (wrongAnswers('in the OneID comparison', problems)) return undefined;
    const processes = { server, upstream };
    const levels: OneIdLevel[] = [];
    for (const connections of new Set([UNQUEUED_CONNECTIONS, o.connections])) {
      if (signal.aborted) break;
      const settings = { connections, durationSeconds: o.durationSeconds, warmupSeconds: o.warmupSeconds, exactLatencies: true };
      const d = await measureScenario(direct, settings, processes, signal);
      const m = await measureScenario(bridge, { ...settings, beforeMeasured: () => clearCalls(sim.url) }, processes, signal);
      levels.push({ connections, direct: d, bridge: m, upstreamGetsPerBridgeRequest: (await userGets(sim.url)) / m.result.requests });
      await clearCalls(sim.url);
    }
    return {
      facts: [
        `Processes: autocannon in the bench process; the Zuora OneID simulator (${fmt(o.oneIdUsers)} seeded users) in a second; a bridge with one \`zuora-oneid\` tenant pointed at it in a third. All share the ${machine.nproc} cores.`,
        `Bridge: default \`userReads: 'upstream'\`, so each GET /Users/{id} is one upstream \`GET /scim/v2/Users/{id}\` (counted in the simulator's call log: the "upstream GETs per request" column); index built by the reconciler beforehand; SQLite (${o.store === 'memory' ? 'in memory' : 'temporary file'}), logger off, rate limit lifted.`,
        `Scenarios: **direct** \`GET {simulator}/scim/v2/Users/{upstream id}\` with a token the simulator issued; **through the bridge** \`GET {bridge}/scim/v2/Users/{SCIM id}\` with the tenant's bearer token. Both rotate through the same ${fmt(b.sampled.ids.length)} users in the same order; every answer was checked (200, the right id and userName) before any load.`,
        `Load: autocannon at ${levels.map((l) => l.connections).join(' and ')} connections, ${o.durationSeconds} s per run after a ${o.warmupSeconds} s warm-up, HTTP/1.1 keep-alive, no pipelining, everything on 127.0.0.1. At ${UNQUEUED_CONNECTIONS} connection no request waits for another, so the difference is the bridge's own added latency; at ${o.connections} (the read-path table's concurrency) it is mostly queueing for the shared cores.`,
        "Latency: every response's own time as autocannon measures it (hrtime), nearest-rank percentiles; autocannon's histogram counts whole milliseconds, too coarse here. CPU µs/req: each process's CPU time (user + system) during the run per answered request.",
      ],
      table: oneIdTable(levels),
      verdict: oneIdVerdict(levels),
      clean: levels.every((l) => [l.direct, l.bridge].every((m) => isClean(m.result) && m.warmupClean)),
      complete: !signal.aborted,
    };
  } finally {
    await server?.stop();
    await upstream?.stop();
  }
}

export const oneId: BenchSection = {
  key: 'oneid',
  marker: 'oneid-added-latency',
  title: () => 'Added latency of the bridge over Zuora OneID: GET /Users/{id}',
  run,
};
