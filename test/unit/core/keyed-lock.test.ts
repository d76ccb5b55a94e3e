import { setImmediate as turn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { KeyedLock } from '../../../src/core/keyed-lock.js';

/** Work that lasts until the test ends it: the order of events is decided by the lock, not by timers racing. */
function gate() {
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open: () => open() };
}

/** A few turns of the event loop: long enough for anything the lock would let run to start. */
const turns = async () => {
  for (let i = 0; i < 5; i++) await turn();
};

describe('KeyedLock', () => {
  it('runs work on the same key one at a time, in arrival order', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const job = (name: string, until: Promise<void>) =>
      lock.run(['k'], async () => {
        events.push(`${name} start`);
        await until;
        events.push(`${name} end`);
      });
    const a = gate();
    const done = Promise.all([job('a', a.opened), job('b', Promise.resolve())]);
    await turns();
    expect(events).toEqual(['a start']);
    a.open();
    await done;
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('lets different keys run at once', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const x = gate();
    const done = Promise.all([
      lock.run(['x'], async () => {
        events.push('x start');
        await x.opened;
        events.push('x end');
      }),
      lock.run(['y'], async () => {
        events.push('y start');
        await turn();
        events.push('y end');
      }),
    ]);
    await turns();
    expect(events).toEqual(['x start', 'y start', 'y end']);
    x.open();
    await done;
  });

  it('does not deadlock on overlapping key sets taken in opposite order, and releases after a failure', async () => {
    const lock = new KeyedLock();
    const results = await Promise.allSettled([
      lock.run(['a', 'b'], async () => {
        await turn();
        return 1;
      }),
      lock.run(['b', 'a'], async () => {
        await turn();
        throw new Error('boom');
      }),
      lock.run(['a'], async () => 3),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await expect(lock.run(['a', 'b'], async () => 'free again')).resolves.toBe('free again');
  });
});
