import { GROUP_SCHEMA, USER_SCHEMA } from '../resource.js';
import type { FilterNode } from './ast.js';

const CORE_PREFIXES = [USER_SCHEMA, GROUP_SCHEMA].map((urn) => `${urn.toLowerCase()}:`);

/** Lower case, without the core schema URN: `urn:…:core:2.0:User:userName` → `username`; extension URNs stay. */
export const canonicalPath = (path: string): string => {
  const lower = path.toLowerCase();
  const prefix = CORE_PREFIXES.find((p) => lower.startsWith(p));
  return prefix ? lower.slice(prefix.length) : lower;
};

const conjuncts = (node: FilterNode): FilterNode[] => (node.kind === 'and' ? node.filters.flatMap(conjuncts) : [node]);

/**
 * The `attr eq "string"` terms of a filter that is nothing but such terms joined by `and` (RFC 7644 §3.4.2.2), so
 * the filter holds exactly when all of them do and the core can answer it from an index (`userName eq "bjensen"`,
 * Entra's `externalId eq "…"`). Paths come back canonical (see {@link canonicalPath}), values as written: how to
 * compare them (case, multi-valued) is up to the caller's schema. `[]` when any part is something else (`or`, `not`,
 * `pr`, a value filter, another operator or a non-string value).
 */
export function equalityConstraints(filter: FilterNode): { path: string; value: string }[] {
  const terms = conjuncts(filter);
  const constraints: { path: string; value: string }[] = [];
  for (const t of terms) {
    if (t.kind !== 'compare' || t.op !== 'eq' || typeof t.value !== 'string') return [];
    constraints.push({ path: canonicalPath(t.path), value: t.value });
  }
  return constraints;
}
