import { simulatorHandle } from '../simulator-handle.js';
import type { SimulatorHandle } from '../simulator-handle.js';
import { createSimulatorInstruments } from '../simulator-instruments.js';
import { ActivationLedger } from './activation.js';
import type { ActivationRecord, PendingChange, ZiaActivationStatus } from './activation.js';
import { buildZscalerZiaApp } from './app.js';
import { BehaviourSwitches } from './behaviour.js';
import type { ZiaBehaviour } from './behaviour.js';
import { ZiaDirectory } from './directory.js';
import { createOneApiTokenStore } from './oneapi-tokens.js';
import { resolveOptions } from './options.js';
import type { ZiaCloud, ZscalerZiaSimulatorOptions } from './options.js';
import { EndpointRateLimiter } from './rate-limiter.js';
import type { BudgetUsage } from './rate-limiter.js';
import type { ZiaDepartment, ZiaGroup, ZiaUserRecord } from './records.js';
import { UserSeeder, seedOrganization } from './seed.js';
import { ZiaSessionStore } from './session-store.js';
import { renderZiaFault } from './zia-faults.js';
import { consoleEditZiaUser } from './console-edit.js';
import type { ZiaConsoleEdit } from './console-edit.js';
import { loadZiaLiveSeed } from './live-seed.js';
import { ziaBulkTargets } from './routes-users-bulk.js';

/**
 * A ZIA simulator (ready to `inject` or `listen`) and the handles tests, benchmarks and the sandbox drive it with. The
 * legacy API is under `apiPrefix` (`/api/v1`) of the base URL `listen` resolves to; routes in `count` are templates
 * such as `/api/v1/users/:userId`.
 */
export interface ZscalerZiaSimulator extends SimulatorHandle {
  /** The raw API key a client obfuscates (docs/upstreams/zscaler-zia.md §2), the admin's credentials, and the cloud name. */
  apiKey: string;
  username: string;
  password: string;
  cloud: ZiaCloud;
  apiPrefix: string;
  /** OneAPI client credentials, prefix and token path; undefined unless the `oneApi` option is set. */
  oneApi: { clientId: string; clientSecret: string; prefix: string; tokenPath: string } | undefined;
  /** Saved users (pending changes included) with their passwords. */
  users(): ZiaUserRecord[];
  getUser(id: number): ZiaUserRecord | undefined;
  /** The users as of the last activation: live policy. */
  activeUsers(): ZiaUserRecord[];
  departments(): ZiaDepartment[];
  groups(): ZiaGroup[];
  /** Add a department or group directly (already live, not pending). */
  addDepartment(name: string, comments?: string): ZiaDepartment;
  addGroup(name: string, comments?: string): ZiaGroup;
  /**
   * Create `n` users as if they existed before (live, not pending, not counted against any budget); on a `live`
   * organization they go to ordinary departments and groups only.
   */
  seedUsers(n: number): ZiaUserRecord[];
  /**
   * Change a user as an admin would in the ZIA Admin Portal, activated at once (not through the API, so not in the
   * call log and not pending); also `PATCH /__sim/users/:id`. Throws `ConsoleEditError` (400 bad field or unknown
   * department or group, 404 no such user).
   */
  consoleEditUser(id: number, edit: ZiaConsoleEdit): ZiaUserRecord;
  /** `GET /status` without a call. */
  status(): ZiaActivationStatus;
  pendingChanges(): PendingChange[];
  activations(): ActivationRecord[];
  /** Per-endpoint budget consumption (docs/upstreams/zscaler-zia.md §7): compare `peak` with `limits` to prove no budget was exceeded. */
  budgetUsage(): BudgetUsage[];
  resetBudgets(): void;
  /** A live session id without an HTTP round trip (not recorded, not counted against a budget). */
  issueSession(): string;
  /** Sessions that have not expired. */
  liveSessions(): number;
  /** End every session (and OneAPI token) now: the next call gets 401 `SESSION_NOT_VALID`. */
  expireAllSessions(): void;
  /** A OneAPI bearer token without a round trip; throws unless OneAPI is on. */
  issueToken(): string;
  behaviour(): ZiaBehaviour;
  setBehaviour(changes: Partial<ZiaBehaviour>): ZiaBehaviour;
}

/**
 * A stateful simulator of the Zscaler Internet Access admin API (docs/upstreams/zscaler-zia.md; help.zscaler.com ZIA API
 * guide): obfuscated-key session login, staged changes and activation, users, departments and groups, per-endpoint
 * budgets, and ZIA's failures; optionally OneAPI. See README.md in this folder.
 */
export function createZscalerZiaSimulator(input: ZscalerZiaSimulatorOptions = {}): ZscalerZiaSimulator {
  const options = resolveOptions(input);
  const behaviour = new BehaviourSwitches(options.behaviour);
  const directory = new ZiaDirectory();
  const seeder = new UserSeeder(directory);
  if (options.seedProfile === 'live') loadZiaLiveSeed(directory, seeder);
  else seedOrganization(directory, options.departments, options.groups);
  const ledger = new ActivationLedger(
    options.now,
    () => behaviour.get().activateAfterIdleSeconds,
    () => directory.activate(),
  );
  const sessions = new ZiaSessionStore(options.now, { idleSeconds: options.sessionIdleSeconds, maxAgeSeconds: options.sessionMaxAgeSeconds });
  const limiter = new EndpointRateLimiter(options.now);
  const oneApi = options.oneApi;
  const oneApiTokens = oneApi && createOneApiTokenStore(options.now, oneApi.tokenTtlSeconds, oneApi.clientId);
  const expireAll = () => {
    sessions.expireAll();
    oneApiTokens?.expireAll();
  };
  const instruments = createSimulatorInstruments({
    renderFault: renderZiaFault(() => behaviour.get().retryAfterHeader),
    faultSettings: options.faults,
    defaultExclude: [`POST ${options.apiPrefix}/authenticatedSession`, ...(oneApi ? [`POST ${oneApi.tokenPath}`] : [])],
    expireTokens: expireAll,
    bulkTargets: ziaBulkTargets,
  });
  const withoutPassword = ({ password: _password, ...user }: ZiaUserRecord) => user;
  const state = () => ({
    cloud: options.cloud,
    username: options.username,
    behaviour: behaviour.get(),
    status: ledger.status(),
    liveSessions: sessions.liveCount(),
    departments: directory.departments(),
    groups: directory.groups(),
    users: directory.users().map(withoutPassword),
  });
  const app = buildZscalerZiaApp({
    options,
    directory,
    ledger,
    behaviour,
    sessions,
    limiter,
    oneApiTokens,
    ...instruments,
    control: {
      behaviour,
      ledger,
      limiter,
      sessions,
      state,
      seedUsers: (n) => seeder.seedUsers(n).map(withoutPassword),
      consoleEditUser: (id, edit) => withoutPassword(consoleEditZiaUser(directory, id, edit)),
    },
  });

  return {
    ...simulatorHandle(app, instruments, state),
    apiKey: options.apiKey,
    username: options.username,
    password: options.password,
    cloud: options.cloud,
    apiPrefix: options.apiPrefix,
    oneApi: oneApi && { clientId: oneApi.clientId, clientSecret: oneApi.clientSecret, prefix: oneApi.prefix, tokenPath: oneApi.tokenPath },
    users: () => directory.users(),
    getUser: (id) => directory.getUser(id),
    activeUsers: () => {
      ledger.sweep();
      return directory.liveUsers();
    },
    departments: () => directory.departments(),
    groups: () => directory.groups(),
    addDepartment: (name, comments) => directory.addDepartment({ name, ...(comments === undefined ? {} : { comments }), deleted: false }),
    addGroup: (name, comments) => directory.addGroup({ name, ...(comments === undefined ? {} : { comments }), isSystemDefined: false }),
    seedUsers: (n) => seeder.seedUsers(n),
    consoleEditUser: (id, edit) => consoleEditZiaUser(directory, id, edit),
    status: () => ledger.status(),
    pendingChanges: () => ledger.pending(),
    activations: () => ledger.activations(),
    budgetUsage: () => limiter.usage(),
    resetBudgets: () => limiter.reset(),
    issueSession: () => sessions.create(),
    liveSessions: () => sessions.liveCount(),
    expireAllSessions: expireAll,
    issueToken: () => {
      if (!oneApiTokens) throw new Error('OneAPI is off: create the simulator with { oneApi: true }');
      return oneApiTokens.issue().access_token;
    },
    behaviour: () => behaviour.get(),
    setBehaviour: (changes) => behaviour.set(changes),
  };
}
