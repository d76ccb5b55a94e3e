/** The typed filter AST of RFC 7644 §3.4.2.2, independent of the parser library that produces it. */

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type CompareValue = string | number | boolean | null;

/**
 * A parsed filter. Paths keep the case and URN prefix they were written with; inside a `valuePath` they are
 * relative to one element of the multi-valued attribute named by its `path` (`emails[type eq "work"]`).
 */
export type FilterNode =
  | { kind: 'compare'; path: string; op: CompareOp; value: CompareValue }
  | { kind: 'present'; path: string }
  | { kind: 'and'; filters: FilterNode[] }
  | { kind: 'or'; filters: FilterNode[] }
  | { kind: 'not'; filter: FilterNode }
  | { kind: 'valuePath'; path: string; filter: FilterNode };

/** A PATCH `path` (RFC 7644 §3.5.2): `attribute[filter].subAttribute`, each part but the first optional. */
export interface ValuePathExpression {
  attribute: string;
  filter?: FilterNode;
  subAttribute?: string;
}
