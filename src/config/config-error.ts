/**
 * Configuration that cannot be used: start-up stops with this message. It names fields by their path and files by
 * their name, never a value, so that a secret cannot reach a log through it.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A command line that names what does not exist (e.g. an unknown `--source`): it stops with this message and exit 2. */
export class UsageError extends ConfigError {
  readonly exitCode = 2;
}
