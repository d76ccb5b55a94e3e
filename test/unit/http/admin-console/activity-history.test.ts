import { describe, expect, it } from 'vitest';
import { createActivityHistory, createActivityTally, type ActivityReading } from '../../../../src/http/admin-console/activity-history.js';

const MINUTE = 60_000;
/** 10:00:00 UTC on a day; minute-aligned, so `at(n)` is n minutes later. */
const T0 = Date.UTC(2026, 11, 7, 10, 0, 0);

function clockAndCounters() {
  let now = T0;
  const counters = new Map<string, ActivityReading>();
  const set = (tenant: string, key: string, total: number, kind: ActivityReading['kind'] = 'requests') =>
    counters.set(`${tenant}/${kind}/${key}`, { tenant, kind, key, total });
  const history = createActivityHistory({ read: () => counters.values(), now: () => now });
  return { history, set, at: (minutes: number, seconds = 0) => (now = T0 + minutes * MINUTE + seconds * 1000) };
}

describe('activity history (per-minute deltas of cumulative counters, last hour)', () => {
  it('puts what each counter gained since the last sample into the current minute, per tenant and kind', () => {
    const { history, set, at } = clockAndCounters();
    set('acme', '201', 3);
    set('acme', '200', 1, 'upstream');
    set('other', '201', 7);
    history.sample();
    at(0, 30);
    set('acme', '201', 5);
    history.sample(); // same minute: adds up
    at(2);
    set('acme', '201', 6);
    set('acme', '409', 1);
    history.sample();

    const w = history.window('acme');
    expect(w.minuteStarts).toHaveLength(60);
    expect(w.minuteStarts.at(-1)).toBe(T0 + 2 * MINUTE);
    expect(w.minuteStarts[0]).toBe(T0 - 57 * MINUTE);
    expect(w.requests.get('201')?.slice(-3)).toEqual([5, 0, 1]);
    expect(w.requests.get('409')?.slice(-3)).toEqual([0, 0, 1]);
    expect(w.upstream.get('200')?.slice(-3)).toEqual([1, 0, 0]);
    expect([...w.requests.values()].every((v) => v.length === 60)).toBe(true);
    // Another tenant's counts stay its own.
    expect(history.window('other').requests.get('201')?.at(-3)).toBe(7);
    expect(history.window('nobody').requests.size).toBe(0);
  });

  it('keeps only the last 60 minutes', () => {
    const { history, set, at } = clockAndCounters();
    set('acme', '201', 1);
    history.sample();
    at(59);
    expect(history.window('acme').requests.get('201')?.[0]).toBe(1);
    at(60);
    // Even before the next sample, a window read later leaves out the minute that fell out of it.
    expect(history.window('acme').requests.size).toBe(0);
    history.sample();
    expect(history.window('acme').requests.size).toBe(0);
  });

  it('reads a counter lower than before as restarted from zero: all of it is new, nothing negative', () => {
    const { history, set, at } = clockAndCounters();
    set('acme', '201', 10);
    history.sample();
    at(1);
    set('acme', '201', 4);
    history.sample();
    at(2);
    set('acme', '201', 6);
    history.sample();
    expect(history.window('acme').requests.get('201')?.slice(-3)).toEqual([10, 4, 2]);
  });

  it('tallies counts per tenant, kind and key, handing out copies', () => {
    const tally = createActivityTally();
    tally.count('acme', 'requests', '201');
    tally.count('acme', 'requests', '201');
    tally.count('acme', 'upstream', '201');
    const readings = tally.readings();
    expect(readings).toEqual([
      { tenant: 'acme', kind: 'requests', key: '201', total: 2 },
      { tenant: 'acme', kind: 'upstream', key: '201', total: 1 },
    ]);
    readings[0]!.total = 99;
    expect(tally.readings()[0]?.total).toBe(2);
  });
});
