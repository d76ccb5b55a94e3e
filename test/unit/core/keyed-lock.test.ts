import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { KeyedLock } from '../../../src/core/keyed-lock.js';

describe('KeyedLock', () => {
  it('runs work on the same key one at a time, in arrival order', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const job = (name: string, ms: number) => lock.run(['k'], async () => {
      events.push(`${name} start`);
      await sleep(ms);
      events.push(`${name} end`);
    });
    await Promise.all([job('a', 20), job('b', 1)]);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('lets different keys run at once', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    await Promise.all([
      lock.run(['x'], async () => { events.push('x start'); await sleep(20); events.push('x end'); }),
      lock.run(['y'], async () => { events.push('y start'); await sleep(1); events.push('y end'); }),
    ]);
    expect(events.indexOf('y end')).toBeLessThan(events.indexOf('x end'));
  });

  it('does not deadlock on overlapping key sets taken in opposite order, and releases after a failure', async () => {
    const lock = new KeyedLock();
    const results = await Promise.allSettled([
      lock.run(['a', 'b'], async () => { await sleep(5); return 1; }),
      lock.run(['b', 'a'], async () => { await sleep(5); throw new Error('boom'); }),
      lock.run(['a'], async () => 3),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await expect(lock.run(['a', 'b'], async () => 'free again')).resolves.toBe('free again');
  });
});
