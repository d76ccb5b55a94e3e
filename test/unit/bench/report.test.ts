import { describe, expect, it } from 'vitest';
import type { LoadResult } from '../../../bench/load.js';
import { filterVerdict } from '../../../bench/report.js';
import type { RoundsSummary } from '../../../bench/rounds.js';

const result = (requestsPerSecond: number): LoadResult =>
  ({ requests: requestsPerSecond * 3, requestsPerSecond, errors: 0, timeouts: 0, non2xx: 0, not200: {}, p50Ms: 1, p99Ms: 2, seconds: 3 });

const row = (key: string, rps: number, share: number | undefined, cpuMicros: number): RoundsSummary => ({
  key,
  title: key,
  result: result(rps),
  warmupClean: true,
  cpu: { server: 99, upstream: 0, loadGenerator: 50 },
  serverMicrosPerRequest: cpuMicros,
  upstreamMicrosPerRequest: 0,
  rounds: [rps],
  shareOfBarePercent: share,
});

describe('bench verdict', () => {
  it('measures the filter lookup against the bare route and against the SCIM floor', () => {
    const text = filterVerdict([row('bare', 20_000, 100, 40), row('floor', 10_000, 50, 80), row('filter', 8_000, 40, 100)]);
    expect(text).toContain('Filter lookup: 40% of the bare route');
    expect(text).toContain('**not met**');
    expect(text).toContain('2.5× the CPU time of the bare route');
    expect(text).toContain('SCIM floor row (the same per-request work with a static answer): 80% of its requests/s, 1.25× its CPU time per request');
  });

  it('says met at 50% and leaves the floor out when it was not measured', () => {
    const text = filterVerdict([row('bare', 20_000, 100, 40), row('filter', 10_000, 50, 80)]);
    expect(text).toContain('target ≥ 50%): met');
    expect(text).not.toContain('SCIM floor');
  });
});
