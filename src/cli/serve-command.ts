import { ConfigError } from '../config/load-config.js';
import { createBridge, type Bridge } from '../runtime.js';
import type { UpstreamDeps } from '../upstreams/create-upstream.js';
import { configFrom, type CliIo } from './cli-io.js';
import { CONFIG_OPTION, parseCommandArgs, type CommandSpec } from './command-spec.js';
import { shutdownOn } from './shutdown.js';
import { degradedTenantsAtStart, refusalMessage } from './startup-mapping-check.js';

export const SERVE_COMMAND = {
  name: 'serve',
  usage: '--config FILE [--allow-degraded]',
  summary: 'Serve SCIM for the configured tenants until stopped (the production command)',
  description: [
    'Checks every name each mapping gives against its upstream first: one it lacks stops the start (exit 1, every',
    'problem listed) unless --allow-degraded. Logs are JSON lines on standard output (pino), for a log collector.',
    'A failure to start (bad configuration, a port in use) is one plain message on standard error and exit code 1.',
  ],
  options: {
    config: { ...CONFIG_OPTION, help: 'the configuration file, .json or .yaml (default: $SCIM_BRIDGE_CONFIG, else ./scim-bridge.json)' },
    'allow-degraded': { type: 'boolean', default: false, help: 'serve even when a mapping names what its upstream lacks (/readyz says which)' },
  },
} as const satisfies CommandSpec;

/**
 * Start the bridge as `serve` does and return it listening: check every tenant's mapping against its upstream (a
 * name the upstream lacks refuses the start, unless `--allow-degraded`: then each problem is logged and the tenant is
 * not ready on `/readyz`), listen, reconcile each tenant configured to (`reconcile.onStart`, the default) once in the
 * background.
 */
export async function startServe(args: string[], io: CliIo, deps: UpstreamDeps = {}): Promise<Bridge> {
  const values = parseCommandArgs(SERVE_COMMAND, args);
  const config = configFrom('serve', values.config ?? io.env.SCIM_BRIDGE_CONFIG ?? './scim-bridge.json', io.env);
  const logger = io.logger;
  logger.level = io.env.LOG_LEVEL ?? config.logLevel;
  const degraded = await degradedTenantsAtStart(config, deps, logger);
  if (degraded.length > 0 && !values['allow-degraded']) throw new ConfigError(refusalMessage(degraded));
  for (const d of degraded) {
    for (const [i, problem] of d.problems.entries()) {
      logger.warn({ tenant: d.tenant, setting: problem.setting, missing: problem.name }, `--allow-degraded: tenant not ready: ${d.lines[i]}`);
    }
  }
  const mappingProblems = new Map(degraded.map((d) => [d.tenant, d.problems]));
  const bridge = await createBridge(config, { logger, upstreamDeps: deps, mappingProblems });
  await bridge.app.listen({ host: config.server.host, port: config.server.port });
  bridge.reconcileOnStart().catch((err: unknown) => logger.warn({ err }, 'initial reconcile failed; filters answer from the index as it is'));
  return bridge;
}

/** `scim-bridge serve --config FILE [--allow-degraded]`: {@link startServe}, then serve until SIGINT/SIGTERM. */
export async function serveCommand(args: string[], io: CliIo): Promise<void> {
  const bridge = await startServe(args, io);
  shutdownOn(() => bridge.close(), io.logger);
}
