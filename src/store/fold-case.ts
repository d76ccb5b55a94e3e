/**
 * Folds a userName or displayName for case-insensitive matching (RFC 7643 §4.1.1 `userName` and §4.2
 * `displayName`: `caseExact` false). Every engine folds here, in JavaScript, rather than with SQL `lower()`, which
 * folds ASCII only in SQLite and depends on the database's locale in PostgreSQL: all engines then match alike.
 */
export const foldCase = (s: string): string => s.toLowerCase();
