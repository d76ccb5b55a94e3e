import type { StartSandboxSource } from '../sources/source-descriptor.js';
import type { StartSandboxUpstream } from './upstream-descriptor.js';

/** The development package that holds the upstream simulators (packages/simulators). */
export const SIMULATORS_PACKAGE = '@scim-bridge/simulators';

/** The sandbox and `scim-bridge simulator` were asked for where the simulators package is not installed. */
export class SimulatorsMissingError extends Error {
  constructor() {
    super(
      'the upstream simulators are a development package, not part of this build: run the sandbox or `scim-bridge simulator` from a source checkout (`npm ci`, then `npm run sandbox` or `npm run simulator -- --upstream U`)',
    );
    this.name = 'SimulatorsMissingError';
  }
}

/**
 * Whether `error` says the package itself cannot be loaded here: not installed (a production image), or installed
 * as the TypeScript sources it is while this process runs compiled JavaScript without tsx (`node dist/cli.js` in a
 * checkout). A module missing inside the package is a broken checkout, and is left as it is.
 */
function packageUnavailable(error: unknown, packageName: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  // Node names the package (`'@scim-bridge/simulators'`), vitest the whole specifier (`'@scim-bridge/simulators/…'`).
  if (code === 'ERR_MODULE_NOT_FOUND') return typeof message === 'string' && message.includes(`'${packageName}`);
  return code === 'ERR_UNKNOWN_FILE_EXTENSION';
}

/**
 * `type`'s sandbox start from the simulators package, imported only now, so that the registry, a descriptor or a
 * serving bridge never loads a simulator. The specifier is computed on purpose: TypeScript resolves literal ones, and
 * the image's build stage has no packages/ (.dockerignore), where a literal one would fail `npm run build`.
 */
export async function loadSimulatorSandbox(type: string, packageName = SIMULATORS_PACKAGE): Promise<StartSandboxUpstream> {
  return (await loadSandboxModule<{ startSandbox: StartSandboxUpstream }>(type, packageName)).startSandbox;
}

/** An identity source's sandbox start (its directory simulator), loaded the same lazy way. */
export async function loadSourceSimulatorSandbox(type: string, packageName = SIMULATORS_PACKAGE): Promise<StartSandboxSource> {
  return (await loadSandboxModule<{ startSourceSandbox: StartSandboxSource }>(type, packageName)).startSourceSandbox;
}

async function loadSandboxModule<Module>(type: string, packageName: string): Promise<Module> {
  const specifier = `${packageName}/${type}/sandbox`;
  try {
    return (await import(specifier)) as Module;
  } catch (error) {
    if (packageUnavailable(error, packageName)) throw new SimulatorsMissingError();
    throw error;
  }
}
