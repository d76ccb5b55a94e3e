import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createIdpTokenVerifier } from '../../core/idp-credentials.js';
import { parseAuditQuery, redactAuditEntry } from '../../core/audit-query.js';
import type { AuditStore } from '../../store/store.js';
import { recordErrorOutcome } from '../plugins/error-outcome.js';

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

export interface AdminRouteOptions {
  /** Absent: no admin token is configured and the admin API answers 404, as an unknown route would. */
  verifier: AdminTokenVerifier | undefined;
  audit: AuditStore | undefined;
}

const BEARER = /^Bearer[ ]+(\S+)\s*$/i;

/** A plain JSON refusal, noted for the request's log line (with the operator's label once the token is known). */
const refuse = (reply: FastifyReply, status: number, error: string, detail: string, extra: Record<string, unknown> = {}, credential?: string): FastifyReply => {
  recordErrorOutcome(reply.request, { status, detail, ...(credential === undefined ? {} : { credential }) });
  return reply
    .code(status)
    .type('application/json')
    .send({ status, error, detail, ...extra });
};

/** The admin credential the request's bearer token matches, or `undefined` (no header, another scheme, another token). */
export function adminOf(request: FastifyRequest, verifier: AdminTokenVerifier): { label: string } | undefined {
  const header = request.headers.authorization;
  const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
  return token === undefined ? undefined : verifier.verify(token);
}

/**
 * The operators' admin API, outside the SCIM API: `GET /admin/audit` reads the audit log newest first, filtered by
 * tenant, resource id, actor, resource name (userName or displayName, case-insensitive) and time (RFC 6750 bearer
 * token from `adminTokens`). Answers are plain `application/json`, errors included; entries pass through
 * `redactAuditEntry` on the way out.
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
    if (!parsed.ok) return refuse(reply, 400, 'invalidQuery', parsed.problems.join('; '), { problems: parsed.problems }, admin.label);
    request.log.info({ admin: admin.label, query: parsed.query }, 'admin read the audit log');
    const entries = (await audit.query(parsed.query)).map(redactAuditEntry);
    return reply.type('application/json').send({ entries });
  });
}
