import { describe, expect, it } from 'vitest';
import { memoizeFrozen, memoizeString } from '../../../src/scim/memo.js';

describe('memoizeString', () => {
  it('computes once per key and evicts the least recently used beyond the bound', () => {
    const seen: string[] = [];
    const f = memoizeString((k) => {
      seen.push(k);
      return k.length;
    }, 2);
    expect([f('a'), f('bb'), f('a'), f('ccc'), f('a'), f('bb')]).toEqual([1, 2, 1, 3, 1, 2]);
    // 'bb' was evicted when 'ccc' arrived ('a' had been used more recently), so it is computed again.
    expect(seen).toEqual(['a', 'bb', 'ccc', 'bb']);
  });

  it('caches nothing when the function throws', () => {
    let calls = 0;
    const f = memoizeString(() => {
      calls++;
      throw new Error('bad');
    }, 10);
    expect(() => f('x')).toThrow('bad');
    expect(() => f('x')).toThrow('bad');
    expect(calls).toBe(2);
  });
});

describe('memoizeFrozen', () => {
  it('computes once per frozen object, and anew for an open one each time', () => {
    let calls = 0;
    const size = memoizeFrozen((o: { items: string[] }) => (calls++, o.items.length));
    const frozen = Object.freeze({ items: ['a'] });
    expect([size(frozen), size(frozen)]).toEqual([1, 1]);
    expect(calls).toBe(1);
    const open = { items: ['a'] };
    expect(size(open)).toBe(1);
    open.items.push('b');
    expect(size(open)).toBe(2);
    expect(calls).toBe(3);
  });
});
