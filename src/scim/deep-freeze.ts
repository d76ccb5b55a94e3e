/**
 * Freeze a JSON value and everything inside it. Values shared between callers (the store's content-addressed
 * resources, memoised views) are frozen so that a caller that tries to change one in place fails loudly (a
 * TypeError in strict-mode modules) instead of silently changing what every later reader sees.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
