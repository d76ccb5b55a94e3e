import { setTimeout as delay } from 'node:timers/promises';

/** A timer that may be called off before it fires. */
export interface Timer {
  cancel(): void;
}

/**
 * Time as the upstream layer sees it: what time it is, waits (retry back-off, budget waits, Retry-After) and timers
 * (ZIA's activation debounce, the deletion window, the work-queue polls). One dependency, so tests can run every
 * schedule on a clock of their own instead of waiting on, or racing, the wall clock.
 */
export interface Clock {
  now(): number;
  /** Resolves after `ms`: a wait a caller is in the middle of (it keeps the process alive, like any pending request). */
  sleep(ms: number): Promise<void>;
  /** Calls `fn` once after `ms`: background work, which never keeps the process alive on its own. */
  setTimer(fn: () => void, ms: number): Timer;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => delay(ms).then(() => undefined),
  setTimer(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref();
    return { cancel: () => clearTimeout(t) };
  },
};

/** Waits `ms` on `clock`'s timers (so it never keeps the process alive); `stop` ends the wait early. */
export function backgroundWait(clock: Clock, ms: number): { done: Promise<void>; stop(): void } {
  let stop = () => undefined as void;
  const done = new Promise<void>((resolve) => {
    const timer = clock.setTimer(resolve, ms);
    stop = () => {
      timer.cancel();
      resolve();
    };
  });
  return { done, stop };
}
