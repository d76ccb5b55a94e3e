import { expect } from 'vitest';
import type { AuthProvider } from '../../../../src/upstreams/http/index.js';
import { UpstreamError } from '../../../../src/upstreams/upstream-error.js';

/** A clock that only moves when the client sleeps (or the test says so), so retries run instantly. */
export const fakeClock = (startIso = '2026-01-01T00:00:00Z') => {
  let nowMs = Date.parse(startIso);
  const sleeps: number[] = [];
  return {
    now: () => nowMs,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      nowMs += ms;
    },
    advance: (ms: number) => {
      nowMs += ms;
    },
    sleeps,
  };
};

/** The request as MockAgent hands it to a reply callback. */
export interface MockedRequest {
  headers?: Headers | Record<string, string>;
  body?: unknown;
}

/** A request header of a mocked request, whatever shape MockAgent gives the headers in. */
export const headerOf = (opts: MockedRequest, name: string): string | undefined => {
  const { headers } = opts;
  if (headers === undefined) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const entries: [string, string][] = Object.entries(headers);
  return entries.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
};

/** An AuthProvider that hands out `token-1`, `token-2`, … and counts invalidations. */
export const countingAuth = () => {
  let issued = 0;
  let current: string | undefined;
  const auth = {
    invalidations: 0,
    authorize: async () => {
      current ??= `token-${++issued}`;
      return { Authorization: `Bearer ${current}` };
    },
    invalidate: () => {
      auth.invalidations++;
      current = undefined;
    },
  } satisfies AuthProvider & { invalidations: number };
  return auth;
};

/** The UpstreamError a promise rejects with (fails the test if it resolves or rejects with anything else). */
export const failure = async (promise: Promise<unknown>): Promise<UpstreamError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
};
