import { createHash } from 'node:crypto';
import type { JsonValue } from './resource.js';
import { preconditionFailed } from './errors.js';
import { memoizeFrozen, memoizeString } from './memo.js';

/**
 * ETags (RFC 7644 §3.14): a weak entity tag derived from the resource's content, so every replica computes the same
 * version without storing one, and any change to what the IdP would read changes it. `meta` is excluded (it holds the
 * version itself and timestamps that do not change what the resource says).
 */
export function versionOf(resource: Record<string, unknown>): string {
  const { meta: _meta, ...content } = resource;
  // JSON.stringify is cheap but not canonical; it only keys the memo, the tag itself hashes the canonical form.
  return versionOfText(JSON.stringify(content));
}

const versionOfText = memoizeString((json: string): string => {
  const canonical = stableStringify(JSON.parse(json) as JsonValue);
  return `W/"${createHash('sha256').update(canonical).digest('base64url').slice(0, 22)}"`;
}, 20_000);

/** JSON with object keys sorted, so equal content always hashes equally. */
export function stableStringify(value: JsonValue | undefined): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(value[k])}`).join(',')}}`;
}

/**
 * {@link stableStringify} of a resource, kept for frozen (shared, memoised) resources: the stores hand out one
 * frozen object per distinct stored text, so comparing a fresh upstream read with the stored user (every GET,
 * every reconcile) canonicalises the stored side once rather than each time. Unfrozen objects are done each time.
 */
export const canonicalJson: (resource: Record<string, JsonValue | undefined>) => string = memoizeFrozen((resource) => stableStringify(resource as JsonValue));

/** Whether two resources say the same thing, whatever their key order. */
export const sameContent = (a: Record<string, JsonValue | undefined>, b: Record<string, JsonValue | undefined>): boolean =>
  a === b || canonicalJson(a) === canonicalJson(b);

/** Split an `If-Match`/`If-None-Match` header into its entity tags (`*` included as is). */
function parseEtagList(header: string): string[] {
  return header
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/** Weak comparison (RFC 7232 §2.3.2): opaque tags equal once any `W/` prefix is ignored. */
const weakEqual = (a: string, b: string): boolean => a.replace(/^W\//, '') === b.replace(/^W\//, '');

/**
 * Evaluate `If-Match` / `If-None-Match` against the current version (RFC 7644 §3.14, RFC 7232 §3).
 * Throws 412 when the precondition fails.
 */
export function checkPreconditions(current: string, headers: { ifMatch?: string; ifNoneMatch?: string }): void {
  if (headers.ifMatch !== undefined) {
    const tags = parseEtagList(headers.ifMatch);
    if (!tags.includes('*') && !tags.some((t) => weakEqual(t, current))) {
      throw preconditionFailed(`If-Match ${headers.ifMatch} does not match the current version ${current}`);
    }
  }
  if (headers.ifNoneMatch !== undefined) {
    const tags = parseEtagList(headers.ifNoneMatch);
    if (tags.includes('*') || tags.some((t) => weakEqual(t, current))) {
      throw preconditionFailed(`If-None-Match ${headers.ifNoneMatch} matches the current version ${current}`);
    }
  }
}

/** For GET: true when the client's `If-None-Match` already names the current version (answer 304). */
export function notModified(current: string, ifNoneMatch: string | undefined): boolean {
  if (ifNoneMatch === undefined) return false;
  const tags = parseEtagList(ifNoneMatch);
  return tags.includes('*') || tags.some((t) => weakEqual(t, current));
}
