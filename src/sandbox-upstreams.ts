import { UPSTREAM_TYPES, upstreamDescriptor, type UpstreamType } from './registry.js';
import type { SandboxUpstreamInstance, UpstreamSimulatorOptions } from './upstreams/upstream-descriptor.js';

export type { SandboxUpstreamInstance, UpstreamSimulatorOptions } from './upstreams/upstream-descriptor.js';

/** Every registered upstream has a simulator, so each can be the sandbox's. */
export const SANDBOX_UPSTREAMS = UPSTREAM_TYPES;
export type SandboxUpstream = UpstreamType;

/**
 * Start the simulator of `upstream` on 127.0.0.1, seeded as asked: its sandbox start from the simulators package,
 * loaded only now (see `UpstreamDescriptor.loadSandbox`).
 */
export async function startSandboxUpstream(upstream: SandboxUpstream, options: UpstreamSimulatorOptions): Promise<SandboxUpstreamInstance> {
  const start = await upstreamDescriptor(upstream).loadSandbox?.();
  if (!start) throw new Error(`the ${upstream} upstream has no simulator`);
  return start(options);
}
