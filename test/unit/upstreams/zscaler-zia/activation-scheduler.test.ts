import { describe, expect, it } from 'vitest';
import { memoryDurableState } from '../../../../src/upstreams/durable-state.js';
import { UpstreamError } from '../../../../src/upstreams/upstream-error.js';
import type { BackgroundWrite } from '../../../../src/upstreams/upstream.js';
import { createActivationScheduler } from '../../../../src/upstreams/zscaler-zia/activation-scheduler.js';

/** A manual clock with timers, so batching is tested without real time. */
function fakeTime() {
  let t = 0;
  const timers: { at: number; fn: () => void; live: boolean }[] = [];
  return {
    now: () => t,
    setTimer: (fn: () => void, ms: number) => {
      const timer = { at: t + ms, fn, live: true };
      timers.push(timer);
      return { cancel: () => { timer.live = false; } };
    },
    async advance(ms: number) {
      const end = t + ms;
      for (;;) {
        const next = timers.filter((x) => x.live && x.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        t = next.at;
        next.live = false;
        next.fn();
        await new Promise((r) => setImmediate(r));
      }
      t = end;
    },
  };
}

describe('ZIA activation: once per batch of writes, durable across restarts', () => {
  it('100 writes arriving within 2 s cause one activation after the quiet period', async () => {
    const time = fakeTime();
    let activations = 0;
    const s = createActivationScheduler({ activate: async () => { activations++; }, state: memoryDurableState(), debounceMs: 500, maxDelayMs: 10_000, ...time });
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
    const time = fakeTime();
    let activations = 0;
    const s = createActivationScheduler({ activate: async () => { activations++; }, state: memoryDurableState(), debounceMs: 1000, maxDelayMs: 3000, ...time });
    for (let i = 0; i < 10; i++) {
      await s.noteWrite();
      await time.advance(500);
    }
    expect(activations).toBeGreaterThanOrEqual(1);
  });

  it('an activation owed when the process died is sent at the next start', async () => {
    const state = memoryDurableState();
    const time = fakeTime();
    const before = createActivationScheduler({ activate: async () => undefined, state, debounceMs: 1000, maxDelayMs: 5000, ...time });
    await before.noteWrite();
    // The process is killed here: no timer fires, nothing is activated.
    let activations = 0;
    const after = createActivationScheduler({ activate: async () => { activations++; }, state, debounceMs: 1000, maxDelayMs: 5000, ...time });
    await after.resume();
    expect(activations).toBe(1);
    expect(await state.get('zia.activation.pendingSince')).toBe('');
  });

  it('a refused activation (budget spent) is tried again after its Retry-After', async () => {
    const time = fakeTime();
    let calls = 0;
    const s = createActivationScheduler({
      activate: async () => {
        calls++;
        if (calls === 1) throw new UpstreamError('rateLimited', 'zscaler-zia', 'spent', { retryAfterSeconds: 30 });
      },
      state: memoryDurableState(), debounceMs: 100, maxDelayMs: 1000, ...time,
    });
    await s.noteWrite();
    await time.advance(200);
    expect(s.status()).toMatchObject({ pending: true, activations: 0 });
    await time.advance(30_000);
    expect(s.status()).toMatchObject({ pending: false, activations: 1 });
  });

  it('audits each activation ZIA received, refused or not, and none that was never sent', async () => {
    const time = fakeTime();
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
      state: memoryDurableState(), debounceMs: 100, maxDelayMs: 1000, ...time,
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
