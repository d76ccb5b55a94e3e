/** One key's count in the current fixed window. */
export interface WindowCount {
  count: number;
  /** Whole seconds until the window resets (at least 1). */
  resetSeconds: number;
}

/**
 * A fixed-window request counter per key (a tenant, a client IP). A window opens at a key's first request and lasts
 * `windowMs`. Zuora counts unsuccessful requests too ("unsuccessful requests contribute to your per-minute limit",
 * Zuora "Rate limits" guide), so every hit counts.
 */
export class FixedWindowCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly now: () => number,
    private readonly windowMs = 60_000,
  ) {}

  hit(key: string): WindowCount {
    const at = this.now();
    let window = this.windows.get(key);
    if (!window || at - window.start >= this.windowMs) {
      window = { start: at, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetSeconds: Math.max(1, Math.ceil((window.start + this.windowMs - at) / 1000)) };
  }

  reset(): void {
    this.windows.clear();
  }
}
