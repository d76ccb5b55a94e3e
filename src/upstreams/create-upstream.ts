import type { UpstreamConfig } from '../config/config-schema.js';
import { createRegisteredUpstream } from './registry.js';
import type { UpstreamDeps } from './upstream-descriptor.js';
import type { UpstreamAdapter } from './upstream.js';

export type { UpstreamDeps } from './upstream-descriptor.js';

/** The adapter for a tenant's upstream configuration: its registered descriptor's factory (src/upstreams/registry.ts). */
export function createUpstream(config: UpstreamConfig, deps: UpstreamDeps = {}): UpstreamAdapter {
  return createRegisteredUpstream(config, deps);
}
