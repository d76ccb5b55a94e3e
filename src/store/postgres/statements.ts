import type { QueryConfig } from 'pg';

/** A fixed SQL text with a name, ready to be given its values for one execution. */
export type Statement = (values: unknown[]) => QueryConfig;

/** Makes the store's statements, named (prepared) or not. */
export type StatementMaker = (name: string, text: string) => Statement;

/**
 * The store's fixed statements named, so that node-postgres prepares each once per connection and PostgreSQL parses and plans it once
 * instead of on every execution (measured on the index look-up: about half of PostgreSQL's CPU time per query and
 * a third of the wall time). Off, every execution is an unnamed statement: for a transaction-mode pooler that
 * cannot keep prepared statements across transactions (PgBouncer before 1.21, or without
 * `max_prepared_statements`). Names are prefixed, as they share a connection's namespace with anything else run on
 * it; the text of a name never changes within a process (node-postgres refuses a second text under one name).
 */
export function statementMaker(prepared: boolean): StatementMaker {
  return (name, text) => {
    const qualified = `scim-bridge/${name}`;
    return prepared ? (values) => ({ name: qualified, text, values }) : (values) => ({ text, values });
  };
}
