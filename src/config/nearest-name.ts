import { closestMatch } from 'leven';

/**
 * The candidate a misspelt `name` most likely meant, or `undefined` when none is close enough to be a typo. Case is
 * ignored. Close means a Levenshtein distance of at most a third of the name's length (at least 2) and less than the
 * whole name, so that `x` is not "corrected" to `id`; failing that, the shortest candidate the name begins
 * (`replayWindow` → `replayWindowSeconds`: a unit left off).
 */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  const lower = candidates.map((c) => c.toLowerCase());
  const target = name.toLowerCase();
  const maxDistance = Math.min(Math.max(2, Math.ceil(target.length / 3)), target.length - 1);
  const match = maxDistance < 1 ? undefined : closestMatch(target, lower, { maxDistance });
  if (match !== undefined) return candidates[lower.indexOf(match)];
  if (target.length < 3) return undefined;
  const extended = candidates.filter((_, i) => lower[i]?.startsWith(target));
  return extended.sort((a, b) => a.length - b.length)[0];
}
