import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createIdpTokenVerifier } from '../../core/idp-credentials.js';
import type { AuditQuery, AuditStore } from '../../store/store.js';

/** An operator credential for the admin API: a label for logs and the SHA-256 of the token, as for IdP tokens. */
export interface AdminCredential {
  label: string;
  sha256: string;
}

export interface AdminTokenVerifier {
  /** The label of the admin credential the token matches, or `undefined`. */
  verify(token: string): { label: string } | undefined;
}

/**
 * Admin tokens are checked exactly as IdP tokens are (hashed, compared in constant time against every stored hash)
 * but against their own list, so an IdP token can never open the admin API.
 */
export function createAdminTokenVerifier(credentials: readonly AdminCredential[]): AdminTokenVerifier {
  const idp = createIdpTokenVerifier(credentials.map((c) => ({ ...c, tenant: '' })));
  return {
    verify(token) {
      const found = idp.verify(token);
      return found && { label: found.label };
    },
  };
}

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

export interface AdminRouteOptions {
  /** Absent: no admin token is configured and the admin API answers 404, as an unknown route would. */
  verifier: AdminTokenVerifier | undefined;
  audit: AuditStore | undefined;
}

const BEARER = /^Bearer[ ]+(\S+)\s*$/i;

const refuse = (reply: FastifyReply, status: number, error: string, detail: string, extra: Record<string, unknown> = {}): FastifyReply =>
  reply.code(status).type('application/json').send({ status, error, detail, ...extra });

function adminOf(request: FastifyRequest, verifier: AdminTokenVerifier): { label: string } | undefined {
  const header = request.headers.authorization;
  const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
  return token === undefined ? undefined : verifier.verify(token);
}

/**
 * The operators' admin API, outside the SCIM API: `GET /admin/audit` reads the audit log newest first (RFC 6750
 * bearer token from `adminTokens`). Answers are plain `application/json`, errors included.
 */
export function registerAdminRoutes(app: FastifyInstance, options: AdminRouteOptions): void {
  app.get('/admin/audit', async (request, reply) => {
    const { verifier, audit } = options;
    if (!verifier || !audit) return reply.callNotFound();
    const admin = adminOf(request, verifier);
    if (!admin) {
      reply.header('WWW-Authenticate', 'Bearer realm="scim-bridge-admin"');
      const detail = request.headers.authorization ? 'The bearer token is not an admin token' : 'Authorization: Bearer <admin token> is required';
      return refuse(reply, 401, 'unauthorized', detail);
    }
    const parsed = parseAuditQuery(request.query as Record<string, unknown>);
    if (!parsed.ok) return refuse(reply, 400, 'invalidQuery', parsed.problems.join('; '), { problems: parsed.problems });
    request.log.info({ admin: admin.label, query: parsed.query }, 'admin read the audit log');
    const entries = await audit.query(parsed.query);
    return reply.type('application/json').send({ entries });
  });
}
