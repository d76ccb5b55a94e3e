import { ConfigError } from './config/load-config.js';
import { auditCommand } from './cli/audit-command.js';
import type { CliIo } from './cli/cli-io.js';
import { doctorCommand } from './cli/doctor-command.js';
import { reconcileCommand } from './cli/reconcile-command.js';
import { sandboxCommand } from './cli/sandbox-command.js';
import { serveCommand } from './cli/serve-command.js';
import { tokenCreateCommand } from './cli/token-command.js';
import { createLogger } from './logging.js';

/**
 * `scim-bridge sandbox | serve | doctor | reconcile | audit | token create`; each command lives in `cli/`. The only
 * module besides config/ that reads the environment, and the only one that writes to stdout or exits.
 */

const logger = createLogger(process.env.LOG_LEVEL ?? 'info');
const io: CliIo = { env: process.env, out: (line) => process.stdout.write(`${line}\n`), logger };

const USAGE =
  'use sandbox [--upstream U] | serve --config FILE [--allow-degraded] | doctor --config FILE | reconcile --config FILE [--tenant T] | ' +
  'audit --config FILE [--tenant T] [--resource ID] [--since ISO] [--until ISO] [--limit N] | token create [--label NAME]';

/** Long-running commands resolve to `undefined` and keep the process alive; one-shot commands return an exit code. */
async function main(argv: string[]): Promise<number | undefined> {
  const [command = 'sandbox', ...rest] = argv;
  if (command === 'sandbox') return sandboxCommand(rest, io).then(() => undefined);
  if (command === 'serve') return serveCommand(rest, io).then(() => undefined);
  if (command === 'doctor') return doctorCommand(rest, io);
  if (command === 'reconcile') return reconcileCommand(rest, io);
  if (command === 'audit') return auditCommand(rest, io);
  if (command === 'token' && rest[0] === 'create') {
    tokenCreateCommand(rest.slice(1), io);
    return 0;
  }
  throw new ConfigError(`unknown command "${argv.join(' ')}": ${USAGE}`);
}

main(process.argv.slice(2))
  .then((code) => {
    if (code !== undefined) process.exitCode = code;
  })
  .catch((err: unknown) => {
    if (err instanceof ConfigError) logger.fatal(err.message);
    else logger.fatal({ err }, 'start-up failed');
    process.exit(1);
  });
