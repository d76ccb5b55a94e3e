import { ConfigError } from '../config/load-config.js';
import { startSandbox } from '../sandbox.js';
import { parseCommandArgs, type CliIo } from './cli-io.js';
import { seedOptionsFrom, upstreamFrom } from './simulator-command.js';
import { shutdownOn } from './shutdown.js';

/**
 * `scim-bridge sandbox [--upstream U] [--port P] [--host H] [--token T] [--seed-users N] [--seed-profile plain|live]`:
 * the bridge on a simulator.
 */
export async function sandboxCommand(args: string[], io: CliIo): Promise<void> {
  const values = parseCommandArgs('sandbox', args, {
    upstream: { type: 'string', default: 'zuora-rest' },
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    token: { type: 'string' },
    'seed-users': { type: 'string', default: '3' },
    'seed-profile': { type: 'string', default: 'plain' },
  });
  const upstream = upstreamFrom(values.upstream);
  const { seedUsers, seedProfile } = seedOptionsFrom(values['seed-users'], values['seed-profile']);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('--port must be a port number');
  const logger = io.logger;
  const sb = await startSandbox({ upstream, host: values.host, port, token: values.token ?? io.env.SCIM_BRIDGE_SANDBOX_TOKEN, seedUsers, seedProfile, logger });
  logger.warn(`*** SANDBOX MODE: the upstream is an in-process ${upstream} simulator; nothing reaches a real tenant ***`);
  // The sandbox's token is made up for this run: printing it is the point of a sandbox.
  logger.info(
    { scimUrl: sb.scimUrl, bearerToken: sb.token, seededUsers: seedUsers, seedProfile, simulatorUrl: sb.simulatorUrl, simulatorControlUrl: sb.controlUrl },
    'sandbox ready: point an IdP at scimUrl with this bearer token; the upstream simulator (and its /__sim control surface) is at simulatorUrl',
  );
  shutdownOn(() => sb.close(), logger);
}
