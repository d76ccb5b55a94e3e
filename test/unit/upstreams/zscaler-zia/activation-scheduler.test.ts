import { describe, expect, it } from 'vitest';
import { memoryDurableState, memoryWorkQueue, type DurableWorkQueue } from '../../../../src/upstreams/durable-state.js';
import { UpstreamError } from '../../../../src/upstreams/upstream-error.js';
import type { BackgroundWrite } from '../../../../src/upstreams/upstream.js';
import { ACTIVATION_QUEUE, createActivationScheduler } from '../../../../src/upstreams/zscaler-zia/activation-scheduler.js';
import { manualClock } from '../../../support/manual-clock.js';

const LEASE_MS = 60_000;
let workers = 0;
/** What a replica's scheduler needs besides its timing: the tenant's work queues and a worker name of its own. */
const replicaOn = (queue: DurableWorkQueue = memoryWorkQueue()) => ({ queue, owner: `worker-${++workers}`, leaseMs: LEASE_MS });
const owed = async (queue: DurableWorkQueue, now: number) => (await queue.summary(ACTIVATION_QUEUE, new Date(now).toISOString())).total;

describe('ZIA activation: once per batch of writes, durable across restarts', () => {
  it('100 writes arriving within 2 s cause one activation after the quiet period', async () => {
    const time = manualClock({ start: 0 });
    let activations = 0;
    const s = createActivationScheduler({
      activate: async () => {
        activations++;
      },
      ...replicaOn(),
      debounceMs: 500,
      maxDelayMs: 10_000,
      clock: time,
    });
    for (let i = 0; i < 100; i++) {
      await s.noteWrite();
      await time.advance(20);
    }
    expect(activations).toBe(0);
    await time.advance(600);
    expect(activations).toBe(1);
    expect(s.status()).toMatchObject({ pending: false, activations: 1 });
  });

  it('a steady trickle of writes is still activated within maxDelayMs', async () => {
    const time = manualClock({ start: 0 });
    let activations = 0;
    const s = createActivationScheduler({
      activate: async () => {
        activations++;
      },
      ...replicaOn(),
      debounceMs: 1000,
      maxDelayMs: 3000,
      clock: time,
    });
    for (let i = 0; i < 10; i++) {
      await s.noteWrite();
      await time.advance(500);
    }
    expect(activations).toBeGreaterThanOrEqual(1);
  });

  it('an activation owed when the process died is sent at the next start', async () => {
    const queue = memoryWorkQueue();
    const time = manualClock({ start: 0 });
    const before = createActivationScheduler({ activate: async () => undefined, ...replicaOn(queue), debounceMs: 1000, maxDelayMs: 5000, clock: time });
    await before.noteWrite();
    // The process is killed here: no timer fires, nothing is activated.
    let activations = 0;
    const after = createActivationScheduler({
      activate: async () => {
        activations++;
      },
      ...replicaOn(queue),
      debounceMs: 1000,
      maxDelayMs: 5000,
      clock: time,
    });
    await after.resume();
    expect(activations).toBe(1);
    expect(await owed(queue, time.now())).toBe(0);
  });

  it('an activation marked owed by an earlier version (one state key) is sent at the next start, and the key cleared', async () => {
    const legacyState = memoryDurableState();
    await legacyState.set('zia.activation.pendingSince', '2024-01-01T00:00:00.000Z');
    let activations = 0;
    const s = createActivationScheduler({
      activate: async () => {
        activations++;
      },
      ...replicaOn(),
      legacyState,
      debounceMs: 1000,
      maxDelayMs: 5000,
      clock: manualClock({ start: 0 }),
    });
    await s.resume();
    expect(activations).toBe(1);
    expect(await legacyState.get('zia.activation.pendingSince')).toBe('');
  });

  it('a refused activation (budget spent) is tried again after its Retry-After', async () => {
    const time = manualClock({ start: 0 });
    let calls = 0;
    const s = createActivationScheduler({
      activate: async () => {
        calls++;
        if (calls === 1) throw new UpstreamError('rateLimited', 'zscaler-zia', 'spent', { retryAfterSeconds: 30 });
      },
      ...replicaOn(),
      debounceMs: 100,
      maxDelayMs: 1000,
      clock: time,
    });
    await s.noteWrite();
    await time.advance(200);
    expect(s.status()).toMatchObject({ pending: true, activations: 0 });
    await time.advance(30_000);
    expect(s.status()).toMatchObject({ pending: false, activations: 1 });
  });

  it('audits each activation ZIA received, refused or not, and none that was never sent', async () => {
    const time = manualClock({ start: 0 });
    const entries: BackgroundWrite[] = [];
    let n = 0;
    const call = (status: number) => ({ upstream: 'zscaler-zia', method: 'POST', path: '/status/activate', status, durationMs: 1, attempt: 1 });
    const s = createActivationScheduler({
      activate: async (ctx) => {
        n++;
        if (n === 1) throw new UpstreamError('rateLimited', 'zscaler-zia', 'spent', { code: 'BUDGET_SPENT', retryAfterSeconds: 1 });
        ctx.calls.push(call(n === 2 ? 503 : 200));
        if (n === 2) throw new UpstreamError('unavailable', 'zscaler-zia', 'down', { status: 503, retryAfterSeconds: 1 });
      },
      recordWrite: async (w) => void entries.push(w),
      ...replicaOn(),
      debounceMs: 100,
      maxDelayMs: 1000,
      clock: time,
    });
    await s.noteWrite();
    await time.advance(3_000);
    expect(s.status()).toMatchObject({ pending: false, activations: 1 });
    expect(entries.map((e) => [e.actor, e.operation, e.resourceType, e.status, e.calls.length])).toEqual([
      ['zia-activation', 'activate', 'System', 503, 1],
      ['zia-activation', 'activate', 'System', 200, 1],
    ]);
    expect(entries[0]?.detail).toBe('down');
  });
});

describe('ZIA activation shared by replicas', () => {
  it('writes on two replicas within one batch cause one activation', async () => {
    const time = manualClock({ start: 0 });
    const queue = memoryWorkQueue();
    let activations = 0;
    const make = () =>
      createActivationScheduler({
        activate: async () => {
          activations++;
        },
        ...replicaOn(queue),
        debounceMs: 500,
        maxDelayMs: 10_000,
        clock: time,
      });
    const [a, b] = [make(), make()];
    for (let i = 0; i < 10; i++) {
      await (i % 2 === 0 ? a : b).noteWrite();
      await time.advance(20);
    }
    await time.advance(2_000);
    expect(activations).toBe(1);
    expect(await owed(queue, time.now())).toBe(0);
    // The replica whose timer fired second found nothing owed, and knows it.
    expect([a.status().pending, b.status().pending]).toEqual([false, false]);
    await Promise.all([a.flush(), b.flush()]);
    expect(activations).toBe(1);
  });

  it('a write on another replica while one activates is activated in a batch of its own', async () => {
    const time = manualClock({ start: 0 });
    const queue = memoryWorkQueue();
    let activations = 0;
    const other: { b?: ReturnType<typeof createActivationScheduler> } = {};
    const a = createActivationScheduler({
      activate: async () => {
        activations++;
        // ZIA is activating what it holds; this write, on replica B, is not part of it.
        if (activations === 1) await other.b?.noteWrite();
      },
      ...replicaOn(queue),
      debounceMs: 500,
      maxDelayMs: 10_000,
      clock: time,
    });
    other.b = createActivationScheduler({
      activate: async () => {
        activations++;
      },
      ...replicaOn(queue),
      debounceMs: 500,
      maxDelayMs: 10_000,
      clock: time,
    });
    await a.noteWrite();
    await time.advance(600);
    expect(activations).toBe(1);
    expect(await owed(queue, time.now())).toBe(1);
    await time.advance(600);
    expect(activations).toBe(2);
    expect(await owed(queue, time.now())).toBe(0);
  });

  it("an activation owed by a replica that died is sent by a survivor's poll", async () => {
    const time = manualClock({ start: 0 });
    const queue = memoryWorkQueue();
    // Its timers never fire: it is killed right after each write.
    const dead = createActivationScheduler({
      activate: async () => undefined,
      ...replicaOn(queue),
      debounceMs: 500,
      maxDelayMs: 10_000,
      clock: { ...time, setTimer: () => ({ cancel: () => undefined }) },
    });
    await dead.noteWrite();
    let activations = 0;
    const survivor = createActivationScheduler({
      activate: async () => {
        activations++;
      },
      ...replicaOn(queue),
      pollMs: 1_000,
      debounceMs: 500,
      maxDelayMs: 10_000,
      clock: time,
    });
    await survivor.resume();
    expect(activations).toBe(1);
    await dead.noteWrite();
    await time.advance(1_000);
    expect(activations).toBe(2);
    expect(survivor.status().pending).toBe(false);
  });
});
