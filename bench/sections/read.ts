import { field, isClean, measureScenario, median, resultStatus, say, verifyScenario, wrongAnswers, type MeasuredScenario, type Scenario } from '../measure.js';
import { fmt, plural, type BenchSection, type SectionContext, type SectionResult } from '../section.js';
import { BARE_PATH, startServers, type RunningChild } from '../processes.js';
import type { ServerReady } from '../server-process.js';

/** The table's rows, each also an `--only` key. */
export const ROWS = ['bare', 'floor', 'filter', 'byIdIndex', 'byIdUpstream'] as const;
export const FILTER_TARGET_PERCENT = 50;
/** Warm-up of later rounds: the JIT is warm by then, only the connections are new. */
export const LATER_ROUND_WARMUP_SECONDS = 1;

const scimHeaders = (token: string) => ({ authorization: `Bearer ${token}`, accept: 'application/scim+json' });

/** `GET /scim/v2/Users?filter=userName eq "x"`: what an IdP sends before every create (idp-behaviour.md). */
export const filterPath = (userName: string): string => `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`;

/** The IdP's hot read against one bridge, rotating over `userNames`; right when it finds exactly that user. */
export const filterScenario = (baseUrl: string, userNames: readonly string[], token: string): Scenario => ({
  key: 'filter',
  title: 'GET /Users?filter=userName eq "…"',
  baseUrl,
  paths: userNames.map(filterPath),
  headers: scimHeaders(token),
  verify: (status, body, i) => {
    if (status !== 200) return `status ${status}`;
    const first = field(field(body, 'Resources'), '0');
    return field(body, 'totalResults') !== 1 || field(first, 'userName') !== userNames[i] ? `not exactly the user ${userNames[i]}` : undefined;
  },
});

/** The bare route and two bridges that differ only in `userReads`, all in one process. */
function scenarios([bare, upstreamReads, indexReads]: ServerReady[], token: string): Scenario[] {
  const headers = scimHeaders(token);
  const ok = (status: number) => (status !== 200 ? `status ${status}` : undefined);
  const byId = (key: string, title: string, target: ServerReady | undefined): Scenario => {
    const ids = target?.sampled?.ids ?? [];
    return {
      key,
      title,
      baseUrl: target?.url ?? '',
      paths: ids.map((id) => `/scim/v2/Users/${id}`),
      headers,
      verify: (status, body, i) => ok(status) ?? (field(body, 'id') !== ids[i] ? `answered id ${String(field(body, 'id'))}` : undefined),
    };
  };
  return [
    { key: 'bare', title: 'bare Fastify JSON route (ceiling)', baseUrl: bare?.url ?? '', paths: [BARE_PATH], headers, verify: ok },
    // The floor of any SCIM answer: auth, rate limit, hooks, a static document. What the filter lookup adds to it is the bridge's own work.
    {
      key: 'floor',
      title: 'GET /ServiceProviderConfig (SCIM floor: auth, rate limit, static body)',
      baseUrl: upstreamReads?.url ?? '',
      paths: ['/scim/v2/ServiceProviderConfig'],
      headers,
      verify: ok,
    },
    filterScenario(upstreamReads?.url ?? '', upstreamReads?.sampled?.userNames ?? [], token),
    byId('byIdIndex', "GET /Users/{id}, userReads: 'index'", indexReads),
    byId('byIdUpstream', 'GET /Users/{id}, upstream read (default)', upstreamReads),
  ];
}

/**
 * Several rounds of the same scenarios, reduced to one row each. On a shared 2-core machine the speed of the whole
 * machine drifts over minutes, so one run of each scenario in turn compares a fast minute with a slow one. Rounds
 * interleave the scenarios; each scenario's share of the bare route is taken within its own round, against the bare
 * run measured seconds before it, and the median over rounds is reported.
 */
export interface RoundsSummary extends MeasuredScenario {
  /** Requests/s of each round, in order. */
  rounds: number[];
  /** Median over rounds of this scenario's req/s ÷ the same round's bare req/s, in percent; undefined without bare. */
  shareOfBarePercent: number | undefined;
}

/** `rounds[i]` is round i's measurements, one per scenario key. Each row is the scenario's median round, whole. */
export function summariseRounds(rounds: readonly (readonly MeasuredScenario[])[]): RoundsSummary[] {
  const keys = [...new Set(rounds.flatMap((r) => r.map((m) => m.key)))];
  return keys.flatMap((key) => {
    const runs = rounds.map((r) => ({ m: r.find((x) => x.key === key), bare: r.find((x) => x.key === 'bare') }));
    const present = runs.flatMap((x) => (x.m ? [x.m] : []));
    const byRate = [...present].sort((a, b) => a.result.requestsPerSecond - b.result.requestsPerSecond);
    // A failed round is never hidden behind a clean median: the row then shows that round.
    const row = present.find((m) => !isClean(m.result) || !m.warmupClean) ?? byRate[Math.floor((byRate.length - 1) / 2)];
    if (!row) return [];
    const shares = runs.flatMap((x) => (x.m && x.bare ? [(100 * x.m.result.requestsPerSecond) / x.bare.result.requestsPerSecond] : []));
    return [{ ...row, rounds: present.map((m) => m.result.requestsPerSecond), shareOfBarePercent: shares.length > 0 ? median(shares) : undefined }];
  });
}

export function readPathTable(measured: readonly RoundsSummary[]): string {
  const rows = measured.map((m) => {
    const r = m.result;
    const share = m.key === 'bare' ? '100%' : m.shareOfBarePercent === undefined ? 'n/a' : `${fmt(m.shareOfBarePercent)}%`;
    const cpu = `${fmt(m.cpu.server)} / ${fmt(m.cpu.upstream)} / ${fmt(m.cpu.loadGenerator)}`;
    return `| ${m.title} | ${fmt(r.requestsPerSecond)} | ${fmt(Math.min(...m.rounds))} – ${fmt(Math.max(...m.rounds))} | ${share} | ${fmt(r.p50Ms, 1)} | ${fmt(r.p99Ms, 1)} | ${fmt(r.non2xx)} | ${fmt(r.errors)} | ${fmt(m.serverMicrosPerRequest)} | ${cpu} | ${resultStatus(r, m.warmupClean)} |`;
  });
  return [
    '| scenario | req/s (median round) | req/s, slowest – fastest round | % of bare (median of rounds) | p50 ms | p99 ms | non-2xx | errors | server CPU µs/req | CPU % server / upstream / autocannon | result |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
}

export function filterVerdict(measured: readonly RoundsSummary[]): string {
  const find = (key: string) => measured.find((m) => m.key === key);
  const bare = find('bare');
  const filter = find('filter');
  const share = filter?.shareOfBarePercent;
  if (!bare || !filter || share === undefined) return 'Filter lookup against the bare route: not measured in this run.';
  const lines = [
    `Filter lookup: ${fmt(share)}% of the bare route's requests/s (median over ${plural(filter.rounds.length, 'round')}, each against its own round's bare run; target ≥ ${FILTER_TARGET_PERCENT}%): ${share >= FILTER_TARGET_PERCENT ? 'met' : '**not met**'}. ` +
      `Per request it costs the server process ${fmt(filter.serverMicrosPerRequest / bare.serverMicrosPerRequest, 1)}× the CPU time of the bare route.`,
  ];
  const floor = find('floor');
  if (floor?.shareOfBarePercent !== undefined) {
    // The floor does the per-request work every SCIM answer owes with no lookup behind it: the distance from it is what the lookup itself costs.
    lines.push(
      `Against the SCIM floor row (the same per-request work with a static answer): ${fmt((100 * share) / floor.shareOfBarePercent)}% of its requests/s, ${fmt(filter.serverMicrosPerRequest / floor.serverMicrosPerRequest, 2)}× its CPU time per request.`,
    );
  }
  if (bare.cpu.server < 90) {
    lines.push(
      `The bare route kept the server process only ${fmt(bare.cpu.server)}% busy: the load generator and the rest of the machine, not the server, set its ceiling, so the requests/s share flatters the bridge; the CPU-per-request ratio does not.`,
    );
  }
  return lines.join('\n\n');
}

/**
 * Starts the simulator and the server process, checks every answer of the chosen rows, then measures them in order,
 * `rounds` times over: many short rounds rather than a few long ones, since this shared machine's speed drifts by up
 * to 2× within minutes and a scenario compared with the bare run of seconds before it sees the same machine.
 */
async function run({ options: o, token, execArgv, signal, machine }: SectionContext): Promise<SectionResult | undefined> {
  const keys: readonly string[] = !o.only || o.only.includes('read') ? ROWS : ROWS.filter((k) => o.only?.includes(k));
  let upstream: RunningChild<ServerReady[]> | undefined;
  let server: RunningChild<ServerReady[]> | undefined;
  try {
    say(`Starting the Zuora REST simulator with ${o.users} users…`);
    upstream = await startServers([{ kind: 'zuora-rest', users: o.users }]);
    const sim = upstream.ready[0]?.upstream ?? {};
    say('Starting the bare route and two bridges; reconciling their indexes…');
    const samples = Math.min(o.samples, o.users);
    const bridge = (userReads: 'upstream' | 'index') => ({ kind: 'bridge' as const, upstream: sim, token, userReads, store: o.store, samples });
    server = await startServers([{ kind: 'bare' }, bridge('upstream'), bridge('index')], execArgv);
    const chosen = scenarios(server.ready, token).filter((s) => keys.includes(s.key));
    for (const s of chosen) if (wrongAnswers(`from "${s.title}"`, await verifyScenario(s))) return undefined;
    const rounds: MeasuredScenario[][] = [];
    for (let round = 1; round <= o.rounds && !signal.aborted; round++) {
      if (o.rounds > 1) say(`Round ${round} of ${o.rounds}`);
      const settings = {
        connections: o.connections,
        durationSeconds: o.roundDurationSeconds,
        warmupSeconds: round === 1 ? o.warmupSeconds : LATER_ROUND_WARMUP_SECONDS,
      };
      const measured: MeasuredScenario[] = [];
      for (const s of chosen) if (!signal.aborted) measured.push(await measureScenario(s, settings, { server, upstream }, signal));
      rounds.push(measured);
    }
    const rows = summariseRounds(rounds);
    return {
      facts: [
        `Load: autocannon ${o.connections} connections, HTTP/1.1 keep-alive, no pipelining, everything on 127.0.0.1; ${plural(o.rounds, 'round')} of all scenarios in turn, ${o.roundDurationSeconds} s per scenario and round after a warm-up (${o.warmupSeconds} s in the first round, ${LATER_ROUND_WARMUP_SECONDS} s later). Each row is the scenario's median round; its share of the bare route is the median over rounds of its req/s against the bare run of the same round, seconds before (this shared machine's speed drifts by up to 2× within minutes)`,
        `Processes: autocannon in the bench process; the bare route and both bridges in one server process; the Zuora REST simulator (${fmt(o.users)} seeded users, reconciled into each bridge's index) in a third. All share the ${machine.nproc} cores.`,
        `Bridge: compiled by tsc (tsconfig.bench.json) and run by node, as the Docker image runs it; SQLite store (${o.store === 'memory' ? 'in memory' : 'temporary file'}), logger off, rate limit lifted; bearer token on every request. Lookups rotate through ${samples} real userNames / ids.`,
      ],
      table: readPathTable(rows),
      verdict: filterVerdict(rows),
      notes: [
        'CPU columns: CPU time (user + system) used during the measured run. "server CPU µs/req" is the server process\'s CPU time per answered request, which a busy machine moves much less than req/s; the percentages are of one core, per process (the server process holds the bare route and the bridges, the upstream is the simulator, autocannon is the load generator).',
      ],
      clean: rows.every((m) => isClean(m.result) && m.warmupClean),
      complete: keys.length === ROWS.length && rounds.length === o.rounds,
    };
  } finally {
    await server?.stop();
    await upstream?.stop();
  }
}

export const readPath: BenchSection = {
  key: 'read',
  marker: 'read-path',
  parts: ROWS,
  title: () => 'SCIM read path against a bare Fastify route',
  run,
};
