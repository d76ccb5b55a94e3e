import { createBridge } from '../runtime.js';
import { configFrom, parseCommandArgs, type CliIo } from './cli-io.js';
import { shutdownOn } from './shutdown.js';

/** `scim-bridge serve --config FILE`: listen, reconcile every tenant once, serve until SIGINT/SIGTERM. */
export async function serveCommand(args: string[], io: CliIo): Promise<void> {
  const values = parseCommandArgs('serve', args, { config: { type: 'string', default: io.env.SCIM_BRIDGE_CONFIG ?? './scim-bridge.json' } });
  const config = configFrom('serve', values.config, io.env);
  const logger = io.logger;
  logger.level = io.env.LOG_LEVEL ?? config.logLevel;
  const bridge = await createBridge(config, { logger });
  await bridge.app.listen({ host: config.server.host, port: config.server.port });
  bridge.reconcileAll().catch((err: unknown) => logger.warn({ err }, 'initial reconcile failed; filters answer from the index as it is'));
  shutdownOn(() => bridge.close(), logger);
}
