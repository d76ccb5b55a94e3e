/**
 * Configuration that cannot be used: start-up stops with this message. It names fields by their path and files by
 * their name, never a value, so that a secret cannot reach a log through it.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
