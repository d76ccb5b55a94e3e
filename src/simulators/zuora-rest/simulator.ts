import type { FastifyInstance } from 'fastify';
import { createFaultController } from '../faults.js';
import type { FaultController } from '../faults.js';
import { buildZuoraRestApp } from './app.js';
import { CallLog } from '../call-log.js';
import type { RecordedCall } from '../call-log.js';
import { renderZuoraFault } from './envelope.js';
import { resolveOptions } from './options.js';
import type { ZuoraRateLimit, ZuoraRestSimulatorOptions } from './options.js';
import { CONTROL_PREFIX } from './routes-control.js';
import { ZuoraRestState } from './state.js';
import type { UserProfile, ZuoraUser } from './state.js';
import { TokenStore } from './tokens.js';

/** A running (or ready to listen) Zuora REST simulator and the handles tests and the sandbox drive it with. */
export interface ZuoraRestSimulator {
  app: FastifyInstance;
  clientId: string;
  clientSecret: string;
  tenantId: string;
  faults: FaultController;
  /** Every request received except the control surface's, in arrival order. */
  calls(): RecordedCall[];
  /** Requests for a method and route template, e.g. `count('PUT', '/v1/users/:id')`. */
  count(method: string, route: string): number;
  resetCalls(): void;
  users(): ZuoraUser[];
  getUser(id: string): ZuoraUser | undefined;
  profiles(): UserProfile[];
  addProfile(profile: UserProfile): void;
  /** Create `n` Active users with distinct names and emails. */
  seedUsers(n: number): ZuoraUser[];
  /** Password-reset emails recorded for a user by `POST /v1/users/{id}/password`. */
  passwordResets(id: string): number;
  /** A valid bearer token without an HTTP round trip (not recorded as a call). */
  issueToken(): string;
  /** Switch the per-tenant cap on (`undefined`: off). */
  setRateLimit(limit: ZuoraRateLimit | undefined): void;
  /** Start listening; resolves to the base URL, e.g. `http://127.0.0.1:40123`. Port 0 picks a free one. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A stateful simulator of the Zuora REST `/v1/users` contract described in the integration guide
 * (shared/reference/seeds/000_ddfec379e7e68cfb.txt) and Zuora's documented v1 conventions (upstreams.md B).
 */
export function createZuoraRestSimulator(input: ZuoraRestSimulatorOptions = {}): ZuoraRestSimulator {
  const options = resolveOptions(input);
  const state = new ZuoraRestState(options.tenantId, options.profiles, options.now);
  const tokens = new TokenStore(options.now, options.tokenTtlSeconds, options.tenantId);
  const calls = new CallLog([`${CONTROL_PREFIX}/*`]);
  const faults = createFaultController({
    render: renderZuoraFault,
    ...(options.faults ? { settings: options.faults } : {}),
    defaultExclude: [`POST ${options.tokenPath}`],
    neverFault: [`${CONTROL_PREFIX}/*`],
    onInjected: (request, fault) => calls.markFault(request, fault),
  });
  faults.onExpireAllTokens(() => tokens.expireAll());
  let rateLimit = options.rateLimit;
  const setRateLimit = (limit: ZuoraRateLimit | undefined) => {
    rateLimit = limit;
  };
  const app = buildZuoraRestApp({ options, state, tokens, calls, faults, rateLimit: () => rateLimit, setRateLimit });

  return {
    app,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    tenantId: options.tenantId,
    faults,
    calls: () => calls.calls(),
    count: (method, route) => calls.count(method, route),
    resetCalls: () => calls.reset(),
    users: () => state.users(),
    getUser: (id) => state.getUser(id),
    profiles: () => state.profiles(),
    addProfile: (profile) => state.addProfile(profile),
    seedUsers: (n) => state.seedUsers(n),
    passwordResets: (id) => state.passwordResets(id),
    issueToken: () => tokens.issue().access_token,
    setRateLimit,
    listen: (port = 0, host = '127.0.0.1') => app.listen({ port, host }),
    close: () => app.close(),
  };
}
