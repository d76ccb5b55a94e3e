/** Bounds on retrying one logical request. */
export interface RetryOptions {
  /** Attempts in total, first try included (a 401 credential refresh does not count). Default 4. */
  maxAttempts?: number;
  /** Backoff base: the cap for the wait after the first failure. Default 200 ms. */
  baseDelayMs?: number;
  /** Largest backoff cap. Default 5,000 ms. */
  maxDelayMs?: number;
  /** Wall time the whole request, waits included, may take before the client gives up. Default 15,000 ms. */
  budgetMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export const retryPolicy = (options: RetryOptions = {}): RetryPolicy => ({
  maxAttempts: options.maxAttempts ?? 4,
  baseDelayMs: options.baseDelayMs ?? 200,
  maxDelayMs: options.maxDelayMs ?? 5_000,
  budgetMs: options.budgetMs ?? 15_000,
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
export const nextDelayMs = (
  policy: RetryPolicy,
  failures: number,
  random: () => number,
  retryAfterMs: number | undefined,
): number => Math.max(retryAfterMs ?? 0, backoffDelayMs(policy, failures, random));
