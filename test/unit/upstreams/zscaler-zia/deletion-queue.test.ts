import { describe, expect, it, vi } from 'vitest';
import { memoryDurableState } from '../../../../src/upstreams/durable-state.js';
import { UpstreamError } from '../../../../src/upstreams/upstream-error.js';
import { createDeletionQueue, type DeletionQueueOptions } from '../../../../src/upstreams/zscaler-zia/deletion-queue.js';

/** A queue over recording fakes of the two ZIA calls. */
function queueWith(overrides: Partial<DeletionQueueOptions> = {}) {
  const bulk: number[][] = [];
  const single: number[] = [];
  let deleted = 0;
  const state = memoryDurableState();
  const queue = createDeletionQueue({
    state,
    windowMs: 10,
    deleteOne: async (id) => {
      single.push(id);
    },
    deleteMany: async (ids) => {
      bulk.push([...ids]);
    },
    onDeleted: async () => {
      deleted++;
    },
    sleep: async () => undefined,
    ...overrides,
  });
  return { queue, state, bulk, single, deletions: () => deleted };
}

const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);

describe('ZIA deletion queue (bulkDelete ≤ 500, upstreams.md §C.4)', () => {
  it('sends 1,200 deletions as bulkDeletes of at most 500 ids, each id once', async () => {
    const q = queueWith();
    for (const id of ids(1200)) await q.queue.add(id);
    await vi.waitFor(() => expect(q.queue.size()).toBe(0));
    expect(q.bulk.map((b) => b.length)).toEqual([500, 500, 200]);
    expect(new Set(q.bulk.flat()).size).toBe(1200);
    expect(q.deletions()).toBe(3);
  });

  it('keeps the queue in the durable state until it is sent', async () => {
    const q = queueWith({ windowMs: 60_000 });
    await q.queue.add(7);
    await q.queue.add(8);
    expect(JSON.parse((await q.state.get('zia.deletions.pending')) ?? '[]')).toEqual([7, 8]);
    await q.queue.close();
    expect(q.bulk).toEqual([[7, 8]]);
    expect(await q.state.get('zia.deletions.pending')).toBe('');
  });

  it('sends a small batch user by user when the bulkDelete budget is spent', async () => {
    const spent = new UpstreamError('rateLimited', 'zscaler-zia', 'spent', { code: 'BUDGET_SPENT', retryAfterSeconds: 50 });
    const q = queueWith({ deleteMany: async () => Promise.reject(spent) });
    for (const id of ids(3)) await q.queue.add(id);
    await vi.waitFor(() => expect(q.queue.size()).toBe(0));
    expect(q.single).toEqual([1, 2, 3]);
  });

  it('waits for the Retry-After of a refused batch, then sends it again', async () => {
    const waits: number[] = [];
    const sent: number[][] = [];
    let refusals = 1;
    const q = queueWith({
      sleep: async (ms) => {
        waits.push(ms);
      },
      deleteMany: async (batch) => {
        if (refusals-- > 0) throw new UpstreamError('rateLimited', 'zscaler-zia', 'spent', { code: 'BUDGET_SPENT', retryAfterSeconds: 42 });
        sent.push([...batch]);
      },
    });
    for (const id of ids(20)) await q.queue.add(id);
    await vi.waitFor(() => expect(q.queue.size()).toBe(0));
    expect(waits).toEqual([42_000]);
    expect(sent.map((b) => b.length)).toEqual([20]);
  });

  it('a failed close leaves the queue for the next start', async () => {
    const down = new UpstreamError('unavailable', 'zscaler-zia', 'down', { status: 503 });
    const q = queueWith({ windowMs: 60_000, deleteMany: async () => Promise.reject(down), deleteOne: async () => Promise.reject(down) });
    await q.queue.add(1);
    await q.queue.add(2);
    await q.queue.close();
    expect(JSON.parse((await q.state.get('zia.deletions.pending')) ?? '[]')).toEqual([1, 2]);
    const next = queueWith({ state: q.state });
    await next.queue.resume();
    await vi.waitFor(() => expect(next.queue.size()).toBe(0));
    expect(next.bulk).toEqual([[1, 2]]);
  });
});
