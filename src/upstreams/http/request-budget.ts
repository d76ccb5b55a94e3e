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
  reserve(key: string, windows: readonly RateWindow[], now: number): Promise<Reservation>;
}

export interface Reservation {
  granted: boolean;
  retryAfterMs: number;
  /** Per window, in the order given: requests it still allows after this reservation (all replicas' spending counted). */
  remaining: number[];
}

/** What one endpoint's documented limit still allowed after the last request this process asked it for. */
export interface BudgetLeft {
  /** `METHOD route`, e.g. `POST /users`. */
  endpoint: string;
  /** In the endpoint's longest window (ZIA's hourly one): a short window refills within seconds and says little. */
  remaining: number;
  limit: number;
  windowSeconds: number;
  /** When it was read (epoch ms): windows free up afterwards, so it is a floor until the next request. */
  at: number;
}

/** Sliding-window counts in process memory. */
export function memoryBudgetLedger(): BudgetLedger {
  const spent = new Map<string, number[]>();
  return {
    async reserve(key, windows, now) {
      const longest = Math.max(...windows.map((w) => w.perMs));
      const times = (spent.get(key) ?? []).filter((t) => t > now - longest);
      let retryAfterMs = 0;
      const used = windows.map((w) => times.filter((t) => t > now - w.perMs));
      windows.forEach((w, i) => {
        const inWindow = used[i] ?? [];
        if (inWindow.length >= w.count) retryAfterMs = Math.max(retryAfterMs, (inWindow[inWindow.length - w.count] ?? now) + w.perMs - now);
      });
      spent.set(key, times);
      if (retryAfterMs > 0) return { granted: false, retryAfterMs, remaining: windows.map((w, i) => Math.max(0, w.count - (used[i]?.length ?? 0))) };
      times.push(now);
      return { granted: true, retryAfterMs: 0, remaining: windows.map((w, i) => w.count - (used[i]?.length ?? 0) - 1) };
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
  const left = new Map<string, BudgetLeft>();
  /** The longest window's count left, as of this reservation. */
  const note = (endpoint: string, windows: readonly RateWindow[], remaining: readonly number[]) => {
    let longest = -1;
    windows.forEach((w, i) => {
      if (remaining[i] !== undefined && (longest < 0 || w.perMs > (windows[longest]?.perMs ?? 0))) longest = i;
    });
    const w = windows[longest];
    const r = remaining[longest];
    if (w && r !== undefined) left.set(endpoint, { endpoint, remaining: r, limit: w.count, windowSeconds: Math.round(w.perMs / 1000), at: now() });
  };

  return {
    /** Each endpoint this process has asked for, with what its limit still allowed then; in endpoint order. */
    left: (): BudgetLeft[] => [...left.values()].sort((a, b) => a.endpoint.localeCompare(b.endpoint)),
    async acquire(method: string, route: string): Promise<void> {
      const rule = ruleFor(method, route);
      if (!rule) return;
      for (;;) {
        let reservation: Reservation;
        try {
          reservation = await ledger.reserve(`${o.upstream}:${method} ${route}`, rule.windows, now());
        } catch (cause) {
          // The shared ledger (Redis) is down: refuse rather than spend a budget blind; the IdP may retry.
          throw new UpstreamError('unavailable', o.upstream, `${method} ${route}: the request budget cannot be checked`, { retryAfterSeconds: 5, cause });
        }
        const { granted, retryAfterMs } = reservation;
        note(`${method} ${route}`, rule.windows, reservation.remaining);
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
