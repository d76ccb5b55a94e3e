import type { z } from 'zod';

import { allowedKeysAt } from './allowed-keys.js';
import { nearestName } from './nearest-name.js';
import { FILE_KEY_SUFFIX } from './secret-references.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A place in the configuration as an operator would write it: `tenants[0].upstream.profiles.groups["Billing Team"]`
 * (array indices in brackets, map keys that are not identifiers quoted).
 */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out || '(root)';
}

interface Inputs {
  schema: z.core.$ZodType;
  /** What the schema validated (secret references resolved). */
  resolved: unknown;
  /** The configuration as written, for naming an `XFile` key as the operator wrote it. */
  raw: unknown;
}

/** One line per problem: each unknown key gets its own, with the key it most likely meant. */
export function configIssueLines(issues: readonly z.core.$ZodIssue[], inputs: Inputs): string[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => unknownKeyLine(issue.path, key, inputs))
      : [`${placeOf(issue.path, inputs.raw)}: ${messageOf(issue)}`],
  );
}

/**
 * Where a problem is, as the operator wrote it: a value read from a file through an `XFile` key is named by that key
 * and its file (`source.keyFile (/etc/bridge/google.json)`), so a bad key file is found without quoting the key.
 */
function placeOf(path: readonly PropertyKey[], raw: unknown): string {
  const last = path[path.length - 1];
  const written = typeof last === 'string' ? objectAt(raw, path.slice(0, -1)) : undefined;
  const fileKey = `${String(last)}${FILE_KEY_SUFFIX}`;
  if (!written || Object.hasOwn(written, last as string) || typeof written[fileKey] !== 'string') return formatConfigPath(path);
  return `${formatConfigPath([...path.slice(0, -1), fileKey])} (${written[fileKey] as string})`;
}

/** zod says "Invalid input: expected string, received undefined" for a key that is not there. */
const messageOf = (issue: z.core.$ZodIssue): string =>
  issue.code === 'invalid_type' && / received undefined$/.test(issue.message) ? `required (${issue.expected})` : issue.message;

function unknownKeyLine(path: readonly PropertyKey[], resolvedKey: string, inputs: Inputs): string {
  // `fooFile` was turned into `foo` before validation: name and correct the key the operator wrote.
  const written = objectAt(inputs.raw, path);
  const fileKey = `${resolvedKey}${FILE_KEY_SUFFIX}`;
  const key = written && !Object.hasOwn(written, resolvedKey) && Object.hasOwn(written, fileKey) ? fileKey : resolvedKey;
  const allowed = allowedKeysAt(inputs.schema, inputs.resolved, path);
  const meant = nearestName(key, allowed);
  const hint = meant
    ? `did you mean "${meant}"?`
    : allowed.length > 0
      ? `valid keys here: ${allowed.filter((k) => !k.endsWith(FILE_KEY_SUFFIX)).join(', ')}`
      : '';
  return `${formatConfigPath([...path, key])}: unknown key${hint ? `; ${hint}` : ''}`;
}

function objectAt(value: unknown, path: readonly PropertyKey[]): Record<string, unknown> | undefined {
  let v = value;
  for (const segment of path) v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[segment] : undefined;
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
