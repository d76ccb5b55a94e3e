import { describe, expect, it } from 'vitest';
import { newestRead } from '../../../../src/upstreams/zscaler-zia/newest-read.js';

/** A read whose answer the test releases when it chooses. */
function controlledReads() {
  const pending: ((n: number) => void)[] = [];
  return { read: () => new Promise<number>((resolve) => pending.push(resolve)), answer: (i: number, n: number) => pending[i]?.(n) };
}

describe('newestRead: overlapping reads of a queue summary', () => {
  it('drops an answer that started before one already applied', async () => {
    const reads = controlledReads();
    let seen: number | undefined;
    const summary = newestRead(reads.read, (n) => (seen = n));
    const slow = summary.refresh();
    const fast = summary.refresh();
    reads.answer(1, 1); // the later read: the queue holds one item
    await fast;
    reads.answer(0, 0); // the earlier read answers last, from before the enqueue
    await slow;
    expect(seen).toBe(1);
  });

  it('drops an answer that started before a local change (supersede)', async () => {
    const reads = controlledReads();
    let seen = -1;
    const summary = newestRead(reads.read, (n) => (seen = n));
    const before = summary.refresh();
    summary.supersede();
    reads.answer(0, 0);
    await before;
    expect(seen).toBe(-1);
  });
});
