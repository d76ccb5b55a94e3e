import type { SeedProfile } from './seed-profile.js';
import type { SimulatorHandle } from './simulator-handle.js';

/*
 * What each simulator's `sandbox.ts` hands scim-bridge's sandbox and `scim-bridge simulator`. The bridge declares the
 * part it uses on its side (src/upstreams/upstream-descriptor.ts) and loads these modules by a computed name, so that
 * its build never needs this package; test/unit/registry.test.ts checks that the two sides still fit.
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

/** A running simulator, where it listens, and the upstream configuration that points a scim-bridge tenant at it. */
export interface SandboxUpstreamInstance {
  simulator: SimulatorHandle;
  /** The simulator's base URL, e.g. `http://127.0.0.1:40123`. */
  baseUrl: string;
  /** Its control surface (`/__sim`: state, call log, faults, console edits); not part of the upstream's API. */
  controlUrl: string;
  /** The tenant `upstream` block for scim-bridge.json: complete, valid, with the simulator's credentials. */
  upstreamConfig: Record<string, unknown>;
  /** The simulator's credentials by name, to show an operator (made up for this run; they open nothing real). */
  credentials: Record<string, string>;
}

/** A simulator folder's `sandbox.ts` export: start its simulator on 127.0.0.1, seeded as asked. */
export type StartSandboxUpstream = (options: UpstreamSimulatorOptions) => Promise<SandboxUpstreamInstance>;

/** The loopback address every sandbox simulator listens on. */
export const SANDBOX_HOST = '127.0.0.1';

/** How to start an identity source's simulator (a directory) for the sandbox. */
export interface SourceSimulatorOptions {
  /** People in the seeded directory. */
  users: number;
  /** Groups they are spread over. */
  groups: number;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
}

/** A running directory simulator, where it listens, and the tenant `source` block that points scim-bridge at it. */
export interface SandboxSourceInstance {
  simulator: SimulatorHandle;
  baseUrl: string;
  controlUrl: string;
  /** The tenant `source` block for scim-bridge.json: complete, valid, with the simulator's made-up credentials. */
  sourceConfig: Record<string, unknown>;
}

/** A source simulator folder's `sandbox.ts` export `startSourceSandbox`: start it on 127.0.0.1, seeded as asked. */
export type StartSandboxSource = (options: SourceSimulatorOptions) => Promise<SandboxSourceInstance>;
