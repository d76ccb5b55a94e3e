import { AUDIT_DEFAULT_LIMIT, parseAuditQuery, type AuditQueryParse } from '../../core/audit-query.js';
import type { AuditSearch } from './pages/tenant.js';

const field = (query: unknown, name: string): string => {
  const v = query !== null && typeof query === 'object' ? (query as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v.trim() : '';
};

/** A `datetime-local` value (no zone) read as UTC; anything else is left for the audit query to accept or refuse. */
const asInstant = (local: string): string => {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return `${local}:00Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(local)) return `${local}Z`;
  return local;
};

/**
 * The console's audit search form as an audit query for one tenant, validated exactly as the admin API validates
 * its query string (`parseAuditQuery`): name case-insensitive, actor exact, since inclusive, until exclusive.
 */
export function auditSearchOf(tenant: string, query: unknown): { search: AuditSearch; parsed: AuditQueryParse } {
  const search: AuditSearch = {
    resourceName: field(query, 'resourceName'),
    actor: field(query, 'actor'),
    since: field(query, 'since'),
    until: field(query, 'until'),
  };
  const raw: Record<string, unknown> = { tenant, limit: AUDIT_DEFAULT_LIMIT };
  if (search.resourceName) raw['resourceName'] = search.resourceName;
  if (search.actor) raw['actor'] = search.actor;
  if (search.since) raw['since'] = asInstant(search.since);
  if (search.until) raw['until'] = asInstant(search.until);
  return { search, parsed: parseAuditQuery(raw) };
}
