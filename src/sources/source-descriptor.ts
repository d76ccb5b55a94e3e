import type { z } from 'zod';
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
}
