import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ProvisioningService } from './core/provisioning-service.js';
import type { IdpTokenVerifier } from './core/idp-credentials.js';
import { registerContentTypes } from './http/plugins/content-types.js';
import { registerErrorHandling, sendScimError } from './http/plugins/error-handler.js';
import { ScimError } from './scim/errors.js';
import type { RateLimitOptions } from './http/plugins/rate-limit.js';
import { registerRequestSummary } from './http/plugins/request-summary.js';
import { registerMetrics } from './http/plugins/metrics.js';
import type { BridgeMetrics } from './observability/metrics.js';
import { scimApi } from './http/scim-api.js';
import { registerAdminRoutes, type AdminTokenVerifier } from './http/routes/admin-routes.js';
import { registerHealthRoutes, type Readiness } from './http/routes/health-routes.js';
import { registerAdminConsole } from './http/admin-console/routes.js';
import type { AuditStore } from './store/store.js';
import type { UpstreamCallFeed } from './upstreams/call-record.js';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './http/normalise/index.js';
import { closeConnectionsAnsweredEarly, DEFAULT_SERVER_TIMEOUTS, onClientError, serverTimeoutOptions, type ServerTimeouts } from './http/server-timeouts.js';

export interface AppDeps {
  services: ReadonlyMap<string, ProvisioningService>;
  verifier: IdpTokenVerifier;
  rateLimit: RateLimitOptions;
  bodyLimitBytes: number;
  /** Operations per PATCH and values per multi-valued attribute (`server.limits`); the defaults when absent. */
  requestLimits?: RequestLimits;
  /** How long a client may take to send a request, and keep a connection (`server.timeouts`); the defaults when absent. */
  timeouts?: ServerTimeouts;
  patchResponse: 'noContent' | 'resource';
  publicBaseUrl?: string;
  /** A pino logger from `createLogger` (secrets redacted) or `false`. */
  logger: FastifyBaseLogger | false;
  /** Prometheus metrics for `/metrics`; absent in tests that do not need them. */
  metrics?: BridgeMetrics;
  /** When set, `/metrics` wants `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string;
  /** Readiness of the store and each tenant's upstream, for `/readyz` (its details for an admin token only). */
  readiness?: () => Promise<Readiness>;
  /** Operator tokens for `/admin/*`; absent, the admin API answers 404. Never the IdP verifier. */
  adminVerifier?: AdminTokenVerifier;
  /** The store's audit log, read by `GET /admin/audit`. */
  audit?: AuditStore;
  /** Every tenant's upstream calls, background work included, for the console's activity charts. */
  upstreamCalls?: UpstreamCallFeed;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Build the bridge's Fastify app. Tests import this; only main.ts/cli.ts listen. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: deps.bodyLimitBytes,
    ...serverTimeoutOptions(deps.timeouts ?? DEFAULT_SERVER_TIMEOUTS),
    // Timeouts and malformed requests Node refuses before Fastify sees them: a SCIM 408/431/400 and a log line.
    clientErrorHandler: onClientError,
    // Entra and Microsoft's collection send `/Users/?filter=…` and `/users` (docs/idps.md).
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, caseSensitive: false },
    // Keep a caller's request id when it is a sane token, so logs correlate across the IdP, bridge and upstream.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    // Errors the router raises before any route or hook runs (broken %-escapes, over-long path parameters).
    // No hook has run for them, so the request id is set here, as on every other answer.
    frameworkErrors: (error, request, reply) => sendScimError(reply.header('X-Request-Id', request.id), new ScimError(error.statusCode ?? 400, error.message)),
    // The summary line of request-summary.ts replaces Fastify's two lines per request.
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.decorateRequest('scim', undefined);
  // Hooks on the hot path take Fastify's callback form: an async hook costs a promise and a microtask per request.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });
  closeConnectionsAnsweredEarly(app);
  registerContentTypes(app);
  registerErrorHandling(app);
  if (deps.logger) registerRequestSummary(app);
  if (deps.metrics) registerMetrics(app, deps.metrics, { token: deps.metricsToken });

  const scimOptions = {
    services: deps.services,
    verifier: deps.verifier,
    rateLimit: deps.rateLimit,
    patchResponse: deps.patchResponse,
    requestLimits: deps.requestLimits ?? DEFAULT_REQUEST_LIMITS,
    maxPayloadBytes: deps.bodyLimitBytes,
    publicBaseUrl: deps.publicBaseUrl,
  };
  await app.register(scimApi, scimOptions);
  registerAdminRoutes(app, { verifier: deps.adminVerifier, audit: deps.audit });
  registerHealthRoutes(app, { readiness: deps.readiness, adminVerifier: deps.adminVerifier });
  // The operators' HTML console (/admin/console), only where admin tokens exist, as for the admin API.
  if (deps.adminVerifier) {
    await registerAdminConsole(app, {
      verifier: deps.adminVerifier,
      audit: deps.audit,
      readiness: deps.readiness,
      metrics: deps.metrics?.registry,
      tenants: [...deps.services.keys()],
      runtimes: new Map([...deps.services].map(([id, service]) => [id, service.tenant])),
      upstreamCalls: deps.upstreamCalls,
    });
  }
  return app;
}
