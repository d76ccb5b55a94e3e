import { z } from 'zod';
import type { JsonValue } from '../scim/resource.js';
import type { AuditChange, AuditEntry, AuditQuery, UpstreamState } from '../store/store.js';

export const AUDIT_DEFAULT_LIMIT = 100;
export const AUDIT_MAX_LIMIT = 1000;

/** An instant with a time zone (RFC 3339), normalised to UTC so that it compares with stored `at` values as text. */
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

const auditQuerySchema = z
  .object({
    tenant: z.string().min(1).optional(),
    resourceId: z.string().min(1).optional(),
    actor: z.string().min(1).optional(),
    resourceName: z.string().min(1).optional(),
    since: instant.optional(),
    until: instant.optional(),
    limit: z.coerce.number().int().min(1).max(AUDIT_MAX_LIMIT).default(AUDIT_DEFAULT_LIMIT),
  })
  .strict();

export type AuditQueryParse = { ok: true; query: AuditQuery & { limit: number } } | { ok: false; problems: string[] };

/**
 * Validate an audit query as the admin API and the `audit` command receive it: `actor` exact, `resourceName` (a
 * userName or a group's displayName) case-insensitive, `since` inclusive and `until` exclusive (RFC 3339 instants
 * with a zone), `limit` 1–1000 (default 100); unknown parameters are refused so that a misspelt filter never silently
 * widens the answer.
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
  if (q.actor !== undefined) query.actor = q.actor;
  if (q.resourceName !== undefined) query.resourceName = q.resourceName;
  if (q.since !== undefined) query.since = q.since;
  if (q.until !== undefined) query.until = q.until;
  return { ok: true, query };
}

const REDACTED = '[redacted]';

/**
 * Attribute and key names that hold secrets: a password, a client or shared secret, a token, an API key, a
 * credential, a cookie or session, a private key. Matched on any segment of an attribute path (`x.apiKey`,
 * `urn:…:User:password`), case-insensitively.
 */
const SECRET_NAME = /pass(word|wd|phrase)|secret|token|api[-_]?key|credential|cookie|session|private[-_]?key/i;

export const namesASecret = (attribute: string): boolean => attribute.split(/[.:[\]]/).some((segment) => SECRET_NAME.test(segment));

/** A value with every key named like a secret redacted, however deep. */
function redactKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(redactKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, namesASecret(key) && inner !== null ? REDACTED : redactKeys(inner as JsonValue)]),
  );
}

const redactChange = (c: AuditChange): AuditChange =>
  namesASecret(c.attribute)
    ? { attribute: c.attribute, before: c.before === null ? null : REDACTED, after: c.after === null ? null : REDACTED }
    : { attribute: c.attribute, before: redactKeys(c.before), after: redactKeys(c.after) };

const redactState = (state: UpstreamState): UpstreamState =>
  Object.fromEntries(Object.entries(state).map(([key, v]) => [key, namesASecret(key) && v !== null ? REDACTED : v]));

/**
 * An audit entry as shown to an operator (admin API, `scim-bridge audit`). The bridge records secrets as
 * `[redacted]` already; this redacts again, on the way out, any change or upstream-state value whose name says it is
 * a secret, so that an entry recorded by a path that forgot to can still never show one. A value that was absent
 * (`null`) stays `null`: that a password was set is worth seeing, the password is not.
 */
export function redactAuditEntry(entry: AuditEntry): AuditEntry {
  if (entry.changes === undefined && entry.upstreamState === undefined) return entry;
  const out: AuditEntry = { ...entry };
  if (entry.changes !== undefined) out.changes = entry.changes.map(redactChange);
  if (entry.upstreamState !== undefined) out.upstreamState = redactState(entry.upstreamState);
  return out;
}
