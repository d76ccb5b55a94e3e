import { ConfigError } from '../config/load-config.js';
import { startSandbox } from '../sandbox.js';
import { SANDBOX_UPSTREAMS } from '../sandbox-upstreams.js';
import { parseCommandArgs, type CliIo } from './cli-io.js';
import { shutdownOn } from './shutdown.js';

/** `scim-bridge sandbox [--upstream U] [--port P] [--host H] [--token T] [--seed-users N]`: the bridge on a simulator. */
export async function sandboxCommand(args: string[], io: CliIo): Promise<void> {
  const values = parseCommandArgs('sandbox', args, {
    upstream: { type: 'string', default: 'zuora-rest' },
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    token: { type: 'string' },
    'seed-users': { type: 'string', default: '3' },
  });
  const upstream = SANDBOX_UPSTREAMS.find((u) => u === values.upstream);
  if (!upstream) throw new ConfigError(`--upstream ${values.upstream}: choose one of ${SANDBOX_UPSTREAMS.join(', ')}`);
  const seedUsers = Number(values['seed-users']);
  const port = Number(values.port);
  if (!Number.isInteger(seedUsers) || seedUsers < 0) throw new ConfigError('--seed-users must be a whole number (0 allowed)');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('--port must be a port number');
  const logger = io.logger;
  const sb = await startSandbox({ upstream, host: values.host, port, token: values.token ?? io.env.SCIM_BRIDGE_SANDBOX_TOKEN, seedUsers, logger });
  logger.warn(`*** SANDBOX MODE: the upstream is an in-process ${upstream} simulator; nothing reaches a real tenant ***`);
  // The sandbox's token is made up for this run: printing it is the point of a sandbox.
  logger.info({ scimUrl: sb.scimUrl, bearerToken: sb.token, seededUsers: seedUsers }, 'sandbox ready: point an IdP at scimUrl with this bearer token');
  shutdownOn(() => sb.close(), logger);
}
