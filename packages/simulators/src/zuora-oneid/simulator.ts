import { simulatorHandle } from '../simulator-handle.js';
import type { SimulatorHandle } from '../simulator-handle.js';
import { createSimulatorInstruments } from '../simulator-instruments.js';
import { buildZuoraOneIdApp } from './app.js';
import { BehaviourSwitches } from './behaviour.js';
import type { OneIdBehaviour } from './behaviour.js';
import { renderOneIdFault } from './errors.js';
import { IdempotencyStore } from './idempotency.js';
import { resolveOptions } from './options.js';
import type { ZuoraOneIdSimulatorOptions } from './options.js';
import type { OneIdGroupRecord, OneIdUserRecord } from './records.js';
import { ResponseDelays } from './response-delays.js';
import type { ResponseDelay, WhileDelayed } from './response-delays.js';
import { Seeder } from './seed.js';
import { OneIdState } from './state.js';
import { createOneIdTokenStore } from './tokens.js';
import { SCIM_PREFIX, TOKEN_PATH } from './urns.js';
import { oneIdBulkTargets } from './bulk-input.js';
import { consoleEditOneIdGroup, consoleEditOneIdUser } from './console-edit.js';
import type { OneIdGroupConsoleEdit, OneIdUserConsoleEdit } from './console-edit.js';
import { loadOneIdLiveSeed } from './live-seed.js';

/**
 * A Zuora OneID simulator (ready to `inject` or `listen`) and the handles tests and the sandbox drive it with; the SCIM
 * API is under `/scim/v2` of the base URL `listen` resolves to, and routes in `count` are templates such as
 * `/scim/v2/Users/:id`.
 */
export interface ZuoraOneIdSimulator extends SimulatorHandle {
  clientId: string;
  clientSecret: string;
  /** The organization id: token scope `admin <orgId>`, and the `organizationId` every write must carry. */
  orgId: string;
  users(): OneIdUserRecord[];
  getUser(id: string): OneIdUserRecord | undefined;
  groups(): OneIdGroupRecord[];
  getGroup(id: string): OneIdGroupRecord | undefined;
  /** Create `n` active users with distinct userNames and emails (all Standard Users on a `live` organization). */
  seedUsers(n: number): OneIdUserRecord[];
  /**
   * Change a user or a group as an admin would in OneID's console (not through the API, so not in the call log); also
   * `PATCH /__sim/users/:id` and `/__sim/groups/:id`. Throws `ConsoleEditError` (400 bad field, 404 unknown id, 409
   * name taken).
   */
  consoleEditUser(id: string, edit: OneIdUserConsoleEdit): OneIdUserRecord;
  consoleEditGroup(id: string, edit: OneIdGroupConsoleEdit): OneIdGroupRecord;
  /** Create `n` groups with `membersEach` members each (default 0), seeding users when there are too few. */
  seedGroups(n: number, membersEach?: number): OneIdGroupRecord[];
  /** A valid bearer token without an HTTP round trip (not recorded as a call). */
  issueToken(): string;
  behaviour(): OneIdBehaviour;
  setBehaviour(changes: Partial<OneIdBehaviour>): OneIdBehaviour;
  /**
   * Hold the next `count` responses (matching `route`, as in `failNext`) back by `ms` after the route has run: e.g. the
   * first response arrives after the client's timeout, but the write happened.
   */
  delayResponses(count: number, ms: number, options?: { route?: string; whileDelayed?: WhileDelayed }): void;
  pendingDelays(): ResponseDelay[];
}

/**
 * A stateful simulator of Zuora OneID ("Universal Identity") SCIM at `one.zuora.com` (docs/upstreams/zuora-oneid.md,
 * which restates Zuora's SCIM operation pages and links each). See README.md in this folder.
 */
export function createZuoraOneIdSimulator(input: ZuoraOneIdSimulatorOptions = {}): ZuoraOneIdSimulator {
  const options = resolveOptions(input);
  const state = new OneIdState(options.orgId, options.region, options.now);
  const seeder = new Seeder(state);
  if (options.seedProfile === 'live') loadOneIdLiveSeed(state, seeder);
  const behaviour = new BehaviourSwitches(options.behaviour);
  const tokens = createOneIdTokenStore(options.now, options.tokenTtlSeconds, options.orgId, options.clientId);
  const instruments = createSimulatorInstruments({
    renderFault: renderOneIdFault(() => behaviour.get().errorFormat),
    faultSettings: options.faults,
    defaultExclude: [`POST ${TOKEN_PATH}`],
    expireTokens: () => tokens.expireAll(),
    bulkTargets: oneIdBulkTargets,
  });
  const idempotency = new IdempotencyStore({
    now: options.now,
    ttlSeconds: options.idempotencyTtlSeconds,
    tenant: options.orgId,
    scopePrefix: SCIM_PREFIX,
    mode: () => behaviour.get().idempotencyReplay,
    format: () => behaviour.get().errorFormat,
  });
  const delays = new ResponseDelays(options.sleep, (url) => url.startsWith(`${SCIM_PREFIX}/`));
  const snapshot = () => ({
    orgId: state.orgId,
    region: state.region,
    clientId: options.clientId,
    behaviour: behaviour.get(),
    users: state.users(),
    groups: state.groups(),
    idempotencyKeys: idempotency.size(),
  });
  const app = buildZuoraOneIdApp({ options, state, seeder, tokens, ...instruments, behaviour, idempotency, delays, snapshot });

  return {
    ...simulatorHandle(app, instruments, snapshot),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    orgId: options.orgId,
    users: () => state.users(),
    getUser: (id) => state.getUser(id),
    groups: () => state.groups(),
    getGroup: (id) => state.getGroup(id),
    seedUsers: (n) => seeder.seedUsers(n),
    seedGroups: (n, membersEach) => seeder.seedGroups(n, membersEach),
    consoleEditUser: (id, edit) => consoleEditOneIdUser(state, id, edit),
    consoleEditGroup: (id, edit) => consoleEditOneIdGroup(state, id, edit),
    issueToken: () => tokens.issue(options.publicBaseUrl ?? 'http://127.0.0.1').access_token,
    behaviour: () => behaviour.get(),
    setBehaviour: (changes) => behaviour.set(changes),
    delayResponses: (count, ms, delay = {}) => delays.add(count, ms, delay.route, delay.whileDelayed),
    pendingDelays: () => delays.pending(),
  };
}
