import type { z } from 'zod';
import type { RunningSimulator } from '../upstreams/upstream-descriptor.js';
import type { IdentitySource, SourceDeps } from './identity-source.js';

/**
 * Everything the bridge knows about one kind of identity source, exported by that source's folder (`descriptor.ts`)
 * and listed once, in src/registry.ts, beside the upstreams: adding a source is its folder plus one registry line.
 */
export interface SourceDescriptor<Type extends string = string, Config extends { type: Type } = { type: Type }> {
  /** The configuration's discriminator, a tenant's `source.type`. */
  readonly type: Type;
  /** The tenant `source` block: a strict object with `type: z.literal(type)`, each key documented by `.describe()`. */
  readonly configSchema: z.ZodType<Config> & z.core.$ZodTypeDiscriminable;
  /** The source for a tenant's parsed configuration. */
  create(config: Config, deps: SourceDeps): IdentitySource;
  /**
   * The sandbox's directory: starts this source's simulator and hands back the tenant block that points the bridge at
   * it. Like an upstream's (`UpstreamDescriptor.loadSandbox`), loaded from the simulators package only when asked.
   */
  loadSandbox?(): Promise<StartSandboxSource>;
}

/*
 * The part of the simulators package's source sandbox contract the bridge uses (its `sandbox-upstream.ts` declares the
 * whole; the bridge cannot import it): test/unit/registry.test.ts checks that the two still fit.
 */

/** How to seed a source's simulator for the sandbox: `users` people spread over `groups` groups. */
export interface SourceSimulatorOptions {
  users: number;
  groups: number;
  port?: number;
}

/** A running directory simulator and the tenant `source` block that points the bridge at it. */
export interface SandboxSourceInstance {
  simulator: RunningSimulator;
  baseUrl: string;
  /** Its control surface (`/__sim`), not part of the directory's API. */
  controlUrl: string;
  sourceConfig: Record<string, unknown>;
}

/** A source simulator's `startSourceSandbox`. */
export type StartSandboxSource = (options: SourceSimulatorOptions) => Promise<SandboxSourceInstance>;
