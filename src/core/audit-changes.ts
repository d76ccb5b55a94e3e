import { stableStringify } from '../scim/etag.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../scim/resource.js';
import type { AuditChange, StoredGroup, UpstreamState } from '../store/store.js';

/** What never goes into the audit log as a value, whatever the resource: the value is replaced by this marker. */
export const REDACTED = '[redacted]';
const SECRET = /password|secret|token|apikey|api_key|credential/i;
/** Attributes that are bookkeeping rather than content. */
const IGNORED = new Set(['schemas', 'meta', 'id', 'groups']);

const same = (a: JsonValue | undefined, b: JsonValue | undefined): boolean => stableStringify(a) === stableStringify(b);
const valueOf = (v: JsonValue | undefined): JsonValue => (v === undefined ? null : v);

/**
 * Flatten a resource to the paths an audit reader thinks in: top-level attributes, the sub-attributes of a
 * single-valued complex attribute (`name.givenName`), and an extension's attributes under its URN
 * (`urn:…:enterprise:2.0:User:department`). Multi-valued attributes stay whole.
 */
function leaves(resource: JsonObject | undefined): Map<string, JsonValue> {
  const out = new Map<string, JsonValue>();
  for (const [key, value] of Object.entries(resource ?? {})) {
    if (value === undefined || IGNORED.has(key)) continue;
    if (key.startsWith('urn:') && isJsonObject(value)) {
      for (const [name, v] of Object.entries(value)) if (v !== undefined) out.set(`${key}:${name}`, v);
    } else if (isJsonObject(value)) {
      for (const [name, v] of Object.entries(value)) if (v !== undefined) out.set(`${key}.${name}`, v);
    } else {
      out.set(key, value);
    }
  }
  return out;
}

const redact = (path: string, v: JsonValue): JsonValue => (v !== null && SECRET.test(path) ? REDACTED : v);

/**
 * The attributes that differ between two versions of a resource, and between two upstream states (as
 * `upstream.<key>`), before → after; `null` for an attribute without a value. Secrets are redacted. Pure.
 */
export function auditChanges(
  before: JsonObject | undefined,
  after: JsonObject | undefined,
  stateBefore?: UpstreamState,
  stateAfter?: UpstreamState,
): AuditChange[] {
  const changes: AuditChange[] = [];
  const a = leaves(before);
  const b = leaves(after);
  for (const path of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const was = a.get(path);
    const is = b.get(path);
    if (!same(was, is)) changes.push({ attribute: path, before: redact(path, valueOf(was)), after: redact(path, valueOf(is)) });
  }
  const sa = (stateBefore ?? {}) as Record<string, JsonValue | undefined>;
  const sb = (stateAfter ?? {}) as Record<string, JsonValue | undefined>;
  if (stateAfter) {
    for (const key of [...new Set([...Object.keys(sa), ...Object.keys(sb)])].sort()) {
      if (!same(sa[key], sb[key])) changes.push({ attribute: `upstream.${key}`, before: valueOf(sa[key]), after: valueOf(sb[key]) });
    }
  }
  return changes;
}

/** At most this many member ids are listed in one change; the rest are counted. */
const MEMBER_IDS_SHOWN = 100;
const idList = (ids: string[]): JsonValue =>
  ids.length <= MEMBER_IDS_SHOWN ? ids : [...ids.slice(0, MEMBER_IDS_SHOWN), `… ${ids.length - MEMBER_IDS_SHOWN} more`];

/**
 * A group's changes for the audit log: its attributes as {@link auditChanges} gives them, and its members as the ids
 * added (`members (added)`: null → ids) and removed (`members (removed)`: ids → null), never the whole member list.
 */
export function groupAuditChanges(before: StoredGroup | undefined, after: StoredGroup | undefined): AuditChange[] {
  const strip = (g: StoredGroup | undefined): JsonObject | undefined => {
    if (!g) return undefined;
    const { members: _m, ...rest } = g.resource;
    return { ...rest, displayName: g.displayName, ...(g.externalId !== undefined ? { externalId: g.externalId } : {}) };
  };
  const changes = auditChanges(strip(before), strip(after));
  const was = new Set(before?.memberIds ?? []);
  const is = new Set(after?.memberIds ?? []);
  const added = [...is].filter((id) => !was.has(id));
  const removed = [...was].filter((id) => !is.has(id));
  if (added.length > 0) changes.push({ attribute: 'members (added)', before: null, after: idList(added) });
  if (removed.length > 0) changes.push({ attribute: 'members (removed)', before: idList(removed), after: null });
  return changes;
}
