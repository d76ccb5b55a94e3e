/**
 * A small least-recently-used memo for pure functions of a string: the hot read path computes the same ETags and
 * parses the same filters over and over. Bounded, so memory stays flat whatever the traffic.
 */
export function memoizeString<T>(fn: (key: string) => T, maxEntries: number): (key: string) => T {
  const cache = new Map<string, T>();
  return (key: string): T => {
    const hit = cache.get(key);
    if (hit !== undefined) {
      // Re-insert so Map order tracks recency.
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const value = fn(key);
    cache.set(key, value);
    if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
    return value;
  };
}

/**
 * A memo for pure functions of an object, kept only for frozen objects: a frozen object never changes, so what is
 * derived from it can be kept beside it (weakly: it goes when the object does). The stores and the view cache hand
 * out frozen, shared objects; anything else is computed each time, so a change to it always shows.
 */
export function memoizeFrozen<O extends object, T>(fn: (value: O) => T): (value: O) => T {
  const cache = new WeakMap<O, T>();
  return (value: O): T => {
    if (!Object.isFrozen(value)) return fn(value);
    const hit = cache.get(value);
    if (hit !== undefined || cache.has(value)) return hit as T;
    const result = fn(value);
    cache.set(value, result);
    return result;
  };
}
