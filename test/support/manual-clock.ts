import type { Clock, Timer } from '../../src/upstreams/clock.js';

export interface ManualClock extends Clock {
  /**
   * Moves time `ms` forward. Timers (and sleeps) that fall due meanwhile run in the order of their times, each with
   * the clock at its own time, and the work each one starts gets a turn of the event loop before the next runs.
   */
  advance(ms: number): Promise<void>;
}

export interface ManualClockOptions {
  /** Epoch milliseconds at the start (default 2026-01-01T00:00:00Z). */
  start?: number;
  /**
   * How a `sleep` (a retry back-off, a budget wait) ends. `'advance'`: the sleeper moves the clock itself, once
   * `busy()` is false (time stands still while a request is on the wire), so waits pass in no real time; sleepers
   * that start together wake together (the clock moves to the latest wake-up asked for, not their sum). Default
   * `'wait'`: a sleep ends when the test advances past it, like any timer.
   */
  sleeps?: 'advance' | 'wait';
  busy?: () => boolean;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The one fake clock of the unit tests: time moves only when a test (or, with `sleeps: 'advance'`, a sleeper) moves
 * it, so debounces, batching windows, polls, leases and Retry-After waits are tested without waiting on, or racing,
 * the wall clock. Its methods are plain functions: `{ ...clock, setTimer: … }` is a clock too (a replica whose
 * timers never fire, as if killed).
 */
export function manualClock(options: ManualClockOptions = {}): ManualClock {
  let t = options.start ?? Date.UTC(2026, 0, 1);
  let seq = 0;
  const timers: { at: number; seq: number; fn: () => void; live: boolean }[] = [];
  const busy = options.busy ?? (() => false);

  const setTimer = (fn: () => void, ms: number): Timer => {
    const timer = { at: t + Math.max(0, ms), seq: seq++, fn, live: true };
    timers.push(timer);
    return {
      cancel: () => {
        timer.live = false;
      },
    };
  };

  const nextDue = (until: number) => {
    let next: (typeof timers)[number] | undefined;
    for (const x of timers) if (x.live && x.at <= until && (!next || x.at < next.at || (x.at === next.at && x.seq < next.seq))) next = x;
    return next;
  };

  const advanceTo = async (until: number) => {
    for (let next = nextDue(until); next; next = nextDue(until)) {
      next.live = false;
      t = Math.max(t, next.at);
      next.fn();
      await turn();
    }
    t = Math.max(t, until);
    for (let i = timers.length - 1; i >= 0; i--) if (!timers[i]?.live) timers.splice(i, 1);
  };

  const waitForTimer = (ms: number) => new Promise<void>((resolve) => setTimer(resolve, ms));

  return {
    now: () => t,
    setTimer,
    advance: (ms) => advanceTo(t + ms),
    sleep:
      options.sleeps === 'advance'
        ? async (ms) => {
            const wakeAt = t + ms;
            const woken = waitForTimer(ms);
            do await turn();
            while (busy());
            await advanceTo(wakeAt);
            await woken;
          }
        : waitForTimer,
  };
}
