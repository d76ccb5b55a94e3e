import { describe, expect, it } from 'vitest';
import { MIN_API_KEY_LENGTH, obfuscateApiKey } from '../src/zscaler-zia/index.js';

describe('ZIA API-key obfuscation (docs/upstreams/zscaler-zia.md §2, help.zscaler.com "Getting Started")', () => {
  it.each([
    ['0123456789abcdef', '1389681124480', '124480284462'],
    ['AbCdEfGhIjKl', '1389681124480', 'bCEEIACIEEGC'],
    ['AbCdEfGhIjKl', '1700000999999', 'jjjjjjGlllll'],
  ])('the worked example: key %s at %s → %s', (apiKey, timestamp, expected) => {
    expect(obfuscateApiKey(apiKey, timestamp)).toBe(expected);
  });

  it('indexes the key with the last six digits, then with half of them, zero-padded, shifted by two', () => {
    // high = 000004 → key[0]×5 + key[4]; low = 000002 → key[2]×5 + key[4].
    expect(obfuscateApiKey('abcdefghijkl', '1700000000004')).toBe('aaaaae' + 'ccccce');
    // Only the last six digits count.
    expect(obfuscateApiKey('abcdefghijkl', '9999123456')).toBe(obfuscateApiKey('abcdefghijkl', '123456'));
  });

  it('uses only the first twelve characters of a longer key', () => {
    expect(obfuscateApiKey('AbCdEfGhIjKlZZZZ', '1389681124480')).toBe('bCEEIACIEEGC');
  });

  it(`refuses a key shorter than ${MIN_API_KEY_LENGTH} characters and a timestamp under six digits`, () => {
    expect(() => obfuscateApiKey('AbCdEfGhIjK', '1389681124480')).toThrow(RangeError);
    expect(() => obfuscateApiKey('AbCdEfGhIjKl', '12345')).toThrow(RangeError);
    expect(() => obfuscateApiKey('AbCdEfGhIjKl', '12345x')).toThrow(RangeError);
  });
});
