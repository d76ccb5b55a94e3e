import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';

import { ConfigError } from './config-error.js';
import { configIssueLines } from './config-issues.js';
import { REGISTRY, type Registry } from '../registry.js';
import { configSchema, configSchemaOf, type BridgeConfig } from './config-schema.js';
import { resolveSecretReferences, type Environment, type ReadSecretFile } from './secret-references.js';

export { ConfigError } from './config-error.js';

/**
 * Resolve secret references (see {@link resolveSecretReferences}), then validate against the schema. The error lists
 * every problem at once, each by its path (`tenants[0].upstream.clientId`), an unknown key with the key it most
 * likely meant; it never quotes a value.
 */
/**
 * Validate a configuration document against the upstreams and sources of `registry`: the bridge's own
 * ({@link REGISTRY}) unless a test adds its fakes (test/support/test-registry.ts).
 */
export function parseConfig(raw: unknown, env: Environment, readFile?: ReadSecretFile, registry: Registry = REGISTRY): BridgeConfig {
  const resolved = resolveSecretReferences(raw, env, readFile);
  const schema = registry === REGISTRY ? configSchema : configSchemaOf(registry);
  const result = schema.safeParse(resolved);
  if (!result.success) {
    const lines = configIssueLines(result.error.issues, { schema, resolved, raw }).map((line) => `  ${line}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data as BridgeConfig;
}

/** The configuration file's format, from its extension: `.yaml`/`.yml` (YAML 1.2) or `.json`. */
export type ConfigFormat = 'yaml' | 'json';

export function configFormatOf(path: string): ConfigFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.json') return 'json';
  throw new ConfigError(`${path}: configuration must be a .yaml, .yml or .json file`);
}

/** Read, parse (YAML or JSON by extension), resolve secrets and validate one configuration file. */
export function loadConfigFile(path: string, env: Environment, readFile?: ReadSecretFile, registry?: Registry): BridgeConfig {
  return parseConfig(readConfigDocument(path), env, readFile, registry);
}

/** The file read and parsed as YAML or JSON (by its extension), not yet resolved or validated. */
export function readConfigDocument(path: string): unknown {
  const format = configFormatOf(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    throw new ConfigError(`cannot read configuration ${path}${code ? ` (${code})` : ''}`);
  }
  return parseText(text, format, path);
}

/**
 * Parser messages quote the text around a syntax error, which may be a secret: only the position and the kind of
 * error go into the ConfigError.
 */
function parseText(text: string, format: ConfigFormat, path: string): unknown {
  if (format === 'yaml') {
    try {
      return parseYaml(text);
    } catch (e) {
      if (!(e instanceof YAMLParseError)) throw e;
      const at = e.linePos?.[0];
      throw new ConfigError(`${path}${at ? `:${at.line}:${at.col}` : ''}: not valid YAML (${e.code})`);
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const offset = /at position (\d+)/.exec(e instanceof Error ? e.message : '')?.[1];
    throw new ConfigError(`${path}${offset === undefined ? '' : `:${lineAndColumn(text, Number(offset))}`}: not valid JSON`);
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}
