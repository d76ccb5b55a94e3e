import type { Pool } from 'pg';
import { foldCase } from '../fold-case.js';
import type { StatementMaker } from './statements.js';
import type { AuditQuery, AuditStore } from '../store.js';
import { AUDIT_COLUMNS, auditParams, rowToAudit, type AuditRow } from './row-mapping.js';

const FILTERS = [
  ['tenant', 'tenant ='],
  ['resourceId', 'resource_id ='],
  ['actor', 'actor ='],
  ['resourceName', 'resource_name_lower ='],
  ['since', 'occurred_at >='],
  ['until', 'occurred_at <'],
] as const;

const AUDIT_PLACEHOLDERS = AUDIT_COLUMNS.split(',')
  .map((_, i) => `$${i + 1}`)
  .join(', ');

/** The statement answering `q`, its parameters numbered in the order they are pushed. */
function auditQuery(q: AuditQuery): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const conditions: string[] = [];
  for (const [name, sql] of FILTERS) {
    if (q[name] === undefined) continue;
    values.push(name === 'resourceName' ? foldCase(q[name]) : q[name]);
    conditions.push(`${sql} $${values.length}`);
  }
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  let limit = '';
  if (q.limit !== undefined) {
    values.push(q.limit);
    limit = ` LIMIT $${values.length}`;
  }
  return { text: `SELECT ${AUDIT_COLUMNS} FROM audit_log${where} ORDER BY occurred_at DESC, seq DESC${limit}`, values };
}

/**
 * The append-only audit log on PostgreSQL. A query filters on whichever of tenant, resourceId, actor, resourceName
 * (case-insensitively), `since` (inclusive) and `until` (exclusive) it names, newest first, entries of the same
 * instant in reverse order of appending (the identity column `seq`).
 */
export function createPostgresAuditStore(pool: Pool, statement: StatementMaker): AuditStore {
  // Queries are built from the filters they name, so only the append is a fixed statement.
  const append = statement('audit.append', `INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES (${AUDIT_PLACEHOLDERS})`);
  return {
    async append(entry) {
      await pool.query(append(auditParams(entry)));
    },
    async query(q) {
      if (q.limit !== undefined && (!Number.isInteger(q.limit) || q.limit < 0)) {
        throw new RangeError(`audit query limit must be a non-negative integer, got ${q.limit}`);
      }
      const { text, values } = auditQuery(q);
      return (await pool.query<AuditRow>(text, values)).rows.map(rowToAudit);
    },
  };
}
