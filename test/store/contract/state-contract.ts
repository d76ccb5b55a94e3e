import { describe, expect, it } from 'vitest';
import { T1, type StoreAccessor } from './fixtures.js';

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
  });
}
