import Fastify from 'fastify';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { CallLog } from '../call-log.js';
import { CONTROL_PREFIX } from '../control-routes.js';
import type { FaultController } from '../faults.js';
import type { ActivationLedger } from './activation.js';
import type { BehaviourSwitches } from './behaviour.js';
import type { ZiaDirectory } from './directory.js';
import { ZiaCode, ZiaProblem, sendZiaError } from './errors.js';
import { requireOneApiToken } from './oneapi-tokens.js';
import type { ZiaOneApiTokenStore } from './oneapi-tokens.js';
import type { ResolvedOptions } from './options.js';
import type { EndpointRateLimiter } from './rate-limiter.js';
import { enforceBudgets, refuseWritesWhenReadOnly, requireJsonBodies } from './request-gates.js';
import type { ApiFlavor, ZiaRouteOptions } from './route-context.js';
import { apiRoutes } from './routes-api.js';
import { controlRoutes } from './routes-control.js';
import type { ControlRouteOptions } from './routes-control.js';
import { oneApiTokenRoutes } from './routes-oneapi-token.js';
import { sessionRoutes } from './routes-session.js';
import { requireSession } from './session-auth.js';
import type { ZiaSessionStore } from './session-store.js';

export interface ZscalerZiaAppDeps {
  options: ResolvedOptions;
  directory: ZiaDirectory;
  ledger: ActivationLedger;
  behaviour: BehaviourSwitches;
  sessions: ZiaSessionStore;
  limiter: EndpointRateLimiter;
  oneApiTokens: ZiaOneApiTokenStore | undefined;
  calls: CallLog;
  faults: FaultController;
  control: Omit<ControlRouteOptions, 'calls' | 'faults'>;
}

/** JSON bodies; an empty one (a bodiless `POST /status/activate` that still says `application/json`) reads as none. */
function installJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new ZiaProblem(400, ZiaCode.invalidInput, 'The request body is not valid JSON'), undefined);
    }
  });
}

/**
 * The Fastify app of the ZIA simulator. A request meets, in order: the call log, injected faults (before anything
 * touches state, budgets or sessions), then in its API scope authentication (session or bearer), its endpoint budget,
 * read-only maintenance, the JSON content-type rule, and the route. `/authenticatedSession` has no authentication and
 * is spared maintenance.
 */
export function buildZscalerZiaApp(deps: ZscalerZiaAppDeps): FastifyInstance {
  const { options, ledger, behaviour, sessions, limiter, calls, faults } = deps;
  const app = Fastify({ logger: options.logger });
  calls.install(app);
  faults.install(app);
  installJsonParser(app);

  app.setErrorHandler((error: FastifyError | ZiaProblem, request, reply) => {
    if (error instanceof ZiaProblem) return sendZiaError(reply, error.statusCode, error.code, error.message);
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'simulator error');
      return sendZiaError(reply, 500, ZiaCode.unexpected, 'Unexpected error');
    }
    return sendZiaError(reply, status, status === 415 ? ZiaCode.unsupportedMediaType : ZiaCode.invalidInput, error.message);
  });
  app.setNotFoundHandler((request, reply) => sendZiaError(reply, 404, ZiaCode.notFound, `No such resource: ${request.method} ${request.url.split('?')[0]}`));

  const routeOptions = (flavor: ApiFlavor): ZiaRouteOptions => ({ directory: deps.directory, ledger, behaviour, options, flavor });
  const noteActivity = () => ledger.noteActivity();
  const prefix = options.apiPrefix;
  void app.register(
    async (api) => {
      await api.register(async (open) => {
        open.addHook('onRequest', enforceBudgets(limiter, behaviour, prefix, false));
        open.addHook('onRequest', requireJsonBodies());
        await open.register(sessionRoutes, { options, sessions, behaviour, ledger });
      });
      await api.register(async (secured) => {
        secured.addHook('onRequest', requireSession(sessions, noteActivity));
        secured.addHook('onRequest', enforceBudgets(limiter, behaviour, prefix, false));
        secured.addHook('onRequest', refuseWritesWhenReadOnly(behaviour));
        secured.addHook('onRequest', requireJsonBodies());
        await secured.register(apiRoutes, routeOptions('legacy'));
      });
    },
    { prefix },
  );

  const oneApi = options.oneApi;
  if (oneApi && deps.oneApiTokens) {
    const tokens = deps.oneApiTokens;
    void app.register(oneApiTokenRoutes, { tokenPath: oneApi.tokenPath, clientId: oneApi.clientId, clientSecret: oneApi.clientSecret, tokens });
    void app.register(
      async (api) => {
        api.addHook('onRequest', requireOneApiToken(tokens, noteActivity));
        api.addHook('onRequest', enforceBudgets(limiter, behaviour, oneApi.prefix, true));
        api.addHook('onRequest', refuseWritesWhenReadOnly(behaviour));
        api.addHook('onRequest', requireJsonBodies());
        await api.register(apiRoutes, routeOptions('oneapi'));
      },
      { prefix: oneApi.prefix },
    );
  }

  if (options.controlSurface) void app.register(controlRoutes, { prefix: CONTROL_PREFIX, ...deps.control, calls, faults });
  return app;
}
