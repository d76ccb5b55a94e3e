import { parseArgs } from 'node:util';
import { UsageError } from '../config/config-error.js';

/*
 * Argument parsing is `node:util` parseArgs: built in, stable on every Node the bridge supports, and enough for
 * commands that take only `--flag value` and `--switch` (no positionals, no subcommand trees beyond `token create`).
 * A package (commander, cac, citty) would bring its own help and error wording; ours has to name the command and point
 * at its `--help` anyway, so the ~100 lines here (help from the same table the parser reads, errors in our words) are
 * cheaper than a dependency that would be wrapped just as much.
 */

/** One option of a command: what parseArgs needs, plus what `--help` prints. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  default?: string | boolean;
  /** The value's placeholder in `--help` (`FILE`, `N`); a string option without one shows `VALUE`. */
  value?: string;
  /** One line: what it does, and its default when it has one worth stating. */
  help: string;
}

export interface CommandSpec {
  /** As typed after `scim-bridge`: `audit`, `token create`. */
  name: string;
  /** The options' shape after the name, as `--help` and the overview print it. */
  usage: string;
  /** One line for the overview of every command. */
  summary: string;
  /** A few lines for the command's own `--help`: what it prints and its exit codes. */
  description: string[];
  options: Record<string, OptionSpec>;
}

/** `--help`/`-h` anywhere before a `--`: the command is not run and its help is printed instead. */
export function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

const flagText = (name: string, option: OptionSpec): string => (option.type === 'string' ? `--${name} ${option.value ?? 'VALUE'}` : `--${name}`);

/** Rows of two columns, the first padded to its widest cell. */
function twoColumns(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

/** A command's `--help`: usage, what it does, each option on one line. */
export function commandHelp(spec: CommandSpec): string {
  const options = Object.entries(spec.options).map(([name, option]) => [flagText(name, option), option.help] as const);
  return [
    `Usage: scim-bridge ${spec.name} ${spec.usage}`.trimEnd(),
    '',
    spec.summary,
    ...(spec.description.length > 0 ? ['', ...spec.description] : []),
    '',
    'Options:',
    ...twoColumns([...options, ['-h, --help', 'show this help']]),
  ].join('\n');
}

/** `scim-bridge --help`: every command on one line. */
export function programHelp(specs: readonly CommandSpec[]): string {
  return [
    'Usage: scim-bridge <command> [options]',
    '',
    'A SCIM 2.0 service provider in front of SaaS admin APIs. With no command, it starts a sandbox.',
    '',
    'Commands:',
    ...twoColumns(specs.map((s) => [s.name, s.summary] as const)),
    '',
    'Run `scim-bridge <command> --help` (or `scim-bridge help <command>`) for its options.',
    'Exit codes: 0 done, 1 something checked or run failed (the message says what), 2 the command line is wrong.',
  ].join('\n');
}

/** What a command's flags parse to, typed by its options (as parseArgs types them). */
type Values<O extends Record<string, OptionSpec>> = ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>>['values'];

/**
 * The command's flags, checked: an unknown option, a string option without a value (missing, or followed by another
 * flag), a value given to a switch, or a stray argument is a {@link UsageError} saying so in one sentence. The tokens
 * are checked here rather than by parseArgs' strict mode, whose messages are several lines and name no command.
 */
export function parseCommandArgs<O extends Record<string, OptionSpec>>(spec: CommandSpec & { options: O }, args: string[]): Values<O> {
  const { tokens } = parseArgs({ args, options: spec.options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional') throw new UsageError(`${spec.name}: unexpected argument ${JSON.stringify(token.value)} (options start with --)`);
    if (token.kind !== 'option') continue;
    const option = spec.options[token.name];
    if (option === undefined) throw new UsageError(`${spec.name}: unknown option ${token.rawName}`);
    if (option.type === 'boolean' && token.value !== undefined) throw new UsageError(`${spec.name}: ${token.rawName} takes no value`);
    if (option.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))) {
      throw new UsageError(`${spec.name}: ${flagText(token.name, option)} needs a value`);
    }
  }
  try {
    return parseArgs({ args, options: spec.options, strict: true, allowPositionals: false }).values as Values<O>;
  } catch (e) {
    // Checked above; kept so that a case parseArgs knows and the loop does not is still a usage error.
    throw new UsageError(`${spec.name}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
  }
}

/** `--config FILE`, as every command that reads the configuration takes it. */
export const CONFIG_OPTION = {
  type: 'string',
  value: 'FILE',
  help: 'the configuration file, .json or .yaml (default: $SCIM_BRIDGE_CONFIG)',
} as const satisfies OptionSpec;

/** `--tenant T`, as every command that can work on one tenant takes it. */
export const TENANT_OPTION = { type: 'string', value: 'ID', help: 'only this tenant (default: every tenant)' } as const satisfies OptionSpec;

/** `--json`, for a script: the output a program reads rather than the text a person does. */
export const JSON_OPTION = { type: 'boolean', default: false, help: 'print JSON for a script instead of text' } as const satisfies OptionSpec;
