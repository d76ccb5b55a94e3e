/** Small helpers for an upstream's `describeMapping` (upstream-descriptor.ts): the sandbox prints what they make. */

/** Names joined, or `(none)`. */
export const listOf = (names: readonly string[]): string => (names.length === 0 ? '(none)' : names.join(', '));

/** The `name`s of a simulator state's records (`departments`, `groups`), when it has them. */
export function namesIn(state: Record<string, unknown>, key: string): string[] {
  const records = state[key];
  if (!Array.isArray(records)) return [];
  return records.flatMap((r: unknown) =>
    typeof r === 'object' && r !== null && typeof (r as { name?: unknown }).name === 'string' ? [(r as { name: string }).name] : [],
  );
}
