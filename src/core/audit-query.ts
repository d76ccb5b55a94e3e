import { z } from 'zod';
import type { AuditQuery } from '../store/store.js';

export const AUDIT_DEFAULT_LIMIT = 100;
export const AUDIT_MAX_LIMIT = 1000;

/** An instant with a time zone (RFC 3339), normalised to UTC so that it compares with stored `at` values as text. */
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

const auditQuerySchema = z
  .object({
    tenant: z.string().min(1).optional(),
    resourceId: z.string().min(1).optional(),
    since: instant.optional(),
    until: instant.optional(),
    limit: z.coerce.number().int().min(1).max(AUDIT_MAX_LIMIT).default(AUDIT_DEFAULT_LIMIT),
  })
  .strict();

export type AuditQueryParse = { ok: true; query: AuditQuery & { limit: number } } | { ok: false; problems: string[] };

/**
 * Validate an audit query as the admin API and the `audit` command receive it: `since` inclusive and `until`
 * exclusive (RFC 3339 instants with a zone), `limit` 1–1000 (default 100); unknown parameters are refused so that a
 * misspelt filter never silently widens the answer.
 */
export function parseAuditQuery(raw: Record<string, unknown>): AuditQueryParse {
  const parsed = auditQuerySchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`) };
  }
  const q = parsed.data;
  if (q.since !== undefined && q.until !== undefined && q.since > q.until) return { ok: false, problems: ['since: must not be after until'] };
  const query: AuditQuery & { limit: number } = { limit: q.limit };
  if (q.tenant !== undefined) query.tenant = q.tenant;
  if (q.resourceId !== undefined) query.resourceId = q.resourceId;
  if (q.since !== undefined) query.since = q.since;
  if (q.until !== undefined) query.until = q.until;
  return { ok: true, query };
}
