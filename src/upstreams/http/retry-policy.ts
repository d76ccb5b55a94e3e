/** Bounds on retrying one logical request. */
export interface RetryOptions {
  /** Attempts in total, first try included (a 401 credential refresh does not count). */
  maxAttempts?: number;
  /** Backoff base: the cap for the wait after the first failure. */
  baseDelayMs?: number;
  /** Largest backoff cap. */
  maxDelayMs?: number;
  /** Wall time the whole request, waits included, may take before the client gives up. */
  budgetMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

/**
 * The one set of retry defaults: every upstream's configuration (`transport-config.ts`) and a client built without
 * one. Five attempts inside 20 s ride out a short upstream blip (a 503, a reset, a 429 with a Retry-After of a few
 * seconds) while an IdP, whose own request times out after 30-60 s, still gets an answer it can retry.
 */
export const DEFAULT_RETRY: RetryPolicy = Object.freeze({ maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 5_000, budgetMs: 20_000 });

export const retryPolicy = (options: RetryOptions = {}): RetryPolicy => ({
  maxAttempts: options.maxAttempts ?? DEFAULT_RETRY.maxAttempts,
  baseDelayMs: options.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
  maxDelayMs: options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
  budgetMs: options.budgetMs ?? DEFAULT_RETRY.budgetMs,
});

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(maxDelay, base · 2^(failures−1))), so clients that
 * failed together do not retry together. `random` returns a value in [0, 1).
 */
export const backoffDelayMs = (policy: RetryPolicy, failures: number, random: () => number): number => {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.floor(random() * cap);
};

/** The wait before the next attempt: at least what the upstream asked for, at least the jittered backoff. */
export const nextDelayMs = (policy: RetryPolicy, failures: number, random: () => number, retryAfterMs: number | undefined): number =>
  Math.max(retryAfterMs ?? 0, backoffDelayMs(policy, failures, random));
