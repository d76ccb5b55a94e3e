import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Runs a stepwise computation of the pure core (a generator that yields where it may pause, e.g. `applyPatchInSteps`)
 * to its result, giving the event loop a turn at each pause: other requests, health checks and timers run between the
 * steps of one big request instead of waiting for all of it.
 */
export async function inTurns<T>(steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await nextTurn();
  }
}
