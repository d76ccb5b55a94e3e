import { z } from 'zod';
import type { IdentitySource, SourceDeps } from './sources/identity-source.js';
import { googleWorkspaceSource } from './sources/google-workspace/descriptor.js';
import type { SourceDescriptor } from './sources/source-descriptor.js';
import type { UpstreamAdapter } from './upstreams/upstream.js';
import type { UpstreamDeps, UpstreamDescriptor, UpstreamGauge } from './upstreams/upstream-descriptor.js';
import { zscalerZiaUpstream } from './upstreams/zscaler-zia/descriptor.js';
import { zuoraOneIdUpstream } from './upstreams/zuora-oneid/descriptor.js';
import { zuoraRestUpstream } from './upstreams/zuora-rest/descriptor.js';

/**
 * Every upstream the bridge writes to and every identity source it reads from: the only list of them (issue 12 "One
 * registry"; test/unit/registry.test.ts fails when another file under src/ lists their types). Adding one is its
 * folder, with its `descriptor.ts`, plus one line here. The order is the configuration reference's and the sandbox's.
 */
const UPSTREAM_DESCRIPTORS = [zuoraRestUpstream, zuoraOneIdUpstream, zscalerZiaUpstream] as const;
const SOURCE_DESCRIPTORS = [googleWorkspaceSource] as const satisfies readonly SourceDescriptor[];

type RegisteredUpstream = (typeof UPSTREAM_DESCRIPTORS)[number];
/** `upstream.type` of a registered upstream. */
export type UpstreamType = RegisteredUpstream['type'];
/** A parsed tenant `upstream` block, of whichever registered type. */
export type UpstreamConfig = Parameters<RegisteredUpstream['create']>[0];
/** A parsed tenant `source` block, of whichever registered type. */
export type SourceConfig = Parameters<(typeof SOURCE_DESCRIPTORS)[number]['create']>[0];

/** A set of upstream and source descriptors, and what the configuration, the runtime and `/metrics` derive from it. */
export interface Registry {
  readonly upstreams: readonly UpstreamDescriptor[];
  readonly sources: readonly SourceDescriptor[];
  /** The tenant `upstream` block: one variant per upstream, chosen by `type`. */
  readonly upstreamConfigSchema: z.ZodType<UpstreamConfig>;
  /** The tenant `source` block, one variant per source; `undefined` when no source is registered (the key is refused). */
  readonly sourceConfigSchema: z.ZodType<SourceConfig> | undefined;
  /** The adapter for a tenant's parsed `upstream` block, from its descriptor's factory. */
  createUpstream(config: { type: string }, deps: UpstreamDeps): UpstreamAdapter;
  /** The source for a tenant's parsed `source` block, from its descriptor's factory. */
  createSource(config: { type: string }, deps: SourceDeps): IdentitySource;
  /** Every upstream's gauges, with the type whose tenants they are read for. */
  readonly gauges: readonly (UpstreamGauge & { upstream: string })[];
}

type Discriminable = z.ZodType & z.core.$ZodTypeDiscriminable;
const unionOf = (schemas: readonly Discriminable[]) => z.discriminatedUnion('type', schemas as unknown as [Discriminable, ...Discriminable[]]);

function find<D extends { type: string }>(list: readonly D[], type: string, what: string): D {
  const found = list.find((d) => d.type === type);
  if (!found) throw new Error(`no ${what} of type ${type} is registered`);
  return found;
}

/**
 * A registry of these descriptors. The bridge runs on {@link REGISTRY}; tests add their in-memory fakes to it with this
 * same function (test/support/test-registry.ts), so a fake is configured, created and measured as a real one is.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each descriptor's factory takes its own config type
export function defineRegistry(parts: { upstreams: readonly UpstreamDescriptor<any, any>[]; sources: readonly SourceDescriptor<any, any>[] }): Registry {
  const types = [...parts.upstreams, ...parts.sources].map((d) => d.type);
  const twice = types.filter((t, i) => types.indexOf(t) !== i);
  if (twice.length > 0) throw new Error(`registered twice: ${twice.join(', ')}`);
  if (parts.upstreams.length === 0) throw new Error('a registry needs at least one upstream');
  return {
    upstreams: parts.upstreams,
    sources: parts.sources,
    upstreamConfigSchema: unionOf(parts.upstreams.map((d) => d.configSchema)).describe(
      'The SaaS tenant this tenant provisions into; `type` picks the upstream and the keys below.',
    ) as unknown as z.ZodType<UpstreamConfig>,
    sourceConfigSchema:
      parts.sources.length === 0
        ? undefined
        : (unionOf(parts.sources.map((d) => d.configSchema)).describe(
            'A directory the bridge reads and provisions from, as an IdP would push (for directories that cannot push SCIM); `type` picks the source.',
          ) as unknown as z.ZodType<SourceConfig>),
    // The descriptor is found by the `type` its own schema parsed, so its factory takes the config.
    createUpstream: (config, deps) => find(parts.upstreams, config.type, 'upstream').create(config, deps),
    createSource: (config, deps) => find(parts.sources, config.type, 'source').create(config, deps),
    gauges: parts.upstreams.flatMap((d) => (d.metrics ?? []).map((g) => ({ ...g, upstream: d.type }))),
  };
}

/** What the bridge runs on. */
export const REGISTRY: Registry = defineRegistry({
  upstreams: UPSTREAM_DESCRIPTORS as unknown as readonly UpstreamDescriptor[],
  sources: SOURCE_DESCRIPTORS,
});

export const UPSTREAM_TYPES: readonly UpstreamType[] = UPSTREAM_DESCRIPTORS.map((d) => d.type);

/** The descriptor of a registered upstream type. */
export const upstreamDescriptor = (type: UpstreamType): UpstreamDescriptor => find(REGISTRY.upstreams, type, 'upstream');
