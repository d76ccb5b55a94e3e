import type fc from 'fast-check';

/**
 * One fixed seed for every property, so a CI failure replays exactly: fast-check prints the seed, the shrink path and
 * the counterexample. `FC_SEED=<n>` explores another part of the input space locally.
 */
export const SEED = Number(process.env.FC_SEED ?? 20_261_122);

/** Run settings for one property: bounded and seeded; a failure is shrunk to the smallest counterexample. */
export function runs<T>(numRuns: number): fc.Parameters<T> {
  return { seed: SEED, numRuns };
}
