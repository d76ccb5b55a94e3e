import { setTimeout as delay } from 'node:timers/promises';
import { UpstreamError } from '../upstream-error.js';

/** One documented limit: `count` requests per `perMs`. */
export interface RateWindow {
  count: number;
  perMs: number;
}

/** The limits of one endpoint, e.g. `POST /users/bulkDelete`: 1 per minute and 4 per hour (docs/upstreams/zscaler-zia.md §7). */
export interface BudgetRule {
  method: string;
  /** Route template as the adapter names it, e.g. `/users/{id}`. */
  route: string;
  windows: RateWindow[];
}

/**
 * Where spent requests are counted. In memory for one process; a shared store (Redis) makes replicas spend one
 * budget together. `reserve` records the request only if every window still has room, atomically.
 */
export interface BudgetLedger {
  reserve(key: string, windows: readonly RateWindow[], now: number): Promise<{ granted: boolean; retryAfterMs: number }>;
}

/** Sliding-window counts in process memory. */
export function memoryBudgetLedger(): BudgetLedger {
  const spent = new Map<string, number[]>();
  return {
    async reserve(key, windows, now) {
      const longest = Math.max(...windows.map((w) => w.perMs));
      const times = (spent.get(key) ?? []).filter((t) => t > now - longest);
      let retryAfterMs = 0;
      for (const w of windows) {
        const inWindow = times.filter((t) => t > now - w.perMs);
        if (inWindow.length >= w.count) retryAfterMs = Math.max(retryAfterMs, (inWindow[inWindow.length - w.count] ?? now) + w.perMs - now);
      }
      if (retryAfterMs > 0) {
        spent.set(key, times);
        return { granted: false, retryAfterMs };
      }
      times.push(now);
      spent.set(key, times);
      return { granted: true, retryAfterMs: 0 };
    },
  };
}

export interface RequestBudgetOptions {
  upstream: string;
  rules: readonly BudgetRule[];
  ledger?: BudgetLedger;
  /** A wait up to this long is taken in stride (per-second limits); longer ones fail at once as `rateLimited`. */
  maxWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Client-side enforcement of an upstream's documented per-endpoint limits, so a known budget never earns a 429:
 * short waits are absorbed, and a spent hourly budget answers at once with how long to wait (the IdP then gets a 429
 * with an integer Retry-After rather than a request hanging past its timeout).
 */
export function createRequestBudget(o: RequestBudgetOptions) {
  const ledger = o.ledger ?? memoryBudgetLedger();
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
  const maxWaitMs = o.maxWaitMs ?? 5_000;
  const ruleFor = (method: string, route: string) => o.rules.find((r) => r.method === method && r.route === route);

  return {
    async acquire(method: string, route: string): Promise<void> {
      const rule = ruleFor(method, route);
      if (!rule) return;
      for (;;) {
        let reservation: { granted: boolean; retryAfterMs: number };
        try {
          reservation = await ledger.reserve(`${o.upstream}:${method} ${route}`, rule.windows, now());
        } catch (cause) {
          // The shared ledger (Redis) is down: refuse rather than spend a budget blind; the IdP may retry.
          throw new UpstreamError('unavailable', o.upstream, `${method} ${route}: the request budget cannot be checked`, { retryAfterSeconds: 5, cause });
        }
        const { granted, retryAfterMs } = reservation;
        if (granted) return;
        if (retryAfterMs > maxWaitMs) {
          throw new UpstreamError('rateLimited', o.upstream, `${method} ${route}: the documented request budget is spent`, {
            retryAfterSeconds: Math.ceil(retryAfterMs / 1000),
            code: 'BUDGET_SPENT',
          });
        }
        await sleep(retryAfterMs);
      }
    },
  };
}
