import { isDeepStrictEqual } from 'node:util';
import type { ScimClient } from './scim-client.js';

/**
 * Issue 10, "no silent drops": for every writable User attribute a bridge's `/Schemas` lists, set it, change it and
 * clear it, by PATCH and (optionally) by PUT, and read the user back after each write. Every write must either show
 * exactly what was written on the next GET, or be refused with 400 (`mutability` or `invalidValue`) and leave the
 * value as it was. Upstream-agnostic: the upstream's own test file supplies the user and any values its upstream
 * needs (an existing department, an address that belongs to the organization…), then asserts on the outcome.
 */

interface SchemaAttribute {
  name: string;
  type: string;
  multiValued: boolean;
  required?: boolean;
  mutability: string;
  returned?: string;
  canonicalValues?: string[];
  subAttributes?: SchemaAttribute[];
}

interface Schema {
  id: string;
  attributes: SchemaAttribute[];
}

export type WalkVia = 'PATCH' | 'PUT';
export type WalkStepName = 'set' | 'change' | 'clear';

/** One write and what the next GET showed. */
export interface WalkStep {
  /** The attribute path as a PATCH names it: `title`, `name.givenName`, `urn:…:enterprise:2.0:User:department`. */
  path: string;
  via: WalkVia;
  step: WalkStepName;
  /** What was written (undefined for a clear). */
  wrote: unknown;
  status: number;
  scimType: string | undefined;
  detail: string | undefined;
  /** The value the GET after the write showed. */
  read: unknown;
  /** Whether the step kept the rule: shown exactly as written, or refused with 400 and unchanged. */
  ok: boolean;
  why: string | undefined;
}

export interface WalkOptions {
  http: ScimClient;
  /** The user to walk (it is written many times; best one made for the walk). */
  userId: string;
  /** Values for paths the generic ones do not suit: [set, change]. */
  values?: Record<string, [unknown, unknown]>;
  /** Paths not to walk, with the reason (kept in the test so it can be read). */
  skip?: Record<string, string>;
  /** Also write each value with a PUT of the whole user, as Okta does. Default true. */
  put?: boolean;
  /** Called after each step, e.g. to compare with what the upstream holds. */
  afterStep?: (step: WalkStep) => Promise<void> | void;
}

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const WRITABLE = new Set(['readWrite', 'immutable']);

const lower = (s: string) => s.toLowerCase();
const findKey = (o: Record<string, unknown>, key: string) => Object.keys(o).find((k) => lower(k) === lower(key));

/** `urn:…:User:department` → [`urn:…:User`, `department`]; `name.givenName` → [undefined, `name.givenName`]. */
function splitPath(path: string, extensionIds: readonly string[]): [string | undefined, string] {
  const urn = extensionIds.find((id) => lower(path).startsWith(`${lower(id)}:`));
  return urn ? [urn, path.slice(urn.length + 1)] : [undefined, path];
}

function valueAt(resource: Record<string, unknown>, path: string, extensionIds: readonly string[]): unknown {
  const [urn, rest] = splitPath(path, extensionIds);
  let cursor: unknown = resource;
  if (urn) {
    const key = findKey(resource, urn);
    cursor = key ? resource[key] : undefined;
  }
  for (const part of rest.split('.')) {
    if (typeof cursor !== 'object' || cursor === null || Array.isArray(cursor)) return undefined;
    const key = findKey(cursor as Record<string, unknown>, part);
    cursor = key ? (cursor as Record<string, unknown>)[key] : undefined;
  }
  return cursor;
}

/** A copy of `resource` with `path` set to `value` (or removed when `value` is undefined). */
function withValueAt(resource: Record<string, unknown>, path: string, value: unknown, extensionIds: readonly string[]): Record<string, unknown> {
  const copy = structuredClone(resource);
  const [urn, rest] = splitPath(path, extensionIds);
  let holder: Record<string, unknown> = copy;
  if (urn) {
    const key = findKey(copy, urn) ?? urn;
    holder = (copy[key] ??= {}) as Record<string, unknown>;
    if (!(copy.schemas as string[] | undefined)?.includes(urn)) copy.schemas = [...((copy.schemas as string[] | undefined) ?? [USER_SCHEMA]), urn];
  }
  const parts = rest.split('.');
  for (const part of parts.slice(0, -1)) {
    const key = findKey(holder, part) ?? part;
    holder = (holder[key] ??= {}) as Record<string, unknown>;
  }
  const last = parts[parts.length - 1] as string;
  const key = findKey(holder, last) ?? last;
  if (value === undefined) delete holder[key];
  else holder[key] = value;
  return copy;
}

const isEmpty = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0) || v === '';

/** Generic representative values of an attribute by its definition: two different ones. */
function representative(attr: SchemaAttribute, path: string): [unknown, unknown] {
  const one = (n: 1 | 2): unknown => {
    const leaf = lower(attr.name);
    if (attr.canonicalValues && attr.canonicalValues.length >= 2) return attr.canonicalValues[n - 1];
    switch (attr.type) {
      case 'boolean':
        return n === 1;
      case 'integer':
        return n;
      case 'decimal':
        return n + 0.5;
      case 'dateTime':
        return `2024-0${n}-02T03:04:05Z`;
      case 'binary':
        return n === 1 ? 'TUlJQmZha2Ux' : 'TUlJQmZha2Uy';
      case 'reference':
        return `https://example.com/walk/${n}`;
      case 'complex': {
        const out: Record<string, unknown> = {};
        for (const sub of attr.subAttributes ?? []) {
          if (!WRITABLE.has(sub.mutability) || sub.type === 'complex' || lower(sub.name) === 'primary' || lower(sub.name) === 'display') continue;
          out[sub.name] = (representative(sub, `${path}.${sub.name}`) as unknown[])[n - 1];
        }
        return out;
      }
      default:
        if (lower(path).startsWith('emails')) return `walk${n}@example.com`;
        if (leaf === 'locale') return n === 1 ? 'en-US' : 'fr-FR';
        if (leaf === 'preferredlanguage') return n === 1 ? 'en' : 'fr';
        if (leaf === 'timezone') return n === 1 ? 'Europe/Paris' : 'America/New_York';
        return `walk-${attr.name}-${n}`;
    }
  };
  const set = one(1);
  const change = one(2);
  return attr.multiValued ? [[set], [change]] : [set, change];
}

/** The writable leaves a walk covers: top-level attributes, and the sub-attributes of single-valued complex ones. */
function walkablePaths(schemas: Schema[], extensionIds: readonly string[]): { path: string; attr: SchemaAttribute }[] {
  const out: { path: string; attr: SchemaAttribute }[] = [];
  for (const schema of schemas) {
    const prefix = extensionIds.includes(schema.id) ? `${schema.id}:` : '';
    for (const attr of schema.attributes) {
      if (!WRITABLE.has(attr.mutability) || attr.returned === 'never') continue;
      if (attr.type === 'complex' && !attr.multiValued) {
        for (const sub of attr.subAttributes ?? []) {
          if (WRITABLE.has(sub.mutability) && sub.returned !== 'never') out.push({ path: `${prefix}${attr.name}.${sub.name}`, attr: sub });
        }
      } else {
        out.push({ path: `${prefix}${attr.name}`, attr });
      }
    }
  }
  return out;
}

/** Walk every writable User attribute of the bridge's `/Schemas` (see the file's comment). */
export async function walkWritableUserAttributes(o: WalkOptions): Promise<WalkStep[]> {
  const { http } = o;
  const types = (await http.get('/ResourceTypes/User').expect(200)).body as { schema: string; schemaExtensions?: { schema: string }[] };
  const extensionIds = (types.schemaExtensions ?? []).map((e) => e.schema);
  const listed = (await http.get('/Schemas').expect(200)).body as { Resources: Schema[] };
  const schemas = listed.Resources.filter((s) => s.id === types.schema || extensionIds.includes(s.id));
  const steps: WalkStep[] = [];
  const read = async (): Promise<Record<string, unknown>> => (await http.get(`/Users/${o.userId}`).expect(200)).body as Record<string, unknown>;

  let current = await read();
  for (const { path, attr } of walkablePaths(schemas, extensionIds)) {
    if (o.skip?.[path] !== undefined) continue;
    const [first, second] = o.values?.[path] ?? representative(attr, path);
    for (const via of o.put === false ? (['PATCH'] as const) : (['PATCH', 'PUT'] as const)) {
      for (const [step, value] of [['set', first], ['change', second], ['clear', undefined]] as const) {
        const before = current;
        const res =
          via === 'PATCH'
            ? await http.patch(`/Users/${o.userId}`, { schemas: [PATCH_OP], Operations: [value === undefined ? { op: 'remove', path } : { op: 'replace', path, value }] })
            : await http.put(`/Users/${o.userId}`, withValueAt(stripServerAttributes(before), path, value, extensionIds));
        const after = await read();
        current = after;
        const shown = valueAt(after, path, extensionIds);
        const was = valueAt(before, path, extensionIds);
        const body = (res.body ?? {}) as { scimType?: string; detail?: string };
        // RFC 7644 §3.5.1: a PUT that leaves an attribute out may keep its value; for one the provider declares
        // required (it cannot be unassigned) that is the only sensible reading.
        const keptByPut = via === 'PUT' && value === undefined && attr.required === true && isDeepStrictEqual(shown, was);
        let why: string | undefined;
        if (res.status >= 200 && res.status < 300) {
          const exact = value === undefined ? isEmpty(shown) || keptByPut : isDeepStrictEqual(shown, value);
          if (!exact) why = `accepted (${res.status}) but the GET shows ${JSON.stringify(shown)}`;
        } else if (res.status === 400) {
          if (body.scimType !== 'mutability' && body.scimType !== 'invalidValue') why = `refused with scimType ${String(body.scimType)}`;
          else if (!isDeepStrictEqual(shown, was)) why = `refused, yet the value moved from ${JSON.stringify(was)} to ${JSON.stringify(shown)}`;
        } else {
          why = `answered ${res.status}: ${body.detail ?? ''}`;
        }
        const done: WalkStep = { path, via, step, wrote: value, status: res.status, scimType: body.scimType, detail: body.detail, read: shown, ok: why === undefined, why };
        steps.push(done);
        await o.afterStep?.(done);
      }
    }
  }
  return steps;
}

/** What a client sends back in a PUT: the user as read, without what the server owns. */
function stripServerAttributes(user: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, meta: _meta, groups: _groups, ...rest } = user;
  return rest;
}

/** One line per step that broke the rule, for an assertion message. */
export const brokenSteps = (steps: readonly WalkStep[]): string[] =>
  steps.filter((s) => !s.ok).map((s) => `${s.via} ${s.step} ${s.path} = ${JSON.stringify(s.wrote)}: ${s.why}`);
