import { describe, expect, it } from 'vitest';
import { median, percentiles, type MeasuredScenario } from '../../../bench/measure.js';
import { moduleBeside } from '../../../bench/processes.js';
import { filterVerdict, readPathTable, summariseRounds } from '../../../bench/sections/read.js';

const run = (key: string, rps: number, failed = false): MeasuredScenario => ({
  key,
  title: key,
  result: {
    requests: rps * 10,
    requestsPerSecond: rps,
    p50Ms: 1,
    p99Ms: 2,
    non2xx: failed ? 3 : 0,
    not200: failed ? { '500': 3 } : {},
    errors: 0,
    timeouts: 0,
  },
  warmupClean: true,
  cpu: { server: 99, upstream: 0, loadGenerator: 50 },
  serverMicrosPerRequest: 1e6 / rps,
  upstreamMicrosPerRequest: 0,
});

describe('bench measurement helpers', () => {
  it('takes medians of odd and even counts, and nearest-rank percentiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentiles(hundred)).toEqual({ p50Ms: 50, p99Ms: 99 });
    expect(percentiles([7])).toEqual({ p50Ms: 7, p99Ms: 7 });
    expect(percentiles([]).p50Ms).toBeNaN();
  });

  it('forks the server module by the name the running bench has: compiled .js under node, .ts under tsx', () => {
    expect(moduleBeside('./server-process', 'file:///repo/.bench-build/bench/processes.js').href).toBe('file:///repo/.bench-build/bench/server-process.js');
    expect(moduleBeside('../src/cli', 'file:///repo/bench/processes.ts').href).toBe('file:///repo/src/cli.ts');
  });
});

describe('the read-path section', () => {
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
    expect(readPathTable(rows).split('\n')[3]).toBe('| filter | 15,000 | 10,000 – 20,000 | 50% | 1.0 | 2.0 | 0 | 0 | 67 | 99 / 0 / 50 | ok |');
  });

  it('never hides a failed round behind a clean median, and the table says it failed', () => {
    const rows = summariseRounds([
      [run('bare', 10), run('filter', 5)],
      [run('bare', 10), run('filter', 6, true)],
      [run('bare', 10), run('filter', 7)],
    ]);
    expect(rows.find((r) => r.key === 'filter')?.result.non2xx).toBe(3);
    expect(readPathTable(rows)).toContain('**FAILED**: 0 connection errors (0 timeouts), 3 non-2xx, 3× HTTP 500 |');
  });

  it('measures the filter lookup against the bare route and against the SCIM floor', () => {
    const row = (key: string, share: number, cpuMicros: number) => ({
      ...run(key, 1000),
      serverMicrosPerRequest: cpuMicros,
      rounds: [1000],
      shareOfBarePercent: share,
    });
    const text = filterVerdict([row('bare', 100, 40), row('floor', 50, 80), row('filter', 40, 100)]);
    expect(text).toContain('Filter lookup: 40% of the bare route');
    expect(text).toContain('**not met**');
    expect(text).toContain('2.5× the CPU time of the bare route');
    expect(text).toContain('SCIM floor row (the same per-request work with a static answer): 80% of its requests/s, 1.25× its CPU time per request');
    const met = filterVerdict([row('bare', 100, 40), row('filter', 50, 80)]);
    expect(met).toContain('target ≥ 50%): met');
    expect(met).not.toContain('SCIM floor');
  });
});
