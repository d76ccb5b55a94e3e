import { isDeepStrictEqual } from 'node:util';
import { GROUP_SCHEMA, PATCH_OP_SCHEMA, USER_SCHEMA, type JsonObject, type JsonValue } from '../../src/scim/resource.js';
import type { ScimClient } from './scim-client.js';

/*
 * "No silent drops", checked from the outside: for every writable User (or Group) attribute a bridge's `/Schemas` lists, set it,
 * change it and clear it with PATCH, then again with PUT, and after each write read the user back. Each write must
 * either show exactly what was written on the next GET, or be refused with 400 (`mutability` or `invalidValue`, the
 * detail naming the attribute) and leave the value it had. Anything else is a problem. The same walk serves every
 * upstream: what differs per upstream (valid values, elements an upstream adds on read, documented PUT rules) is
 * passed in.
 */

/** One schema attribute as `/Schemas` serves it (RFC 7643 §7). */
interface SchemaAttribute {
  name: string;
  type: string;
  multiValued: boolean;
  required: boolean;
  mutability: string;
  canonicalValues?: string[];
  subAttributes?: SchemaAttribute[];
}

export type WalkStepName = 'PATCH set' | 'PATCH change' | 'PATCH clear' | 'PUT set' | 'PUT change' | 'PUT clear';

export interface WalkStep {
  /** Attribute path as in a PATCH: `title`, `name.givenName`, `urn:…:enterprise:2.0:User:department`. */
  path: string;
  step: WalkStepName;
  status: number;
  /** `applied`: the GET shows what was written; `refused`: 400 and the value unchanged; `kept`: see `WalkOptions.keeps`. */
  outcome: 'applied' | 'refused' | 'kept' | 'problem';
  detail?: string;
}

export interface WalkReport {
  /** Every attribute path walked, in `/Schemas` order. */
  paths: string[];
  steps: WalkStep[];
  /** One line per step that neither applied exactly nor was refused cleanly. Empty when the bridge tells the truth. */
  problems: string[];
}

export interface WalkOptions {
  http: ScimClient;
  /** The resource type walked: `User` (the default) or `Group`. */
  resourceType?: 'User' | 'Group';
  /** Create the user (or, with `resourceType: 'Group'`, the group) the walk writes to; resolves to its SCIM id. */
  createUser(): Promise<string>;
  /** Two values per path (first written, then changed to), replacing the generated ones. */
  values?: Record<string, [JsonValue, JsonValue]>;
  /** Paths not walked, with the reason (shown in the report's `paths` as skipped). */
  skip?: Record<string, string>;
  /** Elements of a multi-valued attribute that the upstream adds on read (e.g. a role showing a profile). */
  addedOnRead?: (path: string, element: JsonValue) => boolean;
  /**
   * Writes documented to leave the value as it was, as `<step> <path>` (e.g. `PUT clear name.givenName` where a PUT
   * without a name keeps the upstream's): answered 2xx, the value must not move. `PUT clear active` always is one,
   * since the core keeps the current state when a PUT omits `active`.
   */
  keeps?: string[];
  /** Walk only these paths (all writable ones when absent). */
  only?: string[];
}

/** Values valid by RFC 7643's own rules for attributes with a format; everything else gets a generated string. */
function generatedValues(path: string, attr: SchemaAttribute, tag: string): [JsonValue, JsonValue] {
  const known: Record<string, [JsonValue, JsonValue]> = {
    userName: [`walk.${tag}.one@example.com`, `walk.${tag}.two@example.com`],
    locale: ['en-US', 'fr-FR'],
    preferredLanguage: ['en-US', 'fr'],
    timezone: ['America/Los_Angeles', 'Europe/Paris'],
    profileUrl: ['https://example.com/profiles/one', 'https://example.com/profiles/two'],
    emails: [[{ value: `walk.${tag}.one@example.com`, type: 'work', primary: true }], [{ value: `walk.${tag}.two@example.com`, type: 'work', primary: true }]],
    phoneNumbers: [[{ value: '+1 555 0101', type: 'work', primary: true }], [{ value: '+1 555 0102', type: 'work', primary: true }]],
    photos: [[{ value: 'https://example.com/one.png', type: 'photo' }], [{ value: 'https://example.com/two.png', type: 'photo' }]],
    addresses: [
      [{ streetAddress: '1 One Street', locality: 'Oneville', country: 'US', type: 'work' }],
      [{ streetAddress: '2 Two Street', locality: 'Twoville', country: 'FR', type: 'work' }],
    ],
    x509Certificates: [[{ value: 'AAEC' }], [{ value: 'AwQF' }]],
  };
  const leaf = path.slice(path.lastIndexOf(':') + 1);
  if (known[leaf]) return known[leaf];
  if (attr.type === 'boolean') return [false, true];
  if (attr.type === 'reference') return [`https://example.com/${leaf}/one`, `https://example.com/${leaf}/two`];
  if (attr.multiValued) {
    const type = attr.canonicalValues?.[0] ?? attr.subAttributes?.find((s) => s.name === 'type')?.canonicalValues?.[0];
    const element = (s: string): JsonValue => [{ value: `${leaf}-${s}`, ...(type ? { type } : {}) }];
    return [element('one'), element('two')];
  }
  return [`${leaf.replace('.', '-')}-one`, `${leaf.replace('.', '-')}-two`];
}

/**
 * Whether a value read back shows what was written: equal, or for a multi-valued attribute the same number of
 * elements, each holding the sub-attributes written (the server may add its own, such as a member's `$ref` and
 * `display`, RFC 7643 §4.2).
 */
function shows(read: JsonValue | undefined, written: JsonValue | undefined): boolean {
  if (!Array.isArray(read) || !Array.isArray(written) || read.length !== written.length) return isDeepStrictEqual(read, written);
  const holds = (r: JsonValue, w: JsonValue) =>
    isDeepStrictEqual(r, w) || (isObject(r) && isObject(w) && Object.entries(w).every(([k, v]) => isDeepStrictEqual(r[k], v)));
  return written.every((w) => read.some((r) => holds(r, w)));
}

const isObject = (v: JsonValue): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where a path's value sits: the holder object (the resource, or its extension object) and the keys under it. */
function locate(path: string): { urn: string | undefined; keys: string[] } {
  const colon = path.lastIndexOf(':');
  return colon === -1 ? { urn: undefined, keys: path.split('.') } : { urn: path.slice(0, colon), keys: path.slice(colon + 1).split('.') };
}

function valueAt(resource: JsonObject, path: string): JsonValue | undefined {
  const { urn, keys } = locate(path);
  let node: JsonValue | undefined = urn ? resource[urn] : resource;
  for (const key of keys) node = node && typeof node === 'object' && !Array.isArray(node) ? node[key] : undefined;
  return node;
}

/** A copy of `resource` with `path` set to `value`, or removed when `value` is undefined (empty objects dropped). */
function withValue(resource: JsonObject, path: string, value: JsonValue | undefined, coreSchema: string): JsonObject {
  const out = structuredClone(resource);
  const { urn, keys } = locate(path);
  if (urn && value !== undefined) {
    out[urn] ??= {};
    const schemas = (out.schemas as string[] | undefined) ?? [coreSchema];
    if (!schemas.includes(urn)) out.schemas = [...schemas, urn];
  }
  let holder = (urn ? out[urn] : out) as JsonObject | undefined;
  for (const key of keys.slice(0, -1)) {
    if (!holder) break;
    if (value !== undefined) holder[key] ??= {};
    holder = holder[key] as JsonObject | undefined;
  }
  const last = keys[keys.length - 1] as string;
  if (holder) {
    if (value === undefined) delete holder[last];
    else holder[last] = value;
  }
  if (keys.length > 1 && value === undefined) {
    const parent = urn ? (out[urn] as JsonObject | undefined) : out;
    const complex = parent?.[keys[0] as string] as JsonObject | undefined;
    if (parent && complex && Object.keys(complex).length === 0) delete parent[keys[0] as string];
  }
  return out;
}

/** The paths to walk: writable attributes of the core schema and its extensions; single-valued complex ones by sub-attribute. */
function writablePaths(
  schemas: { id: string; attributes: SchemaAttribute[] }[],
  coreSchema: string,
): { path: string; attr: SchemaAttribute; whole?: boolean }[] {
  const writable = (a: SchemaAttribute) => a.mutability === 'readWrite';
  const out: { path: string; attr: SchemaAttribute; whole?: boolean }[] = [];
  for (const schema of schemas) {
    const prefix = schema.id === coreSchema ? '' : `${schema.id}:`;
    for (const attr of schema.attributes.filter(writable)) {
      if (attr.type === 'complex' && !attr.multiValued) {
        for (const sub of (attr.subAttributes ?? []).filter(writable)) out.push({ path: `${prefix}${attr.name}.${sub.name}`, attr: sub });
        out.push({ path: `${prefix}${attr.name}`, attr, whole: true });
      } else out.push({ path: `${prefix}${attr.name}`, attr });
    }
  }
  return out;
}

/**
 * Walk every writable User (or Group) attribute of the bridge behind `http` (see the file comment). Resolves to the report;
 * the caller asserts `problems` is empty and, per upstream, which writes were refused.
 */
export async function walkWritableAttributes(options: WalkOptions): Promise<WalkReport> {
  const { http } = options;
  const schemasRes = await http.get('/Schemas');
  if (schemasRes.status !== 200) throw new Error(`/Schemas answered ${schemasRes.status}`);
  const resources = schemasRes.body.Resources as { id: string; attributes: SchemaAttribute[] }[];
  const resourceType = options.resourceType ?? 'User';
  const coreSchema = resourceType === 'User' ? USER_SCHEMA : GROUP_SCHEMA;
  const endpoint = `/${resourceType}s`;
  const typeRes = await http.get(`/ResourceTypes/${resourceType}`);
  const extensionIds = ((typeRes.body?.schemaExtensions ?? []) as { schema: string }[]).map((e) => e.schema);
  const userSchemas = resources.filter((s) => s.id === coreSchema || extensionIds.includes(s.id));
  const tag = Math.random().toString(36).slice(2, 8);
  const keeps = new Set(['PUT clear active', ...(options.keeps ?? [])]);
  const id = await options.createUser();
  const report: WalkReport = { paths: [], steps: [], problems: [] };

  const read = async (): Promise<JsonObject> => {
    const res = await http.get(`${endpoint}/${id}`);
    if (res.status !== 200) throw new Error(`GET ${endpoint}/${id} answered ${res.status}`);
    return res.body as JsonObject;
  };
  /** The value as the walk compares it: elements the upstream adds on read left out, an empty list as none. */
  const comparable = (path: string, value: JsonValue | undefined): JsonValue | undefined => {
    if (!Array.isArray(value)) return value;
    const own = options.addedOnRead ? value.filter((e) => !options.addedOnRead?.(path, e)) : value;
    return own.length > 0 ? own : undefined;
  };

  async function check(
    path: string,
    step: WalkStepName,
    send: () => Promise<{ status: number; body: JsonObject }>,
    expected: JsonValue | undefined,
  ): Promise<void> {
    const before = comparable(path, valueAt(await read(), path));
    const res = await send();
    const after = comparable(path, valueAt(await read(), path));
    const leaf = path.slice(path.lastIndexOf(':') + 1);
    const record = (outcome: WalkStep['outcome'], problem?: string) => {
      report.steps.push({ path, step, status: res.status, outcome, ...(res.body?.detail ? { detail: String(res.body.detail) } : {}) });
      if (problem) report.problems.push(`${step} ${path}: ${problem}`);
    };
    if (res.status === 400) {
      const named = typeof res.body?.detail === 'string' && res.body.detail.toLowerCase().includes(leaf.split('.')[0]!.toLowerCase());
      if (!['mutability', 'invalidValue'].includes(String(res.body?.scimType))) return record('problem', `400 with scimType ${String(res.body?.scimType)}`);
      if (!named) return record('problem', `400 whose detail does not name the attribute: ${String(res.body?.detail)}`);
      if (!isDeepStrictEqual(after, before))
        return record('problem', `refused, but the value moved from ${JSON.stringify(before)} to ${JSON.stringify(after)}`);
      return record('refused');
    }
    if (res.status !== 200 && res.status !== 204) return record('problem', `answered ${res.status}: ${JSON.stringify(res.body)}`);
    if (keeps.has(`${step} ${path}`)) {
      return isDeepStrictEqual(after, before)
        ? record('kept')
        : record('problem', `documented as kept when omitted, but moved from ${JSON.stringify(before)} to ${JSON.stringify(after)}`);
    }
    if (!shows(after, comparable(path, expected))) {
      return record('problem', `answered ${res.status}, then GET shows ${JSON.stringify(after)} instead of ${JSON.stringify(expected)}`);
    }
    return record('applied');
  }

  const patch = (operation: JsonObject) => http.patch(`${endpoint}/${id}`, { schemas: [PATCH_OP_SCHEMA], Operations: [operation] });
  const put = async (path: string, value: JsonValue | undefined) => {
    const { meta: _meta, ...current } = await read();
    return http.put(`${endpoint}/${id}`, withValue(current, path, value, coreSchema));
  };

  for (const { path, attr, whole } of writablePaths(userSchemas, coreSchema)) {
    if (options.skip?.[path] !== undefined || (options.only && !options.only.includes(path))) continue;
    report.paths.push(path);
    if (whole) {
      // A single-valued complex attribute: its sub-attributes were walked one by one; here only clearing it whole.
      await check(path, 'PATCH clear', () => patch({ op: 'remove', path }), undefined);
      continue;
    }
    const [first, second] = options.values?.[path] ?? generatedValues(path, attr, tag);
    await check(path, 'PATCH set', () => patch({ op: attr.multiValued ? 'replace' : 'add', path, value: first }), first);
    await check(path, 'PATCH change', () => patch({ op: 'replace', path, value: second }), second);
    await check(path, 'PATCH clear', () => patch({ op: 'remove', path }), undefined);
    await check(path, 'PUT set', () => put(path, first), first);
    await check(path, 'PUT change', () => put(path, second), second);
    await check(path, 'PUT clear', () => put(path, undefined), undefined);
  }
  return report;
}

/** `path step` of every refused write, sorted: what a per-upstream test compares with the refusals it documents. */
export const refusals = (report: WalkReport): string[] =>
  report.steps
    .filter((s) => s.outcome === 'refused')
    .map((s) => `${s.step} ${s.path}`)
    .sort();
