import type { FastifyReply, FastifyRequest } from 'fastify';
import { routeOf } from '../faults.js';
import type { BehaviourSwitches } from './behaviour.js';
import { budgetFor } from './budgets.js';
import { ZiaCode, sendZiaError } from './errors.js';
import type { EndpointRateLimiter } from './rate-limiter.js';
import { READ_ONLY_BODY, rateLimitBody } from './zia-faults.js';

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

/**
 * The per-endpoint budgets (ZH-RL, ZH-RLS) for a scope mounted at `prefix`. Runs after authentication: a budget is
 * the organization's, and a request is only the organization's once authenticated [INF]. Over budget: 429 with the
 * documented body, plus a `Retry-After` header when switched on. `oneApiHeaders` adds OneAPI's `x-ratelimit-limit`,
 * `-remaining` and `-reset` (seconds) for the tightest limit (ZH-ONE-RL).
 */
export function enforceBudgets(limiter: EndpointRateLimiter, behaviour: BehaviourSwitches, prefix: string, oneApiHeaders: boolean): Hook {
  return async (request, reply) => {
    if (request.routeOptions.url === undefined) return undefined;
    const route = routeOf(request).slice(prefix.length);
    const budget = budgetFor(request.method, route);
    if (!budget) return undefined;
    const switches = behaviour.get();
    const decision = limiter.take(request.method, route, budget, switches);
    if (oneApiHeaders) {
      reply.header('x-ratelimit-limit', String(decision.standing.limit));
      reply.header('x-ratelimit-remaining', String(decision.standing.remaining));
      reply.header('x-ratelimit-reset', String(decision.standing.resetSeconds));
    }
    if (decision.allowed) return undefined;
    if (switches.retryAfterHeader) reply.header('Retry-After', String(decision.retryAfterSeconds));
    const { limit, per } = decision.exceeded;
    return reply
      .code(429)
      .type('application/json')
      .send(rateLimitBody(limit, per, decision.retryAfterSeconds));
  };
}

/**
 * Scheduled-upgrade maintenance (ZH-GS): "The API service supports only read operations via GET requests during this
 * period": anything else gets 403, `x-zscaler-mode: read-only`, `STATE_READONLY`.
 */
export function refuseWritesWhenReadOnly(behaviour: BehaviourSwitches): Hook {
  return async (request, reply) => {
    if (!behaviour.get().readOnly || request.method === 'GET' || request.method === 'HEAD') return undefined;
    return reply.code(403).header('x-zscaler-mode', 'read-only').type('application/json').send(READ_ONLY_BODY);
  };
}

const hasBody = (request: FastifyRequest) =>
  (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0') || request.headers['transfer-encoding'] !== undefined;

/**
 * ZH-ERR: "415 … if you don't include `application/json` as the `Content-Type`": a request that carries a body must
 * say `application/json` (parameters such as `charset` allowed). Requests without a body need none [INF].
 */
export function requireJsonBodies(): Hook {
  return async (request, reply) => {
    if (!hasBody(request)) return undefined;
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType === 'application/json') return undefined;
    return sendZiaError(reply, 415, ZiaCode.unsupportedMediaType, 'Content-Type must be application/json');
  };
}
