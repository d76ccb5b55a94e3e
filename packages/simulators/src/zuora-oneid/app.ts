import Fastify from 'fastify';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { CallLog } from '../call-log.js';
import type { FaultController } from '../faults.js';
import { installTrackIdEcho } from '../zuora-track-id.js';
import { bearerAuth } from './auth.js';
import type { BehaviourSwitches } from './behaviour.js';
import { OneIdProblem, sendError } from './errors.js';
import { installGzip } from './gzip.js';
import type { IdempotencyStore } from './idempotency.js';
import type { ResolvedOptions } from './options.js';
import type { ResponseDelays } from './response-delays.js';
import { originOf } from './route-context.js';
import type { ScimRouteOptions } from './route-context.js';
import { controlRoutes } from './routes-control.js';
import { discoveryRoutes } from './routes-discovery.js';
import { groupBulkRoutes } from './routes-groups-bulk.js';
import { groupRoutes } from './routes-groups.js';
import { oauthRoutes } from './routes-oauth.js';
import { userBulkRoutes } from './routes-users-bulk.js';
import { userRoutes } from './routes-users.js';
import type { Seeder } from './seed.js';
import type { OneIdState } from './state.js';
import type { OneIdTokenStore } from './tokens.js';
import { CONTROL_PREFIX, SCIM_PREFIX } from './urns.js';

export interface ZuoraOneIdAppDeps {
  options: ResolvedOptions;
  state: OneIdState;
  seeder: Seeder;
  tokens: OneIdTokenStore;
  calls: CallLog;
  faults: FaultController;
  behaviour: BehaviourSwitches;
  idempotency: IdempotencyStore;
  delays: ResponseDelays;
  /** The `GET /__sim/state` body. */
  snapshot: () => object;
}

/**
 * The Fastify app of the Zuora OneID simulator. A request meets, in order: the call log, the `Zuora-Track-Id` echo,
 * injected faults (before auth, body parsing and routes, so an injected failure never touches state), bearer auth (the
 * `/scim/v2` scope), gzip request inflation, the idempotency check, the route. On the way out (`onSend`, in order): the
 * call log's status, `inFlight` response delays, the idempotency store, `complete` response delays, gzip, and last the
 * fault injector's `resetAfter`, so a dropped response has still been recorded for replay.
 */
export function buildZuoraOneIdApp(deps: ZuoraOneIdAppDeps): FastifyInstance {
  const { options, state, tokens, calls, faults, behaviour, idempotency, delays } = deps;
  // A response held back by a delay must not hold up close(): connections are dropped, not drained.
  const app = Fastify({ logger: options.logger, forceCloseConnections: true });
  const format = () => behaviour.get().errorFormat;

  calls.install(app);
  installTrackIdEcho(app, CONTROL_PREFIX);
  delays.install(app, 'inFlight');
  idempotency.install(app);
  delays.install(app, 'complete');
  installGzip(app, CONTROL_PREFIX);
  faults.install(app);

  app.setErrorHandler((error: FastifyError | OneIdProblem, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    if (error instanceof OneIdProblem) return sendError(reply, format(), status, error.message, error.scimType);
    if (status >= 500) {
      request.log.error({ err: error }, 'simulator error');
      return sendError(reply, format(), 500, 'Internal server error');
    }
    const malformed = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY';
    return sendError(reply, format(), status, error.message, malformed ? 'invalidSyntax' : undefined);
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, format(), 404, `No such resource: ${request.method} ${request.url.split('?')[0]}`));

  void app.register(oauthRoutes, {
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    invalidClientStatus: options.invalidClientStatus,
    tokens,
    issuer: (request) => originOf(request, options.publicBaseUrl),
  });

  const routeOptions: ScimRouteOptions = {
    state,
    behaviour,
    usersMaxCount: options.usersMaxCount,
    bulkMaxOperations: options.bulkMaxOperations,
    ...(options.publicBaseUrl === undefined ? {} : { publicBaseUrl: options.publicBaseUrl }),
  };
  void app.register(
    async (scim) => {
      scim.addContentTypeParser('application/scim+json', { parseAs: 'string' }, scim.getDefaultJsonParser('error', 'error'));
      scim.addHook('onRequest', bearerAuth(tokens, format));
      await scim.register(discoveryRoutes, routeOptions);
      await scim.register(userRoutes, routeOptions);
      await scim.register(userBulkRoutes, routeOptions);
      await scim.register(groupRoutes, routeOptions);
      await scim.register(groupBulkRoutes, routeOptions);
    },
    { prefix: SCIM_PREFIX },
  );

  if (options.controlSurface) {
    void app.register(controlRoutes, {
      prefix: CONTROL_PREFIX,
      state,
      seeder: deps.seeder,
      calls,
      faults,
      behaviour,
      delays,
      snapshot: deps.snapshot,
    });
  }
  return app;
}
