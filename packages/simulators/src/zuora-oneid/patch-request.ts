import { badRequest } from './errors.js';
import { URN } from './urns.js';

/** One PATCH operation after reading OneID's spelling of it. */
export interface PatchOperation {
  op: 'add' | 'remove' | 'replace';
  /** Normalised: no leading `/`, `/` separators turned into `.`; absent for a no-path operation. */
  path?: string;
  value?: unknown;
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The documented sample writes `"path": "/emails"`: a JSON-pointer-like path; RFC 7644 paths pass through. */
export function normalisePath(path: string): string {
  const trimmed = path.trim().replace(/^\/+/, '');
  if (/^urn:/i.test(trimmed)) return trimmed;
  let depth = 0;
  let out = '';
  for (const ch of trimmed) {
    if (ch === '[') depth += 1;
    if (ch === ']') depth -= 1;
    // Inside a value filter a `/` is data, not a separator.
    out += ch === '/' && depth === 0 ? '.' : ch;
  }
  return out;
}

/** Does the body carry PATCH operations (`operations`, or RFC 7644's `Operations`)? */
export function hasOperations(body: unknown): boolean {
  return isRecord(body) && (Array.isArray(body.operations) || Array.isArray(body.Operations));
}

/**
 * Read a PatchOp body: the operations under OneID's documented lower-case `operations` key, or RFC 7644 §3.5.2's
 * `Operations` [INF]; `op` compared case-insensitively [INF]. `schemas` must name the PatchOp message ("schemas
 * required", partialUpdateASpecificUser).
 */
export function readPatchOperations(body: unknown): PatchOperation[] {
  if (!isRecord(body)) throw badRequest('The PATCH body must be a JSON object', 'invalidSyntax');
  if (!Array.isArray(body.schemas) || !body.schemas.includes(URN.patchOp)) {
    throw badRequest(`schemas must be ["${URN.patchOp}"]`, 'invalidSyntax');
  }
  const raw = body.operations ?? body.Operations;
  if (!Array.isArray(raw) || raw.length === 0) throw badRequest('operations must be a non-empty array', 'invalidSyntax');
  return raw.map((entry, index) => {
    if (!isRecord(entry) || typeof entry.op !== 'string') throw badRequest(`operations[${index}].op is required`, 'invalidSyntax');
    const op = entry.op.toLowerCase();
    if (op !== 'add' && op !== 'remove' && op !== 'replace') throw badRequest(`Unsupported op "${entry.op}"`, 'invalidSyntax');
    if (entry.path !== undefined && typeof entry.path !== 'string') throw badRequest(`operations[${index}].path must be a string`, 'invalidPath');
    const operation: PatchOperation = { op };
    if (typeof entry.path === 'string' && entry.path.trim() !== '') operation.path = normalisePath(entry.path);
    if ('value' in entry) operation.value = entry.value;
    if (operation.path === undefined && op !== 'remove' && !isRecord(operation.value)) {
      throw badRequest(`operations[${index}]: an operation without a path needs an object value`, 'invalidValue');
    }
    if (operation.path === undefined && op === 'remove') throw badRequest(`operations[${index}]: remove needs a path`, 'noTarget');
    return operation;
  });
}

/**
 * OneID's sample wraps the value in an object named after the attribute (`"path":"/emails","value":{"emails":[…]}`):
 * unwrap that form; any other value is taken as is.
 */
export function unwrapValue(attribute: string, value: unknown): unknown {
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0]?.toLowerCase() === attribute.toLowerCase() ? value[keys[0]] : value;
}

/** `attr[value eq "x"]` → `x`; the only value filter OneID-style member and role removals need. */
export function valueEqualsFilter(filter: string): string | undefined {
  return /^\s*value\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter)?.[1]?.replace(/\\(.)/g, '$1');
}
