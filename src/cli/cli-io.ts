import type { Registry } from '../registry.js';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Logger } from 'pino';
import { ConfigError, loadConfigFile } from '../config/load-config.js';
import type { BridgeConfig } from '../config/config-schema.js';

/**
 * What a command gets from `cli.ts`, the only module that touches `process`: the environment (for `${ENV}` in the
 * configuration), where its output goes, and the logger for long-running commands.
 */
export interface CliIo {
  env: Record<string, string | undefined>;
  /** One line of the command's output (stdout in the CLI); never a secret. */
  out(line: string): void;
  /** Whether `out` reaches a terminal (a person) rather than a pipe or a file: commands pick their format by it. */
  outIsTerminal?: boolean;
  /** A message for the person running the command, kept out of its output (stderr in the CLI). */
  note?(line: string): void;
  logger: Logger;
  /**
   * Progress of a long run, on standard error so that the output stays clean: redrawn in place on a terminal (a
   * progress line), one line per step otherwise. Absent: no progress shown.
   */
  progress?: { update(line: string): void; done(): void };
  /** The upstreams and sources the configuration may name: the bridge's own (src/registry.ts) unless a test adds its fakes. */
  registry?: Registry;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** `node:util` parseArgs, strict; a misspelt or missing flag is a usage error (ConfigError), not a crash. */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new ConfigError(`${command}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The `--config` file, validated; a bad field stops the command with the field named. */
export function configFrom(command: string, path: string | undefined, env: CliIo['env'], registry?: Registry): BridgeConfig {
  const file = path ?? env.SCIM_BRIDGE_CONFIG;
  if (!file) throw new ConfigError(`${command}: --config FILE is required (or SCIM_BRIDGE_CONFIG)`);
  return loadConfigFile(file, env, undefined, registry);
}
