import Fastify from 'fastify';
import type { FastifyError, FastifyInstance } from 'fastify';
import { CONTROL_PREFIX } from '../control-routes.js';
import type { FaultController } from '../faults.js';
import { bearerAuth } from './auth.js';
import type { CallLog } from '../call-log.js';
import { ZuoraCode, sendZuoraError } from './envelope.js';
import { installZuoraHeaders } from './headers.js';
import type { ResolvedOptions, ZuoraRateLimit } from './options.js';
import { controlRoutes } from './routes-control.js';
import { oauthRoutes } from './routes-oauth.js';
import { profileRoutes } from './routes-profiles.js';
import { userRoutes } from './routes-users.js';
import type { ZuoraRestState } from './state.js';
import type { ZuoraRestTokenStore } from './tokens.js';

export interface ZuoraRestAppDeps {
  options: ResolvedOptions;
  state: ZuoraRestState;
  tokens: ZuoraRestTokenStore;
  calls: CallLog;
  faults: FaultController;
  rateLimit: () => ZuoraRateLimit | undefined;
  setRateLimit: (limit: ZuoraRateLimit | undefined) => void;
  /** The `GET /__sim/state` body. */
  snapshot: () => object;
}

/**
 * The Fastify app of the Zuora REST simulator. Hook order is the order a request meets them: the call log, Zuora's
 * response headers and tenant cap, injected faults, then (in the `/v1` scope) bearer auth and the routes. Faults come
 * before auth and routes, so an injected failure never touches state.
 */
export function buildZuoraRestApp(deps: ZuoraRestAppDeps): FastifyInstance {
  const { options, state, tokens, calls, faults } = deps;
  const app = Fastify({ logger: options.logger });

  calls.install(app);
  installZuoraHeaders(app, {
    apiPrefix: options.apiPrefix,
    tokenPath: options.tokenPath,
    tenantId: options.tenantId,
    concurrencyLimit: options.concurrencyLimit,
    now: options.now,
    rateLimit: deps.rateLimit,
    tokenRequestsPerMinutePerIp: options.tokenRequestsPerMinutePerIp,
    skipPrefix: `${CONTROL_PREFIX}/`,
  });
  faults.install(app);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'simulator error');
      return sendZuoraError(reply, status, ZuoraCode.internal, 'internal server error');
    }
    const malformed = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY';
    return sendZuoraError(reply, status, malformed ? ZuoraCode.malformedJson : ZuoraCode.invalidValue, error.message);
  });
  app.setNotFoundHandler((request, reply) =>
    sendZuoraError(reply, 404, ZuoraCode.notFound, `No such operation: ${request.method} ${request.url.split('?')[0]}`),
  );

  void app.register(oauthRoutes, {
    tokenPath: options.tokenPath,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    tokens,
  });
  void app.register(
    async (v1) => {
      v1.addHook('onRequest', bearerAuth(tokens));
      await v1.register(userRoutes, { state, apiPrefix: options.apiPrefix, publicBaseUrl: options.publicBaseUrl });
      await v1.register(profileRoutes, { state });
    },
    { prefix: options.apiPrefix },
  );
  if (options.controlSurface) {
    void app.register(controlRoutes, {
      prefix: CONTROL_PREFIX,
      state,
      calls,
      faults,
      snapshot: deps.snapshot,
      setRateLimit: deps.setRateLimit,
    });
  }
  return app;
}
