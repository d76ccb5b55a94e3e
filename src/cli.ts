import { parseArgs } from 'node:util';
import { loadConfigFile, ConfigError } from './config/load-config.js';
import { generateToken, hashToken } from './core/idp-credentials.js';
import { createLogger } from './logging.js';
import { createBridge } from './runtime.js';
import { startSandbox } from './sandbox.js';
import { SANDBOX_UPSTREAMS } from './sandbox-upstreams.js';

/** `scim-bridge sandbox | serve | token create`. The only module besides config/ that reads the environment. */

const logger = createLogger(process.env.LOG_LEVEL ?? 'info');

function shutdownOn(close: () => Promise<void>): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function sandbox(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      upstream: { type: 'string', default: 'zuora-rest' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      token: { type: 'string' },
      'seed-users': { type: 'string', default: '3' },
    },
  });
  const upstream = SANDBOX_UPSTREAMS.find((u) => u === values.upstream);
  if (!upstream) throw new ConfigError(`--upstream ${values.upstream}: choose one of ${SANDBOX_UPSTREAMS.join(', ')}`);
  const seedUsers = Number(values['seed-users']);
  const port = Number(values.port);
  if (!Number.isInteger(seedUsers) || seedUsers < 0) throw new ConfigError('--seed-users must be a whole number (0 allowed)');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('--port must be a port number');
  const sb = await startSandbox({ upstream, host: values.host, port, token: values.token ?? process.env.SCIM_BRIDGE_SANDBOX_TOKEN, seedUsers, logger });
  logger.warn(`*** SANDBOX MODE: the upstream is an in-process ${upstream} simulator; nothing reaches a real tenant ***`);
  // The sandbox's token is made up for this run: printing it is the point of a sandbox.
  logger.info({ scimUrl: sb.scimUrl, bearerToken: sb.token, seededUsers: seedUsers }, 'sandbox ready: point an IdP at scimUrl with this bearer token');
  shutdownOn(() => sb.close());
}

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { config: { type: 'string', default: process.env.SCIM_BRIDGE_CONFIG ?? './scim-bridge.json' } } });
  const config = loadConfigFile(values.config, process.env);
  logger.level = process.env.LOG_LEVEL ?? config.logLevel;
  const bridge = await createBridge(config, { logger });
  await bridge.app.listen({ host: config.server.host, port: config.server.port });
  bridge.reconcileAll().catch((err: unknown) => logger.warn({ err }, 'initial reconcile failed; filters answer from the index as it is'));
  shutdownOn(() => bridge.close());
}

function tokenCreate(args: string[]): void {
  const { values } = parseArgs({ args, options: { label: { type: 'string', default: 'idp' } } });
  const token = generateToken();
  process.stdout.write(
    `${JSON.stringify({ token, idpTokenConfig: { label: values.label, sha256: hashToken(token) } }, null, 2)}\n` +
      'Give the token to the IdP once; put only idpTokenConfig in the configuration.\n',
  );
}

async function main(argv: string[]): Promise<void> {
  const [command = 'sandbox', ...rest] = argv;
  if (command === 'sandbox') return sandbox(rest);
  if (command === 'serve') return serve(rest);
  if (command === 'token' && rest[0] === 'create') return tokenCreate(rest.slice(1));
  throw new ConfigError(`unknown command "${argv.join(' ')}": use sandbox | serve --config FILE | token create [--label NAME]`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError) logger.fatal(err.message);
  else logger.fatal({ err }, 'start-up failed');
  process.exit(1);
});
