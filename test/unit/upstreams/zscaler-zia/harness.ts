import { expect } from 'vitest';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type ScimUser } from '../../../../src/scim/resource.js';
import { createZscalerZiaSimulator, type ZscalerZiaSimulator, type ZscalerZiaSimulatorOptions } from '@scim-bridge/simulators/zscaler-zia';
import { newUpstreamContext, type UpstreamContext } from '../../../../src/upstreams/call-record.js';
import { memoryDurableState, memoryWorkQueue, type DurableState, type DurableWorkQueue } from '../../../../src/upstreams/durable-state.js';
import type { UpstreamAdapter } from '../../../../src/upstreams/upstream.js';
import {
  createZscalerZiaAdapter,
  zscalerZiaConfigSchema,
  type ZscalerZiaAdapterDeps,
  type ZscalerZiaConfig,
} from '../../../../src/upstreams/zscaler-zia/index.js';
import { manualClock, type ManualClock } from '../../../support/manual-clock.js';
import { countingTransport } from '../../../support/counting-transport.js';

/**
 * One clock for the adapter and the simulator. A sleep moves it forward instead of waiting, so budgets (2/s, 1/min,
 * hourly), session expiry and Retry-After waits pass in no real time; time stands still while a request is in flight.
 * The adapter's own schedule (the activation debounce, the deletion window, the work-queue polls) runs when the
 * clock passes it: a test moves it with `advance`.
 */
const ziaClock = (inFlight: () => number = () => 0) => manualClock({ start: Date.now(), sleeps: 'advance', busy: () => inFlight() > 0 });

/** Until no request is on the wire, and a few turns more for what their answers start (the next request, a record). */
async function settled(inFlight: () => number): Promise<void> {
  for (let quiet = 0; quiet < 5; quiet = inFlight() > 0 ? 0 : quiet + 1) await new Promise((resolve) => setImmediate(resolve));
}

type ConfigInput = Partial<Omit<ZscalerZiaConfig, 'type' | 'auth'>> & { auth?: ZscalerZiaConfig['auth'] };

export interface ZiaHarness {
  sim: ZscalerZiaSimulator;
  url: string;
  clock: ManualClock;
  state: DurableState;
  /** The tenant's work queues, as a store shared by replicas holds them. */
  workQueue: DurableWorkQueue;
  config: ZscalerZiaConfig;
  adapter: UpstreamAdapter;
  /** Another adapter on the same simulator, clock and (unless given) durable state and work queues: a restarted process, or another replica. */
  restart(deps?: ZscalerZiaAdapterDeps): UpstreamAdapter;
  /** Requests the simulator received for a method and a route under `/api/v1`, e.g. `count('PUT', '/users/:userId')`. */
  count(method: string, route: string): number;
  /** `POST /status/activate` activations the simulator recorded. */
  apiActivations(): number;
  /**
   * Waits for `assertion` to hold while the adapter's own schedule runs: between looks the clock moves `stepMs`
   * (default 1 s) once no request is on the wire, for at most `maxMs` of fake time (default an hour).
   */
  eventually(assertion: () => unknown, options?: { stepMs?: number; maxMs?: number }): Promise<void>;
  close(): Promise<void>;
}

/** A ZIA simulator on a real port, on a fake clock, and an adapter configured for it (legacy session auth). */
export async function ziaHarness(options: { config?: ConfigInput; sim?: ZscalerZiaSimulatorOptions } = {}): Promise<ZiaHarness> {
  const transport = countingTransport();
  const clock = ziaClock(transport.inFlight);
  const sim = createZscalerZiaSimulator({
    now: clock.now,
    ...options.sim,
    // Only the adapter's own activations are counted: ZIA's activation after an idle admin is switched off.
    behaviour: { activateAfterIdleSeconds: null, ...options.sim?.behaviour },
  });
  const url = await sim.listen();
  const config = zscalerZiaConfigSchema.parse({
    type: 'zscaler-zia',
    baseUrlOverride: `${url}/api/v1`,
    auth: { mode: 'legacy', username: sim.username, password: sim.password, apiKey: sim.apiKey },
    defaultDepartment: 'Engineering',
    deactivation: { mode: 'delete' },
    activation: { debounceMs: 20, maxDelayMs: 600_000 },
    bulkDeleteWindowMs: 20,
    ...options.config,
    retry: { baseDelayMs: 1, ...options.config?.retry },
  });
  const state = memoryDurableState();
  const workQueue = memoryWorkQueue();
  const adapters: UpstreamAdapter[] = [];
  const make = (deps: ZscalerZiaAdapterDeps = {}) => {
    const a = createZscalerZiaAdapter(config, { clock, state, workQueue, dispatcher: transport.dispatcher, ...deps });
    adapters.push(a);
    return a;
  };
  const adapter = make();
  return {
    sim,
    url,
    clock,
    state,
    workQueue,
    config,
    adapter,
    restart: make,
    count: (method, route) => sim.count(method, `/api/v1${route}`),
    apiActivations: () => sim.activations().filter((a) => a.trigger === 'api').length,
    async eventually(assertion, { stepMs = 1000, maxMs = 3_600_000 } = {}) {
      for (let waited = 0; ; waited += stepMs) {
        await settled(transport.inFlight);
        try {
          await assertion();
          return;
        } catch (e) {
          if (waited >= maxMs) throw e;
        }
        await clock.advance(stepMs);
      }
    },
    async close() {
      await Promise.all(adapters.map((a) => a.close().catch(() => undefined)));
      await sim.close();
      await transport.close();
    },
  };
}

export const ctx = (): UpstreamContext => newUpstreamContext(`test-${Math.random().toString(36).slice(2)}`);

/** A user as an IdP sends it. */
export const idpUser = (userName: string, extra: Partial<ScimUser> = {}): ScimUser => ({
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
  userName,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ value: userName, type: 'work', primary: true }],
  active: true,
  ...extra,
});

/** No documented budget (docs/upstreams/zscaler-zia.md §7) was exceeded, and the simulator never had to refuse a request. */
export function expectWithinBudgets(sim: ZscalerZiaSimulator): void {
  for (const usage of sim.budgetUsage()) {
    usage.limits.forEach((limit, i) => {
      expect(usage.peak[i], `${usage.method} ${usage.route} per ${limit.per}`).toBeLessThanOrEqual(limit.limit);
    });
    expect(usage.rejected, `${usage.method} ${usage.route} answered 429`).toBe(0);
  }
}

/** No request was ever refused for its content type (ZIA's 415). */
export const unsupportedMediaTypes = (sim: ZscalerZiaSimulator) => sim.calls().filter((c) => c.status === 415).length;

/**
 * A request as an administrator makes it outside the bridge (a script, or the console behind it), on a session of
 * its own: to seed users as a live tenant holds them, and to change them behind the bridge's back. Recorded in the
 * simulator's call log like any request.
 */
export async function asAdmin<T = unknown>(h: Pick<ZiaHarness, 'sim' | 'url' | 'clock'>, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${h.url}${h.sim.apiPrefix}${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie: `JSESSIONID=${h.sim.issueSession()}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  // ZIA's budgets are per organization: a second passes, so the administrator's request does not spend the bridge's.
  await h.clock.advance(1000);
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
