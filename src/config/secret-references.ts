import { readFileSync } from 'node:fs';

import { ConfigError } from './config-error.js';

/** Reads a secret file; injectable so tests can say what an unreadable file does. */
export type ReadSecretFile = (path: string) => string;

export type Environment = Record<string, string | undefined>;

const readUtf8: ReadSecretFile = (path) => readFileSync(path, 'utf8');

/** Suffix of a key given as a file path instead of a value (`clientSecretFile` → `clientSecret`). */
export const FILE_KEY_SUFFIX = 'File';
const FILE_KEY = /^[a-z][A-Za-z0-9]*File$/;

/**
 * Resolves secret references in a raw configuration so that secrets need not sit in the file:
 *
 * - `${NAME}` inside any string becomes the environment variable `NAME`; when only `NAME_FILE` is set, the trimmed
 *   contents of the file it names (the Docker/Kubernetes `*_FILE` convention);
 * - `${file:/path}` becomes the trimmed contents of that file;
 * - a key `XFile` (e.g. `clientSecretFile`, `passwordFile`) becomes the key `X` holding the trimmed contents of the
 *   file it names (itself subject to `${NAME}`); giving both `X` and `XFile` is an error.
 *
 * Contents read from files or the environment are inserted literally: they are not substituted again.
 * Errors name the field path and the variable or file, never the value.
 */
export function resolveSecretReferences(raw: unknown, env: Environment, readFile: ReadSecretFile = readUtf8): unknown {
  return resolve(raw, '', { env, readFile });
}

interface Context {
  env: Environment;
  readFile: ReadSecretFile;
}

function resolve(value: unknown, path: string, ctx: Context): unknown {
  if (typeof value === 'string') return substitute(value, path, ctx);
  if (Array.isArray(value)) return value.map((v, i) => resolve(v, `${path}[${i}]`, ctx));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const fieldPath = path ? `${path}.${key}` : key;
    const target = fileKeyTarget(key, v);
    if (target === undefined) {
      out[key] = resolve(v, fieldPath, ctx);
      continue;
    }
    const targetPath = path ? `${path}.${target}` : target;
    if (Object.hasOwn(value, target)) throw new ConfigError(`${targetPath}: give either ${target} or ${key}, not both`);
    out[target] = readSecretFile(substitute(v as string, fieldPath, ctx), fieldPath, ctx);
  }
  return out;
}

/**
 * `clientSecretFile` with a string value → `clientSecret`. Only camelCase identifiers qualify, so that map keys such
 * as a group named `Payroll File` stay what they are.
 */
function fileKeyTarget(key: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || !FILE_KEY.test(key)) return undefined;
  return key.slice(0, -FILE_KEY_SUFFIX.length);
}

function substitute(value: string, path: string, ctx: Context): string {
  return value.replace(/\$\{(file:)?([^}]+)\}/g, (_m, file: string | undefined, name: string) =>
    file ? readSecretFile(name, path, ctx) : fromEnvironment(name, path, ctx),
  );
}

function fromEnvironment(name: string, path: string, ctx: Context): string {
  const direct = ctx.env[name];
  const filePath = ctx.env[`${name}_FILE`];
  if (direct !== undefined && filePath !== undefined) {
    throw new ConfigError(`${path}: set either environment variable ${name} or ${name}_FILE, not both`);
  }
  if (direct !== undefined) return direct;
  if (filePath !== undefined) return readSecretFile(filePath, path, ctx);
  throw new ConfigError(`${path}: environment variable ${name} (or ${name}_FILE) is not set`);
}

function readSecretFile(file: string, path: string, ctx: Context): string {
  let contents: string;
  try {
    contents = ctx.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    throw new ConfigError(`${path}: cannot read secret file ${file}${code ? ` (${code})` : ''}`);
  }
  return contents.trim();
}
