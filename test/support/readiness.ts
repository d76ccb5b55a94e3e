import type { FastifyInstance } from 'fastify';
import { hashToken } from '../../src/core/idp-credentials.js';

/** An operator's admin token for tests: `/readyz` shows its per-tenant details to this token only. */
export const READINESS_ADMIN_TOKEN = 'admin-token-for-readiness-details-0123';
export const readinessAdminTokens = [{ label: 'test-admin', sha256: hashToken(READINESS_ADMIN_TOKEN) }];

/** `GET /readyz` as an operator with an admin token (the per-tenant details), or with `null` (no token) as a probe does. */
export async function readyz(app: FastifyInstance, token: string | null = READINESS_ADMIN_TOKEN) {
  const res = await app.inject({ method: 'GET', url: '/readyz', headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  return {
    status: res.statusCode,
    headers: res.headers,
    text: res.body,
    body: res.json() as Record<string, unknown> & { status: string; tenants?: Record<string, Record<string, unknown>> },
  };
}
