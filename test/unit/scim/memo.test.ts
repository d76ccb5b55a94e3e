import { describe, expect, it } from 'vitest';
import { memoizeString } from '../../../src/scim/memo.js';

describe('memoizeString', () => {
  it('computes once per key and evicts the least recently used beyond the bound', () => {
    const seen: string[] = [];
    const f = memoizeString((k) => { seen.push(k); return k.length; }, 2);
    expect([f('a'), f('bb'), f('a'), f('ccc'), f('a'), f('bb')]).toEqual([1, 2, 1, 3, 1, 2]);
    // 'bb' was evicted when 'ccc' arrived ('a' had been used more recently), so it is computed again.
    expect(seen).toEqual(['a', 'bb', 'ccc', 'bb']);
  });

  it('caches nothing when the function throws', () => {
    let calls = 0;
    const f = memoizeString(() => { calls++; throw new Error('bad'); }, 10);
    expect(() => f('x')).toThrow('bad');
    expect(() => f('x')).toThrow('bad');
    expect(calls).toBe(2);
  });
});
