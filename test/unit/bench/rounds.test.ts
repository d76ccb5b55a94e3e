import { describe, expect, it } from 'vitest';
import type { MeasuredScenario } from '../../../bench/report.js';
import { median, summariseRounds } from '../../../bench/rounds.js';

const run = (key: string, rps: number, failed = false): MeasuredScenario => ({
  key,
  title: key,
  result: { requests: rps * 10, requestsPerSecond: rps, p50Ms: 1, p99Ms: 2, non2xx: failed ? 3 : 0, not200: failed ? { '500': 3 } : {}, errors: 0, timeouts: 0, seconds: 10 },
  warmupClean: true,
  cpu: { server: 100, upstream: 0, loadGenerator: 50 },
  serverMicrosPerRequest: 1e6 / rps,
  upstreamMicrosPerRequest: 0,
});

describe('bench rounds', () => {
  it('takes medians of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("reports each scenario's median round, and its share of bare within each round, not across rounds", () => {
    // The machine is fast in round 1 and slow in round 2: the filter is 50% of bare in both, whatever the drift.
    const rows = summariseRounds([
      [run('bare', 40_000), run('filter', 20_000)],
      [run('bare', 20_000), run('filter', 10_000)],
      [run('bare', 30_000), run('filter', 15_000)],
    ]);
    const filter = rows.find((r) => r.key === 'filter');
    expect(filter?.result.requestsPerSecond).toBe(15_000);
    expect(filter?.rounds).toEqual([20_000, 10_000, 15_000]);
    expect(filter?.shareOfBarePercent).toBe(50);
    expect(rows.map((r) => r.key)).toEqual(['bare', 'filter']);
  });

  it('never hides a failed round behind a clean median', () => {
    const rows = summariseRounds([[run('bare', 10), run('filter', 5)], [run('bare', 10), run('filter', 6, true)], [run('bare', 10), run('filter', 7)]]);
    expect(rows.find((r) => r.key === 'filter')?.result.non2xx).toBe(3);
  });
});
