import { isClean } from './load.js';
import type { MeasuredScenario } from './report.js';

/**
 * Several rounds of the same scenarios, reduced to one row each. On a shared 2-core machine the speed of the whole
 * machine drifts over minutes, so one run of each scenario in turn compares a fast minute with a slow one. Rounds
 * interleave the scenarios (bare, floor, filter, …, bare, floor, filter, …); each scenario's share of the bare route
 * is taken within its own round, against the bare run measured seconds before it, and the median over rounds is
 * reported.
 */
export interface RoundsSummary extends MeasuredScenario {
  /** Requests/s of each round, in order. */
  rounds: number[];
  /** Median over rounds of this scenario's req/s ÷ the same round's bare req/s, in percent; undefined without bare. */
  shareOfBarePercent: number | undefined;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** `rounds[i]` is round i's measurements, one per scenario key. Each row is the scenario's median round, whole. */
export function summariseRounds(rounds: readonly (readonly MeasuredScenario[])[]): RoundsSummary[] {
  const keys = [...new Set(rounds.flatMap((r) => r.map((m) => m.key)))];
  return keys.flatMap((key) => {
    const runs = rounds.map((r) => ({ m: r.find((x) => x.key === key), bare: r.find((x) => x.key === 'bare') }));
    const present = runs.flatMap((x) => (x.m ? [x.m] : []));
    if (present.length === 0) return [];
    const byRate = [...present].sort((a, b) => a.result.requestsPerSecond - b.result.requestsPerSecond);
    // A failed round is never hidden behind a clean median: the row then shows that round.
    const row = present.find((m) => !isClean(m.result) || !m.warmupClean) ?? byRate[Math.floor((byRate.length - 1) / 2)];
    if (!row) return [];
    const shares = runs.flatMap((x) => (x.m && x.bare ? [(100 * x.m.result.requestsPerSecond) / x.bare.result.requestsPerSecond] : []));
    return [{ ...row, rounds: present.map((m) => m.result.requestsPerSecond), shareOfBarePercent: shares.length > 0 ? median(shares) : undefined }];
  });
}
