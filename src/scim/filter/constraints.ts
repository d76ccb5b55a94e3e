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

/**
 * Whether a filter reads the top-level attribute `name` (canonical, e.g. `groups`) anywhere, in any spelling
 * (`groups.display`, `groups[value eq "…"]`, with the core schema URN). Paths inside a value filter are relative to
 * its attribute, so only the value filter's own path counts.
 */
export function filterReads(filter: FilterNode, name: string): boolean {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return filter.filters.some((f) => filterReads(f, name));
    case 'not':
      return filterReads(filter.filter, name);
    default:
      return pathReads(filter.path, name);
  }
}

/** Whether an attribute path (a filter's or `sortBy`) starts with the top-level attribute `name` (canonical). */
export function pathReads(path: string, name: string): boolean {
  const canonical = canonicalPath(path);
  return canonical === name || canonical.startsWith(`${name}.`) || canonical.startsWith(`${name}[`);
}
