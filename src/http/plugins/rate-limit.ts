import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { ScimError } from '../../scim/errors.js';

export interface RateLimitOptions {
  /** Requests allowed per credential per window. */
  max: number;
  timeWindowMs: number;
}

/**
 * A per-credential request budget (@fastify/rate-limit). Runs after authentication so the key is the IdP
 * credential, not an address shared by many tenants. Over budget: 429 with an integer `Retry-After` (Okta honours
 * only integer seconds; idp-behaviour.md §B2).
 */
export async function registerRateLimit(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    max: options.max,
    timeWindow: options.timeWindowMs,
    keyGenerator: (request) => (request.idp ? `${request.idp.tenant}:${request.idp.label}` : request.ip),
    addHeadersOnExceeding: { 'x-ratelimit-limit': true, 'x-ratelimit-remaining': true, 'x-ratelimit-reset': true },
    addHeaders: { 'x-ratelimit-limit': true, 'x-ratelimit-remaining': true, 'x-ratelimit-reset': true, 'retry-after': false },
    errorResponseBuilder: (_request, context) =>
      new ScimError(429, `Too many requests: ${context.max} per ${context.after}`, undefined, { retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
  });
}
