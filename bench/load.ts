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
  const stop = () => instance.stop();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    return summarise(await instance);
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}
