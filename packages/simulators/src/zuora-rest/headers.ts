import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { echoTrackId } from '../zuora-track-id.js';
import { FixedWindowCounter } from './minute-window.js';
import { ZuoraCode, sendZuoraError } from './envelope.js';
import type { ZuoraRateLimit } from './options.js';

/** Zuora's documented per-minute API limit for production tenants, reported when no cap is configured. */
const PRODUCTION_RPM = 50_000;
/** Zuora's documented AUTH limit per IP address and minute. */
const TOKEN_RPM_PER_IP = 100;

export interface ZuoraHeaderOptions {
  apiPrefix: string;
  tokenPath: string;
  tenantId: string;
  concurrencyLimit: number;
  now: () => number;
  /** Read per request so the cap can be switched at run time. */
  rateLimit: () => ZuoraRateLimit | undefined;
  tokenRequestsPerMinutePerIp?: number;
  /** Path prefixes that get none of this (the control surface). */
  skipPrefix: string;
}

function tooManyRequests(reply: FastifyReply, message: string, retryAfterSeconds?: number): FastifyReply {
  if (retryAfterSeconds !== undefined) reply.header('Retry-After', String(retryAfterSeconds));
  return sendZuoraError(reply, 429, ZuoraCode.limitExceeded, message);
}

/**
 * Zuora's response conventions (docs/upstreams/zuora-rest.md §1, §2, §4): `Zuora-Request-Id` and the echoed `Zuora-Track-Id` on
 * every response; `RateLimit-*` and `Concurrency-Limit-*` on every `/v1` response; `X-RateLimit-*-minute` on the
 * token endpoint; and the optional per-tenant cap, answered with 429 and, by default, no `Retry-After`.
 */
export function installZuoraHeaders(app: FastifyInstance, options: ZuoraHeaderOptions): void {
  const tenantWindow = new FixedWindowCounter(options.now);
  const ipWindow = new FixedWindowCounter(options.now);
  let inFlight = 0;

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    if (path.startsWith(options.skipPrefix)) return;
    reply.header('Zuora-Request-Id', randomUUID());
    echoTrackId(request, reply);

    if (path === options.tokenPath) {
      const cap = options.tokenRequestsPerMinutePerIp;
      const { count, resetSeconds } = ipWindow.hit(request.ip);
      const limit = cap ?? TOKEN_RPM_PER_IP;
      reply.header('X-RateLimit-Limit-minute', String(limit));
      reply.header('X-RateLimit-Remaining-minute', String(Math.max(0, limit - count)));
      if (cap !== undefined && count > cap) {
        return tooManyRequests(reply, `Too many token requests from this IP address; retry in ${resetSeconds} seconds`);
      }
      return;
    }

    if (path !== options.apiPrefix && !path.startsWith(`${options.apiPrefix}/`)) return;
    inFlight += 1;
    reply.raw.once('close', () => {
      inFlight -= 1;
    });
    reply.header('Concurrency-Limit-Type', 'default');
    reply.header('Concurrency-Limit-Limit', String(options.concurrencyLimit));
    reply.header('Concurrency-Limit-Remaining', String(Math.max(0, options.concurrencyLimit - inFlight)));

    const cap = options.rateLimit();
    const limit = cap?.requestsPerMinute ?? PRODUCTION_RPM;
    const { count, resetSeconds } = tenantWindow.hit(options.tenantId);
    reply.header('RateLimit-Limit', `${limit}, ${limit};w=60`);
    reply.header('RateLimit-Remaining', String(Math.max(0, limit - count)));
    reply.header('RateLimit-Reset', String(resetSeconds));
    if (cap && count > cap.requestsPerMinute) {
      return tooManyRequests(
        reply,
        `The tenant's limit of ${cap.requestsPerMinute} requests per minute was exceeded`,
        cap.retryAfterHeader ? resetSeconds : undefined,
      );
    }
  });
}
