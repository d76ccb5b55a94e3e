import { UsageError } from '../config/config-error.js';
import { AUDIT_COMMAND, auditCommand } from './audit-command.js';
import type { CliIo } from './cli-io.js';
import { asksForHelp, commandHelp, programHelp, type CommandSpec } from './command-spec.js';
import { DOCTOR_COMMAND, doctorCommand } from './doctor-command.js';
import { PLAN_COMMAND, planCommand } from './plan-command.js';
import { RECONCILE_COMMAND, reconcileCommand } from './reconcile-command.js';
import { SANDBOX_COMMAND, sandboxCommand } from './sandbox-command.js';
import { SERVE_COMMAND, serveCommand } from './serve-command.js';
import { SIMULATOR_COMMAND, simulatorCommand } from './simulator-command.js';
import { SYNC_COMMAND, syncCommand } from './sync-command.js';
import { TOKEN_CREATE_COMMAND, tokenCreateCommand } from './token-command.js';

/** Long-running commands resolve to `undefined` and keep the process alive; one-shot commands return an exit code. */
type Run = (args: string[], io: CliIo) => Promise<number | undefined>;

const serving =
  (start: (args: string[], io: CliIo) => Promise<void>): Run =>
  (args, io) =>
    start(args, io).then(() => undefined);

/** Every command, in the order `--help` lists them. */
const COMMANDS: readonly { spec: CommandSpec; run: Run }[] = [
  { spec: SANDBOX_COMMAND, run: serving(sandboxCommand) },
  { spec: SERVE_COMMAND, run: serving(serveCommand) },
  { spec: DOCTOR_COMMAND, run: doctorCommand },
  { spec: PLAN_COMMAND, run: planCommand },
  { spec: RECONCILE_COMMAND, run: reconcileCommand },
  { spec: SYNC_COMMAND, run: syncCommand },
  { spec: AUDIT_COMMAND, run: auditCommand },
  { spec: TOKEN_CREATE_COMMAND, run: async (args, io) => (tokenCreateCommand(args, io), 0) },
  { spec: SIMULATOR_COMMAND, run: serving(simulatorCommand) },
];

/** Every command's spec (name, options), for the tests that walk them all. */
export const COMMAND_SPECS: readonly CommandSpec[] = COMMANDS.map((c) => c.spec);

const PROGRAM_HELP = programHelp(COMMAND_SPECS);

/** The command `words` name (`audit`, `token create`), and the arguments after its name. */
function commandNamed(words: readonly string[]): { spec: CommandSpec; run: Run; args: string[] } | undefined {
  for (const command of COMMANDS) {
    const name = command.spec.name.split(' ');
    if (name.every((word, i) => words[i] === word)) return { ...command, args: words.slice(name.length) };
  }
  return undefined;
}

/** `token` alone names the group: its one subcommand's help stands for it. */
const groupNamed = (word: string | undefined) => COMMANDS.find((c) => c.spec.name.startsWith(`${word} `));

const unknownCommand = (words: readonly string[]) => new UsageError(`unknown command ${JSON.stringify(words.join(' '))}`);

/**
 * Run the command line: `--help`/`-h` or `help [command]` print help (exit 0); no command starts a sandbox, as `npm
 * start` always has. `onCommand` learns which command runs, so that a failure can name it.
 */
export async function runCli(argv: string[], io: CliIo, onCommand: (spec: CommandSpec) => void): Promise<number | undefined> {
  const [first, ...rest] = argv;
  if (first === undefined) return runCli(['sandbox'], io, onCommand);
  if (first === '--help' || first === '-h') {
    io.out(PROGRAM_HELP);
    return 0;
  }
  if (first === 'help') {
    if (rest.length === 0 || asksForHelp(rest)) {
      io.out(PROGRAM_HELP);
      return 0;
    }
    const named = commandNamed(rest)?.spec ?? (rest.length === 1 ? groupNamed(rest[0])?.spec : undefined);
    if (!named) throw unknownCommand(rest);
    io.out(commandHelp(named));
    return 0;
  }
  const command = commandNamed(argv);
  if (!command) {
    const group = groupNamed(first);
    if (group && asksForHelp(rest)) {
      io.out(commandHelp(group.spec));
      return 0;
    }
    if (group) {
      const subcommands = COMMANDS.filter((c) => c.spec.name.startsWith(`${first} `)).map((c) => c.spec.name);
      throw new UsageError(
        `${first}: ${rest[0] === undefined ? 'a subcommand is needed' : `unknown subcommand ${JSON.stringify(rest[0])}`}: ${subcommands.join(', ')}`,
      );
    }
    throw unknownCommand(argv.slice(0, 1));
  }
  onCommand(command.spec);
  if (asksForHelp(command.args)) {
    io.out(commandHelp(command.spec));
    return 0;
  }
  return command.run(command.args, io);
}
