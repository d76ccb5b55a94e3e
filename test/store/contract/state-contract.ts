import { describe, expect, it } from 'vitest';
import { T1, T2, type StoreAccessor } from './fixtures.js';

export function describeStateContract(store: StoreAccessor): void {
  describe('state', () => {
    it('answers undefined for a key never set', async () => {
      expect(await store().state.get(T1, 'reconciler.watermark')).toBeUndefined();
    });

    it('keeps the last value set for a key', async () => {
      await store().state.set(T1, 'reconciler.watermark', '2024-01-01T00:00:00.000Z');
      await store().state.set(T1, 'zia.pendingActivation', 'true');
      await store().state.set(T1, 'reconciler.watermark', '2024-01-02T00:00:00.000Z');
      expect(await store().state.get(T1, 'reconciler.watermark')).toBe('2024-01-02T00:00:00.000Z');
      expect(await store().state.get(T1, 'zia.pendingActivation')).toBe('true');
    });

    it('lists the keys under a prefix in key order, and forgets a deleted key', async () => {
      await store().state.set(T1, 'owed:b', '2');
      await store().state.set(T1, 'owed:a', '1');
      await store().state.set(T1, 'owed_x', 'not under "owed:"');
      await store().state.set(T1, 'owe', 'shorter than the prefix');
      await store().state.set(T2, 'owed:c', 'another tenant');
      expect(await store().state.list(T1, 'owed:')).toEqual([
        { key: 'owed:a', value: '1' },
        { key: 'owed:b', value: '2' },
      ]);
      await store().state.delete(T1, 'owed:a');
      await store().state.delete(T1, 'owed:never-set');
      expect(await store().state.get(T1, 'owed:a')).toBeUndefined();
      expect(await store().state.list(T1, 'owed:')).toEqual([{ key: 'owed:b', value: '2' }]);
      expect(await store().state.list(T2, 'owed:')).toEqual([{ key: 'owed:c', value: 'another tenant' }]);
    });

    it('matches `%` and `_` in a prefix literally', async () => {
      await store().state.set(T1, 'a%b:1', 'x');
      await store().state.set(T1, 'aXb:1', 'y');
      expect((await store().state.list(T1, 'a%b:')).map((e) => e.key)).toEqual(['a%b:1']);
    });
  });
}
