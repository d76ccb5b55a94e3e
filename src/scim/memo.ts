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
