import type { FastifyInstance } from 'fastify';
import { CallLog } from '../call-log.js';
import type { RecordedCall } from '../call-log.js';
import { createFaultController } from '../faults.js';
import type { FaultController } from '../faults.js';
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
import { OneIdTokenStore } from './tokens.js';
import { CONTROL_PREFIX, SCIM_PREFIX, TOKEN_PATH } from './urns.js';

/** A Zuora OneID simulator (ready to `inject` or `listen`) and the handles tests and the sandbox drive it with. */
export interface ZuoraOneIdSimulator {
  app: FastifyInstance;
  clientId: string;
  clientSecret: string;
  /** The organization id: token scope `admin <orgId>`, and the `organizationId` every write must carry. */
  orgId: string;
  /** Injected failures (429, 5xx, latency, resets, `failNext`) and `expireAllTokens()`; see `../faults.ts`. */
  faults: FaultController;
  /** Every request received except the control surface's, in arrival order. */
  calls(): RecordedCall[];
  /** Requests for a method and route template, e.g. `count('PATCH', '/scim/v2/Users/:id')`. */
  count(method: string, route: string): number;
  resetCalls(): void;
  users(): OneIdUserRecord[];
  getUser(id: string): OneIdUserRecord | undefined;
  groups(): OneIdGroupRecord[];
  getGroup(id: string): OneIdGroupRecord | undefined;
  /** Create `n` active users with distinct userNames and emails. */
  seedUsers(n: number): OneIdUserRecord[];
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
  /** Start listening; resolves to the base URL, e.g. `http://127.0.0.1:40123` (SCIM API under `/scim/v2`). */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A stateful simulator of Zuora OneID ("Universal Identity") SCIM at `one.zuora.com` (shared/docs/upstreams.md A;
 * Zuora's SCIM operation pages in shared/reference/zuora-docs/). See README.md in this folder.
 */
export function createZuoraOneIdSimulator(input: ZuoraOneIdSimulatorOptions = {}): ZuoraOneIdSimulator {
  const options = resolveOptions(input);
  const state = new OneIdState(options.orgId, options.region, options.now);
  const seeder = new Seeder(state);
  const behaviour = new BehaviourSwitches(options.behaviour);
  const tokens = new OneIdTokenStore(options.now, options.tokenTtlSeconds, options.orgId, options.clientId);
  const calls = new CallLog([`${CONTROL_PREFIX}/*`]);
  const faults = createFaultController({
    render: renderOneIdFault(() => behaviour.get().errorFormat),
    ...(options.faults ? { settings: options.faults } : {}),
    defaultExclude: [`POST ${TOKEN_PATH}`],
    neverFault: [`${CONTROL_PREFIX}/*`],
    onInjected: (request, fault) => calls.markFault(request, fault),
  });
  faults.onExpireAllTokens(() => tokens.expireAll());
  const idempotency = new IdempotencyStore({
    now: options.now,
    ttlSeconds: options.idempotencyTtlSeconds,
    tenant: options.orgId,
    scopePrefix: SCIM_PREFIX,
    mode: () => behaviour.get().idempotencyReplay,
    format: () => behaviour.get().errorFormat,
  });
  const delays = new ResponseDelays(options.sleep, (url) => url.startsWith(`${SCIM_PREFIX}/`));
  const app = buildZuoraOneIdApp({ options, state, seeder, tokens, calls, faults, behaviour, idempotency, delays });

  return {
    app,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    orgId: options.orgId,
    faults,
    calls: () => calls.calls(),
    count: (method, route) => calls.count(method, route),
    resetCalls: () => calls.reset(),
    users: () => state.users(),
    getUser: (id) => state.getUser(id),
    groups: () => state.groups(),
    getGroup: (id) => state.getGroup(id),
    seedUsers: (n) => seeder.seedUsers(n),
    seedGroups: (n, membersEach) => seeder.seedGroups(n, membersEach),
    issueToken: () => tokens.issue(options.publicBaseUrl ?? 'http://127.0.0.1').access_token,
    behaviour: () => behaviour.get(),
    setBehaviour: (changes) => behaviour.set(changes),
    delayResponses: (count, ms, delay = {}) => delays.add(count, ms, delay.route, delay.whileDelayed),
    pendingDelays: () => delays.pending(),
    listen: (port = 0, host = '127.0.0.1') => app.listen({ port, host }),
    close: () => app.close(),
  };
}
