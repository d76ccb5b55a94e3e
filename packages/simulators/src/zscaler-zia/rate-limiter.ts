import { PERIOD_MS } from './budgets.js';
import type { EndpointBudget, RateLimit } from './budgets.js';
import type { ZiaBehaviour } from './behaviour.js';
import { TimestampLog } from './timestamp-log.js';

/** How one endpoint's budget has been spent since the simulator started (or `resetBudgets()`). */
export interface BudgetUsage {
  method: string;
  /** Relative to the API prefix, e.g. `/users/:userId`. */
  route: string;
  /** `[burst, hourly]`. */
  limits: RateLimit[];
  accepted: number;
  /** Requests answered 429 by the budget (never counted as accepted). */
  rejected: number;
  /** Accepted requests in the window ending now, per limit. */
  current: number[];
  /** The most accepted requests seen in any one window, per limit: compare with `limits` to prove a budget was kept. */
  peak: number[];
}

/** Where the tightest limit stands after a request, for OneAPI's `x-ratelimit-*` headers. */
export interface LimitStanding {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

export type LimitDecision =
  { allowed: true; standing: LimitStanding } | { allowed: false; exceeded: RateLimit; retryAfterSeconds: number; standing: LimitStanding };

type Mode = Pick<ZiaBehaviour, 'rateLimits' | 'rateLimitAlgorithm'>;

interface EndpointState {
  method: string;
  route: string;
  limits: RateLimit[];
  log: TimestampLog;
  tokens: number[];
  refilledAt: number;
  accepted: number;
  rejected: number;
  peak: number[];
}

/**
 * Per-endpoint budgets (ZH-RL, ZH-RLS) on the simulator's clock. Every accepted request is logged, so usage and peaks
 * are exact whichever algorithm enforces and even when enforcement is off. Requests are counted per organization
 * (the simulator has one) and per endpoint [INF: per admin or per org is not documented].
 */
export class EndpointRateLimiter {
  private readonly endpoints = new Map<string, EndpointState>();

  constructor(private readonly now: () => number) {}

  take(method: string, route: string, budget: EndpointBudget, mode: Mode): LimitDecision {
    const at = this.now();
    const state = this.stateOf(method, route, budget, at);
    this.refill(state, at);
    const waits = state.limits.map((limit, i) => this.waitMs(state, i, limit, at, mode.rateLimitAlgorithm));
    const worst = waits.reduce((best, wait, i) => (wait > (waits[best] ?? 0) ? i : best), 0);
    const worstWait = waits[worst] ?? 0;
    if (mode.rateLimits && worstWait > 0) {
      state.rejected += 1;
      const exceeded = state.limits[worst] as RateLimit;
      // ZH-RL's own example answers "0 seconds" under a 1/SECOND limit: the wait is rounded down.
      return { allowed: false, exceeded, retryAfterSeconds: Math.floor(worstWait / 1000), standing: this.standing(state, at, mode) };
    }
    state.accepted += 1;
    state.log.push(at);
    state.limits.forEach((limit, i) => {
      if (mode.rateLimits && mode.rateLimitAlgorithm === 'token-bucket') state.tokens[i] = (state.tokens[i] ?? 0) - 1;
      state.peak[i] = Math.max(state.peak[i] ?? 0, state.log.countSince(at - PERIOD_MS[limit.per]));
    });
    return { allowed: true, standing: this.standing(state, at, mode) };
  }

  usage(): BudgetUsage[] {
    const at = this.now();
    return [...this.endpoints.values()].map((s) => ({
      method: s.method,
      route: s.route,
      limits: s.limits.map((l) => ({ ...l })),
      accepted: s.accepted,
      rejected: s.rejected,
      current: s.limits.map((l) => s.log.countSince(at - PERIOD_MS[l.per])),
      peak: [...s.peak],
    }));
  }

  reset(): void {
    this.endpoints.clear();
  }

  private stateOf(method: string, route: string, budget: EndpointBudget, at: number): EndpointState {
    const key = `${method} ${route}`;
    let state = this.endpoints.get(key);
    if (!state) {
      const limits = [budget.burst, budget.hourly];
      state = { method, route, limits, log: new TimestampLog(), tokens: limits.map((l) => l.limit), refilledAt: at, accepted: 0, rejected: 0, peak: [0, 0] };
      this.endpoints.set(key, state);
    }
    return state;
  }

  private refill(state: EndpointState, at: number): void {
    const elapsed = at - state.refilledAt;
    state.limits.forEach((limit, i) => {
      state.tokens[i] = Math.min(limit.limit, (state.tokens[i] ?? 0) + (elapsed * limit.limit) / PERIOD_MS[limit.per]);
    });
    state.refilledAt = at;
  }

  /** Milliseconds until this limit admits one more request; 0 when it admits one now. */
  private waitMs(state: EndpointState, i: number, limit: RateLimit, at: number, algorithm: Mode['rateLimitAlgorithm']): number {
    const period = PERIOD_MS[limit.per];
    if (algorithm === 'token-bucket') {
      const tokens = state.tokens[i] ?? 0;
      return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * period) / limit.limit);
    }
    const inWindow = state.log.countSince(at - period);
    if (inWindow < limit.limit) return 0;
    // The request that must leave the window before another fits: the limit-th most recent one.
    return (state.log.nthFromEnd(limit.limit) ?? at) + period - at;
  }

  private standing(state: EndpointState, at: number, mode: Mode): LimitStanding {
    const standings = state.limits.map((limit, i) => {
      const period = PERIOD_MS[limit.per];
      if (mode.rateLimitAlgorithm === 'token-bucket') {
        const tokens = Math.max(0, state.tokens[i] ?? 0);
        return { limit: limit.limit, remaining: Math.floor(tokens), resetSeconds: Math.ceil(((limit.limit - tokens) * period) / limit.limit / 1000) };
      }
      const used = state.log.countSince(at - period);
      const oldest = state.log.nthFromEnd(used);
      return {
        limit: limit.limit,
        remaining: Math.max(0, limit.limit - used),
        resetSeconds: oldest === undefined ? 0 : Math.ceil((oldest + period - at) / 1000),
      };
    });
    return standings.reduce((tight, s) => (s.remaining < tight.remaining ? s : tight));
  }
}
