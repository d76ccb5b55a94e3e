import { describe, expect, it } from 'vitest';
import { obfuscateApiKey } from '../../../../src/upstreams/zscaler-zia/obfuscate-api-key.js';

describe('ZIA API-key obfuscation: the worked examples of docs/upstreams/zscaler-zia.md §2', () => {
  it.each([
    ['0123456789abcdef', '1389681124480', '124480284462'],
    ['AbCdEfGhIjKl', '1389681124480', 'bCEEIACIEEGC'],
    ['AbCdEfGhIjKl', '1700000999999', 'jjjjjjGlllll'],
  ])('key %s at %s → %s', (key, ts, expected) => {
    expect(obfuscateApiKey(key, ts)).toBe(expected);
  });

  it('refuses keys shorter than 12 characters and short timestamps (as the SDK does)', () => {
    expect(() => obfuscateApiKey('short', '1389681124480')).toThrow(/12 characters/);
    expect(() => obfuscateApiKey('0123456789abcdef', '123')).toThrow(/timestamp/);
  });
});
