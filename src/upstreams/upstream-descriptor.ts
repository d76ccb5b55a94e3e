import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import type { UpstreamCallRecord } from './call-record.js';
import type { DurableState, DurableWorkQueue } from './durable-state.js';
import type { BudgetLedger } from './http/request-budget.js';
import type { BackgroundWrite, UpstreamAdapter } from './upstream.js';

/**
 * Everything the bridge knows about one upstream, exported by that upstream's folder (`descriptor.ts`) and listed
 * once, in src/registry.ts (issue 12 "One registry"). Adding an upstream is its folder plus one registry
 * line: the configuration schema and reference, the adapter factory, the sandbox and `scim-bridge simulator`, and the
 * upstream's own metrics all come from here.
 */
export interface UpstreamDescriptor<Type extends string = string, Config extends { type: Type } = { type: Type }> {
  /** The configuration's discriminator, `upstream.type`. */
  readonly type: Type;
  /**
   * The tenant `upstream` block: a strict object with `type: z.literal(type)`. Each key's `.describe()` is its text in
   * the README's configuration reference (`npm run config:reference`); there is no second table.
   */
  readonly configSchema: z.ZodType<Config> & z.core.$ZodTypeDiscriminable;
  /** The adapter for a tenant's parsed configuration. */
  create(config: Config, deps: UpstreamDeps): UpstreamAdapter;
  /**
   * The sandbox: starts this upstream's simulator and hands back the tenant block that points the bridge at it. The
   * simulators are their own development package, `@scim-bridge/simulators` (packages/simulators), absent from a
   * production build and image: `() => loadSimulatorSandbox(type)` (simulator-sandbox.ts) loads it only when asked.
   * Absent for a test fake, which has no simulator.
   */
  loadSandbox?(): Promise<StartSandboxUpstream>;
  /**
   * The mapping a tenant's configuration gives, in words, one rule per line (what an IdP must send for a user to land
   * where), for the sandbox's ready message. `simulatorState` is what the simulated tenant holds (ZIA's departments and
   * groups). Read from the parsed configuration, never restated, so what is printed is what the adapter does.
   */
  describeMapping?(config: Config, simulatorState: Record<string, unknown>): string[];
  /** Gauges read from the adapter's `status()` at scrape time, one series per tenant of this upstream. */
  readonly metrics?: readonly UpstreamGauge[];
}

/** What an adapter may be given besides its configuration. */
export interface UpstreamDeps {
  dispatcher?: Dispatcher;
  onCall?: (record: UpstreamCallRecord) => void;
  /** The tenant's durable key/value space. */
  state?: DurableState;
  /** The tenant's durable work queues, shared by replicas (ZIA's queued deletions and owed activation). */
  workQueue?: DurableWorkQueue;
  /** Shared budget counts (Redis) for upstreams with documented budgets, so replicas spend one budget together. */
  budgetLedger?: BudgetLedger;
  /** The tenant's audit log, for upstream writes an adapter makes on its own schedule (ZIA activation, deletions). */
  recordWrite?: (write: BackgroundWrite) => Promise<void>;
}

/** A per-tenant gauge an upstream contributes to `/metrics` (name without the bridge's `scim_bridge_` prefix). */
export interface UpstreamGauge {
  readonly name: string;
  readonly help: string;
  /** The value for one tenant, from its adapter's `status()` (`undefined` when the adapter reports none). */
  read(status: Record<string, unknown> | undefined): number;
}

/** How a simulator's tenant starts (the simulators package's own list, checked equal by the registry test). */
export const SEED_PROFILES = ['plain', 'live'] as const;
export type SeedProfile = (typeof SEED_PROFILES)[number];

/*
 * The sandbox contract, as the bridge uses it. The simulators package declares the same shapes on its side
 * (packages/simulators/src/sandbox-upstream.ts); the bridge cannot import them, not even as types, without its build
 * needing the package, which the image's build stage does not have. test/unit/registry.test.ts checks
 * that each package sandbox fits these types.
 */

/** How to start an upstream simulator for the sandbox or `scim-bridge simulator`. */
export interface UpstreamSimulatorOptions {
  /** Ordinary users added on top of the seed profile's. */
  seedUsers: number;
  /** `plain` (default): the simulator's defaults; `live`: a tenant as a customer's would be before the bridge. */
  seedProfile?: SeedProfile;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
}

/** What the bridge uses of a running simulator (the package's handle has more: its app, faults and call log). */
export interface RunningSimulator {
  /** The simulator's records as `GET /__sim/state` answers them. */
  state(): Record<string, unknown>;
  close(): Promise<void>;
}

/** A running simulator, where it listens, and the upstream configuration that points a tenant at it. */
export interface SandboxUpstreamInstance {
  simulator: RunningSimulator;
  /** The simulator's base URL, e.g. `http://127.0.0.1:40123`. */
  baseUrl: string;
  /** Its control surface (`/__sim`: state, call log, faults, console edits); not part of the upstream's API. */
  controlUrl: string;
  /** The tenant `upstream` block for scim-bridge.json: complete, valid, with the simulator's credentials. */
  upstreamConfig: Record<string, unknown>;
  /** The simulator's credentials by name, to show an operator (made up for this run; they open nothing real). */
  credentials: Record<string, string>;
}

/** The simulators package's `<type>/sandbox` export: start that upstream's simulator on 127.0.0.1, seeded as asked. */
export type StartSandboxUpstream = (options: UpstreamSimulatorOptions) => Promise<SandboxUpstreamInstance>;
