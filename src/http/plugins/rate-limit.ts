import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { ScimError } from '../../scim/errors.js';

/** Where the counters go in a shared Redis: `<redis.keyPrefix>rate-limit:<tenant>:<credential label>`. */
export const rateLimitRedisNamespace = (keyPrefix: string): string => `${keyPrefix}rate-limit:`;
/** The namespace under the default `redis.keyPrefix` (`scim-bridge:`). */
export const RATE_LIMIT_REDIS_NAMESPACE = rateLimitRedisNamespace('scim-bridge:');

export interface RateLimitOptions {
  /** Requests allowed per credential per window. */
  max: number;
  timeWindowMs: number;
  /**
   * Counts in this Redis instead of process memory, so replicas behind one load balancer spend one budget per
   * credential together. Give it a short `connectTimeout` and a low `maxRetriesPerRequest` (the plugin's README).
   */
  redis?: Redis;
  /** The configuration's `redis.keyPrefix` (default `scim-bridge:`), so deployments sharing one Redis keep apart. */
  redisKeyPrefix?: string;
}

/**
 * A per-credential request budget (@fastify/rate-limit). Runs after authentication so the key is the IdP
 * credential, not an address shared by many tenants (both are onRequest hooks; route-level hooks, which the plugin
 * adds, run after the encapsulated context's own). Over budget: 429 with an integer `Retry-After` (Okta honours
 * only integer seconds; docs/idps.md §2).
 */
export async function registerRateLimit(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    // onRequest, after authentication (registered before it): a client over budget is refused before its body is
    // read and parsed, so throttled traffic costs as little as possible.
    hook: 'onRequest',
    max: options.max,
    timeWindow: options.timeWindowMs,
    ...(options.redis
      ? { redis: options.redis, nameSpace: options.redisKeyPrefix === undefined ? RATE_LIMIT_REDIS_NAMESPACE : rateLimitRedisNamespace(options.redisKeyPrefix) }
      : {}),
    // With Redis down, provisioning goes on without the shared limit rather than every IdP request failing; the
    // client's owner logs the outage. (The in-memory store never fails.)
    skipOnError: true,
    keyGenerator: (request) => (request.idp ? `${request.idp.tenant}:${request.idp.label}` : request.ip),
    addHeadersOnExceeding: { 'x-ratelimit-limit': true, 'x-ratelimit-remaining': true, 'x-ratelimit-reset': true },
    addHeaders: { 'x-ratelimit-limit': true, 'x-ratelimit-remaining': true, 'x-ratelimit-reset': true, 'retry-after': false },
    errorResponseBuilder: (_request, context) =>
      new ScimError(429, `Too many requests: ${context.max} per ${context.after}`, undefined, { retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
  });
}
