import { REGISTRY } from './registry.js';
import type { SandboxSourceInstance, SourceSimulatorOptions } from './sources/source-descriptor.js';

/** The identity sources whose directory the sandbox can simulate: each registered one with a simulator. */
export const SANDBOX_SOURCES: readonly string[] = REGISTRY.sources.filter((d) => d.loadSandbox).map((d) => d.type);

/**
 * Start the directory simulator of source `type` on 127.0.0.1, seeded as asked: its sandbox start from the simulators
 * package, loaded only now (see `SourceDescriptor.loadSandbox`).
 */
export async function startSandboxSource(type: string, options: SourceSimulatorOptions): Promise<SandboxSourceInstance> {
  const start = await REGISTRY.sources.find((d) => d.type === type)?.loadSandbox?.();
  if (!start) throw new Error(`the ${type} source has no simulator`);
  return start(options);
}
