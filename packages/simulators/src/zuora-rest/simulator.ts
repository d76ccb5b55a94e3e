import { simulatorHandle } from '../simulator-handle.js';
import type { SimulatorHandle } from '../simulator-handle.js';
import { createSimulatorInstruments } from '../simulator-instruments.js';
import { buildZuoraRestApp } from './app.js';
import { renderZuoraFault } from './envelope.js';
import { resolveOptions } from './options.js';
import type { ZuoraRateLimit, ZuoraRestSimulatorOptions } from './options.js';
import { ZuoraRestState } from './state.js';
import type { UserProfile, ZuoraUser } from './state.js';
import { createZuoraRestTokenStore } from './tokens.js';
import { consoleEditZuoraUser } from './console-edit.js';
import type { ZuoraRestConsoleEdit } from './console-edit.js';
import { loadZuoraRestLiveSeed } from './live-seed.js';

/**
 * A running (or ready to listen) Zuora REST simulator and the handles tests and the sandbox drive it with; routes in
 * `count` are templates such as `/v1/users/:id`.
 */
export interface ZuoraRestSimulator extends SimulatorHandle {
  clientId: string;
  clientSecret: string;
  tenantId: string;
  users(): ZuoraUser[];
  getUser(id: string): ZuoraUser | undefined;
  profiles(): UserProfile[];
  addProfile(profile: UserProfile): void;
  /** Create `n` Active users with distinct names and emails (ordinary profiles only on a `live` tenant). */
  seedUsers(n: number): ZuoraUser[];
  /**
   * Change a user as an admin would in Zuora's console (not through the API, so not in the call log); also
   * `PATCH /__sim/users/:id`. Throws `ConsoleEditError` (400 bad field, 404 no such user, 409 username taken).
   */
  consoleEditUser(id: string, edit: ZuoraRestConsoleEdit): ZuoraUser;
  /** Password-reset emails recorded for a user by `POST /v1/users/{id}/password`. */
  passwordResets(id: string): number;
  /** A valid bearer token without an HTTP round trip (not recorded as a call). */
  issueToken(): string;
  /** Switch the per-tenant cap on (`undefined`: off). */
  setRateLimit(limit: ZuoraRateLimit | undefined): void;
}

/**
 * A stateful simulator of the Zuora REST `/v1/users` contract described in the integration guide
 * and Zuora's documented v1 conventions (both restated in docs/upstreams/zuora-rest.md).
 */
export function createZuoraRestSimulator(input: ZuoraRestSimulatorOptions = {}): ZuoraRestSimulator {
  const options = resolveOptions(input);
  const state = new ZuoraRestState(options.tenantId, options.profiles, options.now);
  if (options.seedProfile === 'live') loadZuoraRestLiveSeed(state);
  const tokens = createZuoraRestTokenStore(options.now, options.tokenTtlSeconds, options.tenantId);
  const instruments = createSimulatorInstruments({
    renderFault: renderZuoraFault,
    faultSettings: options.faults,
    defaultExclude: [`POST ${options.tokenPath}`],
    expireTokens: () => tokens.expireAll(),
  });
  let rateLimit = options.rateLimit;
  const setRateLimit = (limit: ZuoraRateLimit | undefined) => {
    rateLimit = limit;
  };
  const snapshot = () => ({
    tenantId: state.tenantId,
    clientId: options.clientId,
    users: state.users().map((u) => ({ ...u, passwordResetsSent: state.passwordResets(u.id) })),
    profiles: state.profiles(),
    rateLimit: rateLimit ?? null,
  });
  const app = buildZuoraRestApp({ options, state, tokens, ...instruments, rateLimit: () => rateLimit, setRateLimit, snapshot });

  return {
    ...simulatorHandle(app, instruments, snapshot),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    tenantId: options.tenantId,
    users: () => state.users(),
    getUser: (id) => state.getUser(id),
    profiles: () => state.profiles(),
    addProfile: (profile) => state.addProfile(profile),
    seedUsers: (n) => state.seedUsers(n),
    consoleEditUser: (id, edit) => consoleEditZuoraUser(state, id, edit),
    passwordResets: (id) => state.passwordResets(id),
    issueToken: () => tokens.issue().access_token,
    setRateLimit,
  };
}
