import type { Registry } from '../registry.js';
import type { Logger } from 'pino';
import { UsageError } from '../config/config-error.js';
import { loadConfigFile } from '../config/load-config.js';
import type { BridgeConfig } from '../config/config-schema.js';

/**
 * What a command gets from `cli.ts`, the only module that touches `process`: the environment (for `${ENV}` in the
 * configuration), where its output goes, and the logger for long-running commands.
 */
export interface CliIo {
  env: Record<string, string | undefined>;
  /** One line of the command's output (stdout in the CLI). A secret only where printing it is the command's purpose: `token create` (the new token, once) and the sandbox (its throw-away tokens). */
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

/** The `--config` file, validated; a bad field stops the command with the field named. */
export function configFrom(command: string, path: string | undefined, env: CliIo['env'], registry?: Registry): BridgeConfig {
  const file = path ?? env.SCIM_BRIDGE_CONFIG;
  if (!file) throw new UsageError(`${command}: --config FILE is required (or SCIM_BRIDGE_CONFIG)`);
  return loadConfigFile(file, env, undefined, registry);
}
