import { ConfigError } from './config/load-config.js';
import { UsageError } from './config/config-error.js';
import { auditCommand } from './cli/audit-command.js';
import type { CliIo } from './cli/cli-io.js';
import { doctorCommand } from './cli/doctor-command.js';
import { planCommand } from './cli/plan-command.js';
import { reconcileCommand } from './cli/reconcile-command.js';
import { syncCommand } from './cli/sync-command.js';
import { sandboxCommand } from './cli/sandbox-command.js';
import { serveCommand } from './cli/serve-command.js';
import { simulatorCommand } from './cli/simulator-command.js';
import { tokenCreateCommand } from './cli/token-command.js';
import { createLogger } from './logging.js';
import { SimulatorsMissingError } from './upstreams/simulator-sandbox.js';

/**
 * `scim-bridge sandbox | serve | doctor | reconcile | sync | audit | token create`; each command lives in `cli/`. The only
 * module besides config/ that reads the environment, and the only one that writes to stdout or exits.
 */

const logger = createLogger(process.env.LOG_LEVEL ?? 'info');
const io: CliIo = {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  outIsTerminal: process.stdout.isTTY === true,
  note: (line) => process.stderr.write(`${line}\n`),
  logger,
  // On a terminal the line is redrawn in place and cleared when done; piped, each step is its own line.
  progress: {
    update: (line) => process.stderr.write(process.stderr.isTTY ? `\r\x1b[K${line}` : `${line}\n`),
    done: () => {
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    },
  },
};

const USAGE =
  'use sandbox [--upstream U] [--source S [--seed-directory N]] | serve --config FILE [--allow-degraded] | doctor --config FILE | plan --config FILE [--tenant T] [--enforce-drift] [--json] | ' +
  'reconcile --config FILE [--tenant T] [--apply] [--enforce-drift] | sync --config FILE [--tenant T] [--dry-run | --apply [--allow-mass-deactivation]] | ' +
  'audit --config FILE [--tenant T] [--resource ID] [--user NAME] [--actor A] [--since ISO] [--until ISO] [--limit N] [--format table|json] | ' +
  'simulator --upstream U [--port P] [--seed-users N] [--seed-profile plain|live] [--json] | token create [--label NAME]';

/** Long-running commands resolve to `undefined` and keep the process alive; one-shot commands return an exit code. */
async function main(argv: string[]): Promise<number | undefined> {
  const [command = 'sandbox', ...rest] = argv;
  if (command === 'sandbox') return sandboxCommand(rest, io).then(() => undefined);
  if (command === 'serve') return serveCommand(rest, io).then(() => undefined);
  if (command === 'simulator') return simulatorCommand(rest, io).then(() => undefined);
  if (command === 'doctor') return doctorCommand(rest, io);
  if (command === 'reconcile') return reconcileCommand(rest, io);
  if (command === 'plan') return planCommand(rest, io);
  if (command === 'sync') return syncCommand(rest, io);
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
    // A production build has no simulators: one line and exit 2 (the command cannot run here), not a start-up failure.
    if (err instanceof SimulatorsMissingError) {
      process.stderr.write(`scim-bridge: ${err.message}\n`);
      process.exit(2);
    }
    if (err instanceof ConfigError) logger.fatal(err.message);
    else logger.fatal({ err }, 'start-up failed');
    process.exit(err instanceof UsageError ? err.exitCode : 1);
  });
