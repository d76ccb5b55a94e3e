/**
 * Accepted-request times of one endpoint, in arrival order (the clock never runs backwards within a log), kept for
 * the last hour: the longest window any ZIA budget has. Lookups are binary searches, so a load test that sends
 * thousands of requests an hour to one endpoint stays linear.
 */
export class TimestampLog {
  private times: number[] = [];
  private start = 0;

  push(at: number): void {
    this.times.push(at);
    this.trim(at - 3_600_000);
  }

  /** How many entries are later than `after` (i.e. fall in the window `(after, now]`). */
  countSince(after: number): number {
    return this.times.length - this.firstIndexAfter(after);
  }

  /** The `n`-th most recent entry (1 = the latest). */
  nthFromEnd(n: number): number | undefined {
    const index = this.times.length - n;
    return n >= 1 && index >= this.start ? this.times[index] : undefined;
  }

  private firstIndexAfter(after: number): number {
    let lo = this.start;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.times[mid] ?? 0) > after) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private trim(before: number): void {
    this.start = this.firstIndexAfter(before);
    if (this.start > 1024 && this.start * 2 > this.times.length) {
      this.times = this.times.slice(this.start);
      this.start = 0;
    }
  }
}
