import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from '../../../bench/options.js';
import { chosenSections, ONLY_KEYS } from '../../../bench/sections/index.js';

describe('bench options', () => {
  it('defaults to the figures BENCHMARKS.md was measured with', () => {
    const o = parseBenchOptions([], {}, ONLY_KEYS);
    expect(o).toMatchObject({
      connections: 50,
      durationSeconds: 10,
      roundDurationSeconds: 3,
      warmupSeconds: 3,
      rounds: 10,
      users: 10_000,
      bigUsers: 100_000,
      oneIdUsers: 1_000,
      syncUsers: 50_000,
      syncGroups: 500,
      samples: 200,
    });
    expect(o).toMatchObject({ store: 'memory', only: undefined, write: true, cpuProfDir: undefined, command: 'npm run bench' });
  });

  it('takes flags over BENCH_* variables over defaults, and records both in the command', () => {
    const o = parseBenchOptions(['--rounds', '1', '-c', '4', '--no-write'], { BENCH_ROUNDS: '5', BENCH_USERS: '30', BENCH_STORE: 'file' }, ONLY_KEYS);
    expect(o).toMatchObject({ rounds: 1, connections: 4, users: 30, store: 'file', write: false });
    expect(o.command).toBe('BENCH_ROUNDS=5 BENCH_USERS=30 BENCH_STORE=file npm run bench -- --rounds 1 -c 4 --no-write');
    expect(parseBenchOptions([], { BENCH_WRITE: '0' }, ONLY_KEYS).write).toBe(false);
  });

  it('rejects what it cannot honour', () => {
    expect(() => parseBenchOptions(['--rounds', '0'], {}, ONLY_KEYS)).toThrow('--rounds must be a positive integer');
    expect(() => parseBenchOptions(['--store', 'disk'], {}, ONLY_KEYS)).toThrow('--store must be');
    expect(() => parseBenchOptions(['--only', 'filter,nope'], {}, ONLY_KEYS)).toThrow('--only: unknown nope');
    expect(() => parseBenchOptions(['--bogus'], {}, ONLY_KEYS)).toThrow();
  });

  it('chooses sections by their key or by one of their parts, in the order of BENCHMARKS.md', () => {
    const only = (raw: string) => chosenSections(parseBenchOptions(['--only', raw], {}, ONLY_KEYS).only).map((s) => s.key);
    expect(only('floor, filter')).toEqual(['read']);
    expect(only('big,oneid')).toEqual(['oneid', 'big']);
    expect(only('loop')).toEqual(['loop']);
    expect(only('sync')).toEqual(['sync']);
    expect(chosenSections(undefined).map((s) => s.marker)).toEqual([
      'read-path',
      'oneid-added-latency',
      'replicas',
      'big-tenant',
      'event-loop-hold',
      'source-sync',
    ]);
  });
});
