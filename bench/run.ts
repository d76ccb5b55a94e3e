/*
 * `npm run bench`: the SCIM read path against a bare Fastify route on the same machine, the bridge's added
 * latency over a Zuora OneID upstream, and two replicas against one on shared PostgreSQL and Redis. Not a test: it
 * prints tables, rewrites its sections of BENCHMARKS.md, and exits non-zero only when a run got anything but 200s.
 * Options: see options.ts (flags or BENCH_* variables).
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { generateToken } from '../src/core/idp-credentials.js';
import { isClean } from './load.js';
import { machineFacts } from './machine.js';
import { say } from './measure.js';
import { runOneIdComparison, type OneIdComparison } from './oneid-comparison.js';
import { oneIdSection, oneIdTable, oneIdVerdict, writeOneIdSection } from './oneid-report.js';
import { BIG_KEY, ONEID_KEY, parseBenchOptions, REPLICAS_KEY, REST_SCENARIO_KEYS } from './options.js';
import { runBigTenant, type BigTenantResult } from './big-tenant.js';
import { bigTenantSection, bigTenantTable, bigTenantVerdict, writeBigTenantSection } from './big-tenant-report.js';
import { runReplicasComparison, type ReplicasComparison } from './replicas-comparison.js';
import { caseClean, replicasSection, replicasTable, replicasVerdict, writeReplicasSection } from './replicas-report.js';
import { benchmarksSection, filterVerdict, resultsTable, writeBenchmarksFile, type MeasuredScenario } from './report.js';
import type { RoundsSummary } from './rounds.js';
import { runRestReadPath } from './rest-read-path.js';
import { describeSharedStores } from './shared-stores.js';

/** The project's root: the nearest folder above this module with a package.json (bench/ under tsx, .bench-build/bench/ compiled). */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

const BENCHMARKS_PATH = join(projectRoot(import.meta.dirname), 'BENCHMARKS.md');
const load1 = () => loadavg()[0] ?? Number.NaN;
const clean = (m: MeasuredScenario) => isClean(m.result) && m.warmupClean;

/** A section's result and the 1-minute load average around it, for its report. */
interface Measured<T> {
  result: T;
  load: { before: number; after: number };
}

/** Runs one section, noting the load average before and after; undefined when it found a wrong answer. */
async function measuredSection<T>(run: () => Promise<T | undefined>): Promise<Measured<T> | undefined> {
  const before = load1();
  const result = await run();
  return result === undefined ? undefined : { result, load: { before, after: load1() } };
}

async function main(): Promise<number> {
  const options = parseBenchOptions(process.argv.slice(2), process.env);
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  const token = generateToken();
  const profile = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(options.cpuProfDir)}`] : [];
  const restKeys = REST_SCENARIO_KEYS.filter((k) => !options.only || options.only.includes(k));
  const runOneId = !options.only || options.only.includes(ONEID_KEY);
  const runReplicas = !options.only || options.only.includes(REPLICAS_KEY);
  const runBig = !options.only || options.only.includes(BIG_KEY);
  // Before anything is measured: a missing PostgreSQL or Redis should not surface after minutes of other sections.
  const servers = runReplicas || runBig ? await describeSharedStores() : undefined;

  let rest: Measured<RoundsSummary[]> | undefined;
  if (restKeys.length > 0) {
    rest = await measuredSection(() => runRestReadPath(options, restKeys, token, profile, abort.signal));
    if (!rest) return 1;
  }
  let oneId: Measured<OneIdComparison> | undefined;
  if (runOneId && !abort.signal.aborted) {
    oneId = await measuredSection(() => runOneIdComparison(options, token, profile, abort.signal));
    if (!oneId) return 1;
  }
  let replicas: Measured<ReplicasComparison> | undefined;
  if (runReplicas && !abort.signal.aborted) {
    replicas = await measuredSection(() => runReplicasComparison(options, token, profile, abort.signal));
    if (!replicas) return 1;
  }
  let big: Measured<BigTenantResult> | undefined;
  if (runBig && !abort.signal.aborted) big = await measuredSection(() => runBigTenant(options.bigUsers));
  if (abort.signal.aborted) {
    say('Interrupted: nothing written.');
    return 130;
  }

  if (rest) process.stdout.write(`\n${resultsTable(rest.result)}\n\n${filterVerdict(rest.result)}\n`);
  if (oneId) process.stdout.write(`\n${oneIdTable(oneId.result)}\n\n${oneIdVerdict(oneId.result)}\n`);
  const machine = machineFacts();
  if (replicas) process.stdout.write(`\n${replicasTable(replicas.result, machine.nproc)}\n\n${replicasVerdict(replicas.result, machine.nproc)}\n`);
  if (big) process.stdout.write(`\n${bigTenantTable(big.result)}\n\n${bigTenantVerdict(big.result)}\n`);
  if (options.write) {
    const date = new Date();
    // The top table is written only when it is whole; the OneID and replicas sections stand on their own.
    if (rest && restKeys.length === REST_SCENARIO_KEYS.length) {
      writeBenchmarksFile(BENCHMARKS_PATH, benchmarksSection({ options, machine, load: rest.load, date, measured: rest.result }));
      say(`Updated the read-path table of ${BENCHMARKS_PATH}`);
    }
    if (oneId) {
      writeOneIdSection(BENCHMARKS_PATH, oneIdSection({ options, machine, load: oneId.load, date, comparison: oneId.result }));
      say(`Updated the OneID section of ${BENCHMARKS_PATH}`);
    }
    if (replicas && servers) {
      writeReplicasSection(BENCHMARKS_PATH, replicasSection({ options, machine, load: replicas.load, date, servers, comparison: replicas.result }));
      say(`Updated the replicas section of ${BENCHMARKS_PATH}`);
    }
    if (big && servers) {
      writeBigTenantSection(BENCHMARKS_PATH, bigTenantSection({ options, machine, load: big.load, date, postgres: servers.postgres, result: big.result }));
      say(`Updated the big-tenant section of ${BENCHMARKS_PATH}`);
    }
  }
  if (options.cpuProfDir) say(`CPU profiles of the server processes: ${resolve(options.cpuProfDir)}/*.cpuprofile (written as they exit)`);
  const measured = [...(rest?.result ?? []), ...(oneId?.result.levels.flatMap((l) => [l.direct, l.bridge]) ?? [])];
  return measured.every(clean) && (replicas?.result.cases.every(caseClean) ?? true) ? 0 : 1;
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
