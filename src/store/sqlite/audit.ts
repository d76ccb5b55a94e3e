import type { Database, Statement } from 'better-sqlite3';
import { foldCase } from '../fold-case.js';
import type { AuditQuery, AuditStore } from '../store.js';
import { auditToRow, rowToAudit, type AuditRow } from './row-mapping.js';

const COLUMNS =
  'tenant, occurred_at, request_id, actor, operation, resource_type, resource_id, resource_name, resource_name_lower, ' +
  'upstream_id, status, upstream_calls, changes, upstream_state, detail';

const FILTERS = [
  ['tenant', 'tenant = @tenant'],
  ['resourceId', 'resource_id = @resourceId'],
  ['actor', 'actor = @actor'],
  ['resourceName', 'resource_name_lower = @resourceName'],
  ['since', 'occurred_at >= @since'],
  ['until', 'occurred_at < @until'],
  ['limit', ''],
] as const;

/**
 * The append-only audit log on SQLite. A query filters on whichever of tenant, resourceId, actor, resourceName
 * (case-insensitively), `since` (inclusive) and `until` (exclusive) it names, newest first, entries of the same
 * instant in reverse order of appending. One prepared statement per combination of filters, made on first use, keeps
 * every query on an index.
 */
export function createSqliteAuditStore(db: Database): AuditStore {
  const insert = db.prepare<[AuditRow]>(
    `INSERT INTO audit_log (${COLUMNS})
     VALUES (@tenant, @occurred_at, @request_id, @actor, @operation, @resource_type, @resource_id, @resource_name,
      @resource_name_lower, @upstream_id, @status, @upstream_calls, @changes, @upstream_state, @detail)`,
  );
  const queries = new Map<string, Statement<[AuditQuery], AuditRow>>();

  const statementFor = (q: AuditQuery): Statement<[AuditQuery], AuditRow> => {
    const present = FILTERS.filter(([name]) => q[name] !== undefined);
    const shape = present.map(([name]) => name).join(',');
    let statement = queries.get(shape);
    if (!statement) {
      const conditions = present.map(([, sql]) => sql).filter((sql) => sql !== '');
      const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
      const limit = q.limit !== undefined ? ' LIMIT @limit' : '';
      statement = db.prepare<[AuditQuery], AuditRow>(`SELECT ${COLUMNS} FROM audit_log${where} ORDER BY occurred_at DESC, seq DESC${limit}`);
      queries.set(shape, statement);
    }
    return statement;
  };

  return {
    async append(entry) {
      insert.run(auditToRow(entry));
    },
    async query(q) {
      if (q.limit !== undefined && (!Number.isInteger(q.limit) || q.limit < 0)) {
        throw new RangeError(`audit query limit must be a non-negative integer, got ${q.limit}`);
      }
      const params = q.resourceName === undefined ? q : { ...q, resourceName: foldCase(q.resourceName) };
      return statementFor(q).all(params).map(rowToAudit);
    },
  };
}
