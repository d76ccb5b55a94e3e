import type { CliIo } from './cli/cli-io.js';
import type { CommandSpec } from './cli/command-spec.js';
import { runCli } from './cli/commands.js';
import { failureOf } from './cli/failure-message.js';
import { terminalLog } from './cli/terminal-log.js';
import { createLogger } from './logging.js';

/**
 * `scim-bridge <command>`: the commands and their help are in `cli/commands.ts`, each command in `cli/`. The only
 * module besides config/ that reads the environment, and the only one that writes to stdout or exits.
 *
 * Output for people is plain text; long-running commands (`serve`, `sandbox`) log JSON lines (pino) for a log
 * collector, shown as text when standard output is a terminal (cli/terminal-log.ts). A command that cannot start says
 * why in plain words on stderr: exit 2 for a wrong command line, 1 otherwise (cli/failure-message.ts).
 */

const logger = createLogger(process.env.LOG_LEVEL ?? 'info', process.stdout.isTTY ? terminalLog((text) => process.stdout.write(text)) : undefined);
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

let running: CommandSpec | undefined;
runCli(process.argv.slice(2), io, (spec) => (running = spec))
  .then((code) => {
    if (code !== undefined) process.exitCode = code;
  })
  .catch((err: unknown) => {
    io.progress?.done();
    const failure = failureOf(err, running);
    process.stderr.write(`${failure.message}\n`);
    // A long-running command may have started servers (a sandbox's simulators) before it failed: exit, do not linger.
    process.exit(failure.exitCode);
  });
