import { readFileSync } from 'node:fs';

import { configSchema, type BridgeConfig } from './config-schema.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * `${NAME}` in any string value is replaced by that environment variable, and `${file:/path}` by the file's
 * trimmed contents (Docker/Kubernetes secrets), so secrets need not sit in the config file.
 */
function substitute(value: unknown, env: Record<string, string | undefined>, path: string): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{(file:)?([^}]+)\}/g, (_m, file: string | undefined, name: string) => {
      if (file) {
        try {
          return readFileSync(name, 'utf8').trim();
        } catch {
          throw new ConfigError(`${path}: cannot read secret file ${name}`);
        }
      }
      const v = env[name];
      if (v === undefined) throw new ConfigError(`${path}: environment variable ${name} is not set`);
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substitute(v, env, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, env, path ? `${path}.${k}` : k)]));
  }
  return value;
}

/** Parse and validate; the error names every offending field by its path. */
export function parseConfig(raw: unknown, env: Record<string, string | undefined>): BridgeConfig {
  const result = configSchema.safeParse(substitute(raw, env, ''));
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

export function loadConfigFile(path: string, env: Record<string, string | undefined>): BridgeConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`cannot read configuration ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseConfig(raw, env);
}

