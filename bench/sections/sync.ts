import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashToken } from '../../src/core/idp-credentials.js';
import { say } from '../measure.js';
import { runCli, startServers, type CliRun } from '../processes.js';
import { fmt, plural, type BenchSection, type SectionContext, type SectionResult } from '../section.js';
import type { ServerReady } from '../server-process.js';
import { SYNC_PROFILES, type SeededDirectory } from './sync-seed.js';

/** People sit in this many groups each on average (their seeded one and two more). */
const GROUPS_PER_USER = 3;
const TENANT = 'bench';
/** The simulators' token endpoints, counted apart from the API calls they authorise. */
const GOOGLE_TOKEN_ROUTE = '/token';
const ZUORA_TOKEN_ROUTE = '/oauth/token';

interface RecordedCall {
  method: string;
  route: string;
}

/** What `scim-bridge sync` printed for the tenant (src/cli/sync-command.ts). */
interface SyncReport {
  ok: boolean;
  created: number;
  updated: number;
  removed: number;
  groupsWritten: number;
  failed: unknown[];
  refused?: string;
}

interface SyncRun {
  cli: CliRun;
  report: SyncReport | undefined;
  /** CPU time both simulators (one process) used during the run. */
  simulatorCpuSeconds: number;
  google: RecordedCall[];
  zuora: RecordedCall[];
}

/** A simulator's call log through its control surface (packages/simulators/src/control-routes.ts), then cleared. */
async function takeCalls(url: string): Promise<RecordedCall[]> {
  const res = await fetch(new URL('/__sim/calls', url));
  if (res.status !== 200) throw new Error(`GET /__sim/calls answered ${res.status}`);
  const { calls } = (await res.json()) as { calls: RecordedCall[] };
  const cleared = await fetch(new URL('/__sim/calls', url), { method: 'DELETE' });
  if (cleared.status !== 204) throw new Error(`DELETE /__sim/calls answered ${cleared.status}`);
  return calls;
}

const count = (calls: readonly RecordedCall[], keep: (c: RecordedCall) => boolean) => calls.filter(keep).length;
const isToken = (route: string) => (c: RecordedCall) => c.route === route;
const apiCalls = (calls: readonly RecordedCall[], tokenRoute: string) => calls.filter((c) => c.route !== tokenRoute);

/** `3 POST /v1/users, 2 PUT /v1/users/:id`: the upstream's API calls by method and route, most first. */
function byRoute(calls: readonly RecordedCall[]): string {
  const counts = new Map<string, number>();
  for (const c of calls) counts.set(`${c.method} ${c.route}`, (counts.get(`${c.method} ${c.route}`) ?? 0) + 1);
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([route, n]) => `${fmt(n)} \`${route}\``);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** The report line of `sync` for the tenant, or undefined when it printed none. */
function reportOf(stdout: string): SyncReport | undefined {
  const line = stdout
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .at(-1);
  return line ? (JSON.parse(line) as SyncReport) : undefined;
}

async function syncOnce(
  configPath: string,
  sims: { google: string; zuora: string },
  cpu: () => Promise<number>,
  execArgv: readonly string[],
): Promise<SyncRun> {
  const cpuBefore = await cpu();
  const cli = await runCli(['sync', '--config', configPath, '--apply'], execArgv);
  const simulatorCpuSeconds = ((await cpu()) - cpuBefore) / 1e6;
  return { cli, report: reportOf(cli.stdout), simulatorCpuSeconds, google: await takeCalls(sims.google), zuora: await takeCalls(sims.zuora) };
}

/** What a right answer is: every person created and every group written once, then nothing at all. */
function problemsOf(first: SyncRun, second: SyncRun, directory: SeededDirectory): string[] {
  const problems: string[] = [];
  const r1 = first.report;
  const r2 = second.report;
  if (first.cli.code !== 0 || !r1?.ok) problems.push(`first sync: exit ${first.cli.code}, ${first.cli.stdout.slice(0, 500)}`);
  else if (r1.created !== directory.users || r1.groupsWritten !== directory.groups || r1.failed.length > 0)
    problems.push(`first sync: created ${r1.created} of ${directory.users}, ${r1.groupsWritten} of ${directory.groups} groups, ${r1.failed.length} failed`);
  if (second.cli.code !== 0 || !r2?.ok) problems.push(`second sync: exit ${second.cli.code}, ${second.cli.stdout.slice(0, 500)}`);
  else if (r2.created + r2.updated + r2.removed + r2.groupsWritten > 0) problems.push(`second sync wrote: ${JSON.stringify(r2)}`);
  const secondWrites = count(apiCalls(second.zuora, ZUORA_TOKEN_ROUTE), (c) => c.method !== 'GET');
  if (secondWrites > 0) problems.push(`second sync: ${secondWrites} upstream writes`);
  return problems;
}

function syncTable(runs: readonly SyncRun[]): string {
  const row = (label: string, value: (r: SyncRun) => string) => `| ${label} | ${runs.map(value).join(' | ')} |`;
  const directory = (r: SyncRun) => apiCalls(r.google, GOOGLE_TOKEN_ROUTE);
  const upstream = (r: SyncRun) => apiCalls(r.zuora, ZUORA_TOKEN_ROUTE);
  const route = (suffix: string) => (c: RecordedCall) => c.route.endsWith(suffix);
  return [
    '| | first sync (empty upstream) | second sync (directory unchanged) |',
    '|---|---:|---:|',
    row('wall time: `scim-bridge sync --apply` spawned → exited (s)', (r) => fmt(r.cli.seconds, 1)),
    row('CPU time of the sync process (s)', (r) => fmt(r.cli.cpuSeconds, 1)),
    row('CPU time of both simulators, one process (s)', (r) => fmt(r.simulatorCpuSeconds, 1)),
    row('peak RSS of the sync process (`VmHWM`, MB)', (r) => fmt(r.cli.peakRssMb)),
    row('Directory API calls', (r) => fmt(directory(r).length)),
    row('↳ users / groups / members pages', (r) =>
      [route('/users'), route('/groups'), route('/members')].map((keep) => fmt(count(directory(r), keep))).join(' / '),
    ),
    row('Google token requests (`POST /token`)', (r) => fmt(count(r.google, isToken(GOOGLE_TOKEN_ROUTE)))),
    row('upstream calls (Zuora REST API)', (r) => fmt(upstream(r).length)),
    row('↳ reads (GET)', (r) => fmt(count(upstream(r), (c) => c.method === 'GET'))),
    row('↳ writes (POST / PUT / DELETE)', (r) => fmt(count(upstream(r), (c) => c.method !== 'GET'))),
    row('Zuora OAuth token requests (`POST /oauth/token`)', (r) => fmt(count(r.zuora, isToken(ZUORA_TOKEN_ROUTE)))),
    row('report: created / updated / removed / groups written / failed', (r) =>
      r.report
        ? `${fmt(r.report.created)} / ${fmt(r.report.updated)} / ${fmt(r.report.removed)} / ${fmt(r.report.groupsWritten)} / ${r.report.failed.length}`
        : 'n/a',
    ),
  ].join('\n');
}

/**
 * Issue 13: a Google Workspace directory provisioned into a Zuora REST tenant by `scim-bridge sync`, as an operator
 * (or cron) runs it: twice, the second time with nothing changed. The simulators share a process of their own; each
 * sync is a process of its own on the default embedded store (a SQLite file, kept between the two).
 */
async function run({ options: o, token, execArgv }: SectionContext): Promise<SectionResult> {
  say(`sync: seeding a ${o.syncUsers}-user, ${o.syncGroups}-group directory`);
  const servers = await startServers(
    [
      { kind: 'google-workspace', users: o.syncUsers, groups: o.syncGroups, groupsPerUser: GROUPS_PER_USER },
      { kind: 'zuora-rest', users: 0 },
    ],
    execArgv,
  );
  const dir = mkdtempSync(join(tmpdir(), 'scim-bridge-sync-'));
  try {
    const [google, zuora] = servers.ready as [ServerReady, ServerReady];
    const directory = google.directory;
    if (!directory || !google.source || !zuora.upstream) throw new Error('the simulators did not report their configuration');
    const configPath = join(dir, 'scim-bridge.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        store: { type: 'sqlite', path: join(dir, 'scim-bridge.db') },
        tenants: [
          {
            id: TENANT,
            idpTokens: [{ label: 'bench', sha256: hashToken(token) }],
            upstream: { ...zuora.upstream, profiles: SYNC_PROFILES },
            source: google.source,
          },
        ],
      }),
    );
    const sims = { google: google.url, zuora: zuora.url };
    await takeCalls(sims.google);
    await takeCalls(sims.zuora);
    say('sync: first sync');
    const first = await syncOnce(configPath, sims, () => servers.cpuMicros(), execArgv);
    say(`sync: first sync took ${fmt(first.cli.seconds, 1)} s; second sync`);
    const second = await syncOnce(configPath, sims, () => servers.cpuMicros(), execArgv);
    const problems = problemsOf(first, second, directory);
    for (const p of problems) say(`sync: wrong: ${p}`);
    const clean = problems.length === 0;
    return {
      facts: [
        `Directory: the Google Workspace simulator seeded as \`seedDirectory({ users: ${fmt(o.syncUsers)}, groups: ${fmt(o.syncGroups)} })\` does (two super admins, org units, job titles, ${fmt(directory.suspendedOrArchived)} people suspended or archived, three groups nested in one another, every group owned and managed by the admins), then each person put in ${GROUPS_PER_USER - 1} more groups: ${fmt(directory.users)} users, ${fmt(directory.groups)} groups, ${fmt(directory.userMemberships)} memberships of people (${fmt(directory.userMemberships / directory.users, 1)} each). Read with \`includeDerivedMembership\`, so the outer nested groups list their inner ones' members too.`,
        `Upstream: the Zuora REST simulator, empty (no users; its four default profiles), no rate limit. Profiles: ${Object.entries(SYNC_PROFILES.groups)
          .map(([g, p]) => `group "${g}" → ${p}`)
          .join(', ')}, everyone else ${SYNC_PROFILES.default}.`,
        'Processes: both simulators in one process of their own (their CPU time in its own row); each sync is `scim-bridge sync --config … --apply` in a process of its own (the compiled CLI, as `npm run bench` runs it), the bench waiting for it to exit. Its peak RSS is `VmHWM` and its CPU time user + system, both read from /proc every 20 ms until it exits. All share the 2 cores.',
        `Bridge: one \`zuora-rest\` tenant with a \`google-workspace\` source at its defaults (page sizes 500 users / 200 groups / 200 members, ${fmt(2000)} Directory queries a minute at most, the removal caps) and the default embedded store, a SQLite file in a fresh temporary folder (kept from the first sync to the second). The wall time includes the process's start-up and shutdown.`,
        `Calls: counted in each simulator's own call log (\`/__sim/calls\`), cleared before each sync; token requests apart from the API calls. Checked: the first sync created every person and wrote every group with nothing failed, the second created, updated, removed and wrote nothing${clean ? ' (both held)' : ' (**did not hold**: see stderr)'}.`,
      ],
      table: syncTable([first, second]),
      verdict: `**${fmt(directory.users)} users in ${plural(directory.groups, 'group')}: first sync ${fmt(first.cli.seconds, 1)} s (peak RSS ${fmt(first.cli.peakRssMb)} MB), unchanged second sync ${fmt(second.cli.seconds, 1)} s (peak RSS ${fmt(second.cli.peakRssMb)} MB)**; the second read the whole directory again (${fmt(apiCalls(second.google, GOOGLE_TOKEN_ROUTE).length)} Directory API calls) and made ${fmt(apiCalls(second.zuora, ZUORA_TOKEN_ROUTE).length)} upstream calls.`,
      notes: [
        `Upstream calls by route: first sync ${byRoute(apiCalls(first.zuora, ZUORA_TOKEN_ROUTE))}; second sync ${byRoute(apiCalls(second.zuora, ZUORA_TOKEN_ROUTE))}.`,
      ],
      clean,
      complete: clean,
    };
  } finally {
    await servers.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const sourceSync: BenchSection = {
  key: 'sync',
  marker: 'source-sync',
  title: (o) =>
    `Google Workspace into Zuora REST: a ${fmt(o.syncUsers)}-user, ${fmt(o.syncGroups)}-group directory, first and unchanged second sync (issue 13)`,
  run,
};
