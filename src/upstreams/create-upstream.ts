import type { UpstreamConfig } from '../config/config-schema.js';
import { REGISTRY, type Registry } from '../registry.js';
import type { UpstreamDeps } from './upstream-descriptor.js';
import type { UpstreamAdapter } from './upstream.js';

export type { UpstreamDeps } from './upstream-descriptor.js';

/** The adapter for a tenant's upstream configuration: its registered descriptor's factory (src/registry.ts). */
export function createUpstream(config: UpstreamConfig, deps: UpstreamDeps = {}, registry: Registry = REGISTRY): UpstreamAdapter {
  return registry.createUpstream(config, deps);
}
