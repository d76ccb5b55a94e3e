import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ConfigError } from './config/config-error.js';
import { serializeError } from './logging.js';

/**
 * The process's one Redis client. Its URL usually holds a password, and ioredis quotes the URL whole in what it
 * throws for one it cannot parse and, for one it takes for a socket path, in every connection error: neither may
 * reach a log. Configuration validation refuses a malformed URL first (connection-urls.ts); what ioredis reports
 * is logged through {@link serializeError}, which redacts URL credentials, whatever logger is in use.
 *
 * ioredis reconnects on its own and reports every failed attempt: the first failure of an outage is a warning,
 * the repeats are debug, and the recovery is noted.
 */
export function createRedisClient(url: string, log: Logger | undefined): Redis {
  let client: Redis;
  try {
    client = new Redis(url, { connectTimeout: 2000, maxRetriesPerRequest: 1 });
  } catch {
    throw new ConfigError('redis.url: not a Redis URL (the value is not shown: it may hold a password)');
  }
  let failing = false;
  client.on('error', (err: unknown) => {
    const line = { err: serializeError(err) };
    if (failing) log?.debug(line, 'redis still unavailable');
    else log?.warn(line, 'redis unavailable; rate limits fall back to serving, budgets refuse');
    failing = true;
  });
  client.on('ready', () => {
    if (failing) log?.info('redis available again');
    failing = false;
  });
  return client;
}
