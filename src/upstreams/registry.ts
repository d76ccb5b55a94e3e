import { z } from 'zod';
import type { UpstreamAdapter } from './upstream.js';
import type { UpstreamDeps, UpstreamDescriptor, UpstreamGauge } from './upstream-descriptor.js';
import { zscalerZiaUpstream } from './zscaler-zia/descriptor.js';
import { zuoraOneIdUpstream } from './zuora-oneid/descriptor.js';
import { zuoraRestUpstream } from './zuora-rest/descriptor.js';

/**
 * Every upstream the bridge speaks to, and the only list of them (issue 12 "One registry";
 * test/unit/upstreams/registry.test.ts fails when another file lists upstream types). Adding one is its folder, with
 * its `descriptor.ts`, plus one line here. The order is the configuration reference's and the sandbox's.
 */
export const UPSTREAMS = [zuoraRestUpstream, zuoraOneIdUpstream, zscalerZiaUpstream] as const;

type Registered = (typeof UPSTREAMS)[number];
/** `upstream.type` of a registered upstream. */
export type UpstreamType = Registered['type'];
/** A parsed tenant `upstream` block, of whichever registered type. */
export type UpstreamConfig = Parameters<Registered['create']>[0];

export const UPSTREAM_TYPES: readonly UpstreamType[] = UPSTREAMS.map((d) => d.type);

/** The descriptors' schemas, tuple for tuple (a mapped type over a generic tuple keeps it a tuple). */
type SchemasOf<T extends readonly unknown[]> = { -readonly [K in keyof T]: T[K] extends { configSchema: infer S } ? S : never };

/** The tenant `upstream` block: one variant per registered upstream, chosen by `type`. */
export const upstreamConfigSchema = z
  .discriminatedUnion('type', UPSTREAMS.map((d) => d.configSchema) as unknown as SchemasOf<typeof UPSTREAMS>)
  .describe('The SaaS tenant this tenant provisions into; `type` picks the upstream and the keys below.');

/** The descriptor of a registered upstream type. */
export function upstreamDescriptor(type: UpstreamType): UpstreamDescriptor {
  const descriptor = UPSTREAMS.find((d) => d.type === type);
  if (!descriptor) throw new Error(`no upstream of type ${type} is registered`);
  return descriptor as unknown as UpstreamDescriptor;
}

/** The adapter for a tenant's parsed upstream configuration, from its descriptor's factory. */
export function createRegisteredUpstream(config: UpstreamConfig, deps: UpstreamDeps): UpstreamAdapter {
  // `config.type` picks the descriptor whose schema parsed `config`, so its factory takes it.
  return upstreamDescriptor(config.type).create(config, deps);
}

/** Every registered upstream's gauges, with the type whose tenants they are read for. */
export const UPSTREAM_GAUGES: readonly (UpstreamGauge & { upstream: UpstreamType })[] = UPSTREAMS.flatMap((d: Registered) =>
  (d.metrics ?? []).map((g) => ({ ...g, upstream: d.type })),
);
