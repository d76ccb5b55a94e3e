import autocannon, { type AutocannonResult } from 'autocannon';

/** One thing to measure: a server and the paths each connection cycles through. */
export interface Scenario {
  key: string;
  title: string;
  baseUrl: string;
  /** Requests go through these in order, so a lookup is never one cached string. */
  paths: readonly string[];
  headers: Record<string, string>;
}

export interface LoadSettings {
  connections: number;
  durationSeconds: number;
  /** Keep every response's own latency: autocannon's histogram counts whole milliseconds, too coarse below ~5 ms. */
  exactLatencies?: boolean;
  /** Also hand every response's latency (ms, hrtime) here: runs made side by side can then share one percentile. */
  onLatency?: (ms: number) => void;
}

/** Percentiles over every response's latency at autocannon's hrtime resolution (nearest rank). */
export interface ExactLatencies {
  p50Ms: number;
  p99Ms: number;
  responses: number;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses whose status was not 2xx (autocannon's `non2xx`). */
  non2xx: number;
  /** Responses whose status was not exactly 200, by status code. */
  not200: Record<string, number>;
  /** Connection errors, including timeouts. */
  errors: number;
  timeouts: number;
  seconds: number;
  /** Set when the run asked for `exactLatencies`. */
  exact?: ExactLatencies;
}

function summarise(r: AutocannonResult): LoadResult {
  const not200: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(r.statusCodeStats)) if (status !== '200' && count > 0) not200[status] = count;
  return {
    requests: r.requests.total,
    requestsPerSecond: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    non2xx: r.non2xx,
    not200,
    errors: r.errors,
    timeouts: r.timeouts,
    seconds: r.duration,
  };
}

/** Nearest-rank percentile (the smallest value with at least `p`% of the values at or below it) of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

function exactOf(latencies: number[]): ExactLatencies {
  const sorted = Float64Array.from(latencies).sort();
  return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), responses: sorted.length };
}

/** Did every request get a 200? A run with anything else is reported as failed, not averaged in silently. */
export const isClean = (r: LoadResult): boolean => r.errors === 0 && r.non2xx === 0 && Object.keys(r.not200).length === 0 && r.requests > 0;

/** Drive a scenario with autocannon's programmatic API (each path a pre-built request, cycled per connection). */
export async function runLoad(scenario: Scenario, settings: LoadSettings, signal?: AbortSignal): Promise<LoadResult> {
  const instance = autocannon({
    url: scenario.baseUrl,
    title: scenario.title,
    connections: settings.connections,
    duration: settings.durationSeconds,
    headers: scenario.headers,
    requests: scenario.paths.map((path) => ({ method: 'GET', path })),
  });
  const latencies: number[] = [];
  const { exactLatencies, onLatency } = settings;
  if (exactLatencies || onLatency) {
    instance.on('response', (_client, _status, _bytes, ms) => {
      if (exactLatencies) latencies.push(ms);
      onLatency?.(ms);
    });
  }
  const stop = () => instance.stop();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const result = summarise(await instance);
    return exactLatencies ? { ...result, exact: exactOf(latencies) } : result;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}
