import { describe, expect, it, vi } from 'vitest';
import { newUpstreamContext } from '../../../../src/upstreams/call-record.js';
import { memoryDurableState, memoryWorkQueue, type DurableWorkQueue } from '../../../../src/upstreams/durable-state.js';
import { UpstreamError } from '../../../../src/upstreams/upstream-error.js';
import { createDeletionQueue, DELETIONS_QUEUE, type DeletionQueueOptions } from '../../../../src/upstreams/zscaler-zia/deletion-queue.js';
import { manualClock, type ManualClock } from '../../../support/manual-clock.js';

const LEASE_MS = 60_000;

let workers = 0;

/** A queue (one replica) over recording fakes of the two ZIA calls; replicas share `queue` and `clock`. */
function queueWith(overrides: Partial<DeletionQueueOptions> & { clock?: ManualClock } = {}) {
  const bulk: number[][] = [];
  const single: number[] = [];
  let deleted = 0;
  const { clock = manualClock(), ...rest } = overrides;
  const queue = rest.queue ?? memoryWorkQueue();
  const deletions = createDeletionQueue({
    queue,
    owner: `worker-${++workers}`,
    leaseMs: LEASE_MS,
    windowMs: 10,
    clock,
    deleteOne: async (id) => {
      single.push(id);
    },
    deleteMany: async (ids) => {
      bulk.push([...ids]);
    },
    onDeleted: async () => {
      deleted++;
    },
    ...rest,
  });
  return { deletions, queue, clock, bulk, single, deletedCount: () => deleted };
}

const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);
const queuedIds = async (queue: DurableWorkQueue, of: number[]) => (await queue.find(DELETIONS_QUEUE, of.map(String))).map(Number).sort((a, b) => a - b);
const never = () => new Promise<void>(() => undefined);

describe('ZIA deletion queue (bulkDelete ≤ 500, docs/upstreams/zscaler-zia.md §4)', () => {
  it('sends 1,200 deletions as bulkDeletes of at most 500 ids, each id once', async () => {
    const q = queueWith();
    for (const id of ids(1200)) await q.deletions.add(id);
    // Two full batches went at once; the last 200 wait for the quiet window.
    await vi.waitFor(() => expect(q.bulk.flat()).toHaveLength(1000));
    await q.clock.advance(9);
    expect(q.bulk.flat()).toHaveLength(1000);
    await q.clock.advance(1);
    await vi.waitFor(() => expect(q.bulk.flat()).toHaveLength(1200));
    expect(q.bulk.map((b) => b.length)).toEqual([500, 500, 200]);
    expect(new Set(q.bulk.flat()).size).toBe(1200);
    expect(q.deletedCount()).toBe(3);
    await vi.waitFor(() => expect(q.deletions.size()).toBe(0));
  });

  it('keeps each deletion as a row of the work queue until ZIA has it', async () => {
    const q = queueWith({ windowMs: 60_000 });
    await q.deletions.add(7);
    await q.deletions.add(8);
    expect(await queuedIds(q.queue, [7, 8])).toEqual([7, 8]);
    expect(q.deletions.size()).toBe(2);
    expect(await q.deletions.isQueued(7)).toBe(true);
    expect(await q.deletions.queuedAmong([6, 7, 8, 9])).toEqual(new Set([7, 8]));
    await q.deletions.close();
    expect(q.bulk).toEqual([[7, 8]]);
    expect(await queuedIds(q.queue, [7, 8])).toEqual([]);
    expect(await q.deletions.isQueued(7)).toBe(false);
  });

  it('sends a small batch user by user when the bulkDelete budget is spent', async () => {
    const spent = new UpstreamError('rateLimited', 'zscaler-zia', 'spent', { code: 'BUDGET_SPENT', retryAfterSeconds: 50 });
    const q = queueWith({ deleteMany: async () => Promise.reject(spent) });
    for (const id of ids(3)) await q.deletions.add(id);
    await q.clock.advance(10);
    await vi.waitFor(() => expect(q.single).toEqual([1, 2, 3]));
    await vi.waitFor(() => expect(q.deletions.size()).toBe(0));
  });

  it('waits for the Retry-After of a refused batch, during which no replica sends it, then sends it again', async () => {
    const clock = manualClock();
    const queue = memoryWorkQueue();
    const sent: number[][] = [];
    let refusals = 1;
    const q = queueWith({
      clock,
      queue,
      deleteMany: async (batch) => {
        if (refusals-- > 0) throw new UpstreamError('rateLimited', 'zscaler-zia', 'spent', { code: 'BUDGET_SPENT', retryAfterSeconds: 42 });
        sent.push([...batch]);
      },
    });
    const other = queueWith({ clock, queue });
    for (const id of ids(20)) await q.deletions.add(id);
    await clock.advance(10);
    await vi.waitFor(async () => expect(await q.deletions.owedForMs()).toBe(42_000));
    // While this replica waits, another one looks: the batch is not due yet.
    await clock.advance(41_999);
    expect(await other.deletions.flushNow(newUpstreamContext('other'))).toBe(0);
    expect(sent).toEqual([]);
    await clock.advance(1);
    await vi.waitFor(() => expect(sent.flat()).toHaveLength(20));
    expect(sent.map((b) => b.length)).toEqual([20]);
    expect(other.bulk).toEqual([]);
  });

  it('a failed close leaves the queue for the next start', async () => {
    const down = new UpstreamError('unavailable', 'zscaler-zia', 'down', { status: 503 });
    const q = queueWith({ windowMs: 60_000, deleteMany: async () => Promise.reject(down), deleteOne: async () => Promise.reject(down) });
    await q.deletions.add(1);
    await q.deletions.add(2);
    await q.deletions.close();
    expect(await queuedIds(q.queue, [1, 2])).toEqual([1, 2]);
    expect(q.deletions.lastError()).toBe('down');
    // The next process starts after the refusal's back-off.
    await q.clock.advance(30_000);
    const next = queueWith({ queue: q.queue, clock: q.clock });
    await next.deletions.resume();
    await vi.waitFor(() => expect(next.bulk).toEqual([[1, 2]]));
    await next.deletions.close();
  });

  it('imports the single JSON array earlier versions kept, and clears it', async () => {
    const legacyState = memoryDurableState();
    await legacyState.set('zia.deletions.pending', '[11,12]');
    const q = queueWith({ legacyState });
    await q.deletions.resume();
    await vi.waitFor(() => expect(q.bulk).toEqual([[11, 12]]));
    expect(await legacyState.get('zia.deletions.pending')).toBe('');
    await q.deletions.close();
  });
});

describe('ZIA deletion queue shared by replicas', () => {
  it('deletions accepted by two replicas are all sent, each once, and hidden from both until then', async () => {
    const clock = manualClock();
    const queue = memoryWorkQueue();
    const [a, b] = [queueWith({ clock, queue, windowMs: 60_000 }), queueWith({ clock, queue, windowMs: 60_000 })];
    for (const id of ids(30)) await (id % 2 === 0 ? a : b).deletions.add(id);
    expect(await a.deletions.queuedAmong(ids(30))).toEqual(new Set(ids(30)));
    expect(await b.deletions.isQueued(2)).toBe(true);
    await Promise.all([a.deletions.close(), b.deletions.close()]);
    const sent = [...a.bulk, ...b.bulk].flat();
    expect(sent.sort((x, y) => x - y)).toEqual(ids(30));
    expect(await b.deletions.queuedAmong(ids(30))).toEqual(new Set());
  });

  it('a replica that died inside the bulk window leaves its deletions to a survivor, which sends them once the window is quiet', async () => {
    const clock = manualClock();
    const queue = memoryWorkQueue();
    // Killed: its timers never fire (no close, nothing sent).
    const dead = queueWith({ clock: { ...clock, setTimer: () => ({ cancel: () => undefined }) }, queue, windowMs: 2_000 });
    for (const id of ids(5)) await dead.deletions.add(id);
    const survivor = queueWith({ clock, queue, windowMs: 2_000, pollMs: 100 });
    await survivor.deletions.add(100);
    await clock.advance(1_999);
    expect(survivor.bulk).toEqual([]);
    await clock.advance(1);
    await vi.waitFor(() => expect(survivor.bulk.flat().sort((x, y) => x - y)).toEqual([...ids(5), 100]));
    expect(dead.bulk).toEqual([]);
    await survivor.deletions.close();
  });

  it('a replica that died while sending loses its claim when the lease runs out, and another replica sends the ids', async () => {
    const clock = manualClock();
    const queue = memoryWorkQueue();
    let claimedByDead: number[] = [];
    const dead = queueWith({
      clock,
      queue,
      deleteMany: async (batch) => {
        claimedByDead = [...batch];
        return never();
      },
    });
    for (const id of ids(4)) await dead.deletions.add(id);
    await clock.advance(10);
    await vi.waitFor(() => expect(claimedByDead).toEqual(ids(4)));

    const survivor = queueWith({ clock, queue, pollMs: 1_000 });
    await survivor.deletions.resume();
    await clock.advance(LEASE_MS - 1);
    expect(survivor.bulk).toEqual([]);
    expect(await survivor.deletions.queuedAmong(ids(4))).toEqual(new Set(ids(4)));

    await clock.advance(1);
    await vi.waitFor(() => expect(survivor.bulk).toEqual([ids(4)]));
    expect(await survivor.deletions.queuedAmong(ids(4))).toEqual(new Set());
    await survivor.deletions.close();
  });

  it('a replica sending one by one keeps its lease, so no other replica sends the same id meanwhile', async () => {
    const clock = manualClock();
    const queue = memoryWorkQueue();
    const spent = new UpstreamError('rateLimited', 'zscaler-zia', 'spent', { code: 'BUDGET_SPENT', retryAfterSeconds: 50 });
    const other = queueWith({ clock, queue });
    const slow = queueWith({
      clock,
      queue,
      deleteMany: async () => Promise.reject(spent),
      // Each DELETE takes 40 s of the 60 s lease: the lease would run out during the third without renewal.
      deleteOne: async (id) => {
        await clock.advance(40_000);
        await other.deletions.flushNow(newUpstreamContext('other'));
        slow.single.push(id);
      },
    });
    for (const id of ids(4)) await slow.deletions.add(id);
    await clock.advance(10);
    await vi.waitFor(() => expect(slow.single).toEqual(ids(4)));
    expect(other.bulk).toEqual([]);
    expect(other.single).toEqual([]);
  });
});
