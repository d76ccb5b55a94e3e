import { isDeepStrictEqual } from 'node:util';
import type { ScimClient } from './scim-client.js';

/*
 * Walks every writable attribute a bridge's `/Schemas` lists for one resource type and, for each, sets, changes and
 * clears it with PATCH, then sets, changes and leaves it out with PUT, reading the resource after every write. The
 * rule it checks (issue 10, "no silent drops"): a write either applied exactly what it asked for (the next GET shows
 * it, and nothing else the IdP can write changed) or was refused with 400 (`mutability` or `invalidValue`, a detail
 * naming the attribute) and changed nothing. A PUT that leaves an attribute out may clear it or keep it (RFC 7644
 * §3.5.1 allows either), but nothing else. Upstream-neutral: a test passes what is particular to its upstream.
 */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonRecord = { [key: string]: Json };

/** An attribute definition as `/Schemas` serves it (RFC 7643 §7). */
export interface SchemaAttribute {
  name: string;
  type: string;
  multiValued: boolean;
  mutability: string;
  returned: string;
  required?: boolean;
  canonicalValues?: string[];
  subAttributes?: SchemaAttribute[];
}

/** One attribute or sub-attribute the walk writes, with its PATCH path. */
export interface WalkTarget {
  /** The schema URN for an extension attribute; undefined for the core schema. */
  extension?: string;
  attribute: SchemaAttribute;
  sub?: SchemaAttribute;
  path: string;
}

export type WalkAction = 'patch set' | 'patch change' | 'patch clear' | 'put set' | 'put change' | 'put omit';

export interface WalkStep {
  path: string;
  action: WalkAction;
  status: number;
  outcome: 'applied' | 'refused' | 'kept' | 'wrong';
  detail?: string;
  /** What was wrong, when `outcome` is `wrong`. */
  problem?: string;
}

export interface AttributeWalkOptions {
  http: ScimClient;
  resourceType: 'User' | 'Group';
  /** A fresh resource to walk one attribute on (each attribute gets its own); answers its SCIM id. */
  create(): Promise<string>;
  /** Two values to write at a path when the generic ones would not do (a member must be a user id). */
  values?(target: WalkTarget): [Json, Json] | undefined;
  /** Elements an upstream adds to a multi-valued attribute to show what it holds (not written by the IdP). */
  readBack?(target: WalkTarget, element: Json): boolean;
}

const tag = Math.random().toString(36).slice(2, 8);
const writable = (a: SchemaAttribute) => a.mutability !== 'readOnly' && a.returned !== 'never';
const isRecord = (v: unknown): v is JsonRecord => typeof v === 'object' && v !== null && !Array.isArray(v);
const lower = (s: string) => s.toLowerCase();

/** Values no upstream should refuse for what the attribute means (RFC 7643 §4.1), else by type. */
function scalar(def: SchemaAttribute, owner: string | undefined, n: 1 | 2): Json {
  const named: Record<string, [Json, Json]> = {
    userName: [`walk-${tag}-1@example.com`, `walk-${tag}-2@example.com`],
    locale: ['fr-FR', 'de-DE'],
    preferredLanguage: ['fr', 'de'],
    timezone: ['Europe/Paris', 'America/Chicago'],
  };
  const key = owner === undefined ? def.name : `${owner}.${def.name}`;
  const byName: Record<string, [Json, Json]> = {
    'emails.value': [`walk-${tag}-a@example.com`, `walk-${tag}-b@example.com`],
    'phoneNumbers.value': ['tel:+1-201-555-0101', 'tel:+1-201-555-0102'],
  };
  const known = byName[key] ?? (owner === undefined ? named[def.name] : undefined);
  if (known) return known[n - 1] as Json;
  if (def.canonicalValues?.length) return def.canonicalValues[(n - 1) % def.canonicalValues.length] as string;
  switch (def.type) {
    case 'boolean':
      return n === 2; // false first: a fresh resource is usually `true` (active, SSO)
    case 'integer':
    case 'decimal':
      return n;
    case 'dateTime':
      return `2030-0${n}-01T00:00:00Z`;
    case 'reference':
      return `https://example.com/walk/${def.name}/${n}`;
    case 'binary':
      return n === 1 ? 'd2FsayAx' : 'd2FsayAy';
    default:
      return `Walk ${def.name} ${n}`;
  }
}

/** A representative element of a multi-valued complex attribute: its writable sub-attributes but `primary`/`display`. */
function element(def: SchemaAttribute, n: 1 | 2): JsonRecord {
  const out: JsonRecord = {};
  for (const sub of def.subAttributes ?? []) {
    if (!writable(sub) || ['primary', 'display', '$ref'].includes(sub.name)) continue;
    if (def.name === 'addresses' && !['formatted', 'streetAddress', 'locality', 'type'].includes(sub.name)) continue;
    out[sub.name] = scalar(sub, def.name, n);
  }
  return out;
}

function valuesFor(t: WalkTarget, options: AttributeWalkOptions): [Json, Json] {
  const given = options.values?.(t);
  if (given) return given;
  if (t.sub) return [scalar(t.sub, t.attribute.name, 1), scalar(t.sub, t.attribute.name, 2)];
  if (t.attribute.type === 'complex' && t.attribute.multiValued) return [[element(t.attribute, 1)], [element(t.attribute, 2)]];
  return [scalar(t.attribute, undefined, 1), scalar(t.attribute, undefined, 2)];
}

/** Every writable attribute of the resource type: sub-attributes of single-valued complex ones, whole multi-valued ones. */
export async function writableTargets(http: ScimClient, resourceType: 'User' | 'Group'): Promise<WalkTarget[]> {
  const type = (await http.get(`/ResourceTypes/${resourceType}`).expect(200)).body as { schema: string; schemaExtensions?: { schema: string }[] };
  const schemas = ((await http.get('/Schemas').expect(200)).body as { Resources: { id: string; attributes: SchemaAttribute[] }[] }).Resources;
  const targets: WalkTarget[] = [];
  for (const urn of [type.schema, ...(type.schemaExtensions ?? []).map((e) => e.schema)]) {
    const schema = schemas.find((s) => s.id === urn);
    if (!schema) throw new Error(`/Schemas lacks ${urn}, which /ResourceTypes/${resourceType} names`);
    const extension = urn === type.schema ? undefined : urn;
    const prefix = extension ? `${extension}:` : '';
    // externalId is a common attribute (RFC 7643 §3.1): writable on every resource, though no schema lists it.
    const attributes = extension ? schema.attributes : [{ name: 'externalId', type: 'string', multiValued: false, mutability: 'readWrite', returned: 'default' }, ...schema.attributes];
    for (const attribute of attributes.filter(writable)) {
      if (attribute.type === 'complex' && !attribute.multiValued) {
        targets.push({ ...(extension ? { extension } : {}), attribute, path: `${prefix}${attribute.name}` });
        for (const sub of (attribute.subAttributes ?? []).filter(writable)) {
          targets.push({ ...(extension ? { extension } : {}), attribute, sub, path: `${prefix}${attribute.name}.${sub.name}` });
        }
      } else {
        targets.push({ ...(extension ? { extension } : {}), attribute, path: `${prefix}${attribute.name}` });
      }
    }
  }
  return targets;
}

const holderOf = (resource: JsonRecord, t: WalkTarget): JsonRecord | undefined => (t.extension ? (isRecord(resource[t.extension]) ? (resource[t.extension] as JsonRecord) : undefined) : resource);

function valueAt(resource: JsonRecord, t: WalkTarget, options: AttributeWalkOptions): Json | undefined {
  const value = holderOf(resource, t)?.[t.attribute.name];
  if (t.sub) return isRecord(value) ? value[t.sub.name] : undefined;
  if (Array.isArray(value)) {
    const own = value.filter((e) => !options.readBack?.(t, e));
    return own.length > 0 ? own : undefined;
  }
  return value;
}

/** Written and read values agree: an element read back holds every sub-attribute written (the server may add some). */
function same(written: Json, read: Json | undefined, def: SchemaAttribute): boolean {
  if (read === undefined) return false;
  if (def.type === 'dateTime' && typeof written === 'string' && typeof read === 'string') return Date.parse(written) === Date.parse(read);
  if (Array.isArray(written)) {
    return Array.isArray(read) && read.length === written.length && written.every((w) => read.some((r) => (isRecord(w) && isRecord(r) ? Object.entries(w).every(([k, v]) => isDeepStrictEqual(r[k], v)) : isDeepStrictEqual(r, w))));
  }
  return isDeepStrictEqual(written, read);
}

/** The resource as far as the IdP writes it: no meta, schemas or read-only attributes, and not the walked attribute. */
function rest(resource: JsonRecord, t: WalkTarget, readOnly: Set<string>): JsonRecord {
  const out: JsonRecord = {};
  for (const [key, value] of Object.entries(resource)) {
    if (['meta', 'schemas'].includes(key) || readOnly.has(lower(key))) continue;
    if (isRecord(value) && key.startsWith('urn:')) {
      const ext: JsonRecord = {};
      for (const [k, v] of Object.entries(value)) {
        if (readOnly.has(lower(`${key}:${k}`)) || (key === t.extension && k === t.attribute.name)) continue;
        ext[k] = v;
      }
      if (Object.keys(ext).length > 0) out[key] = ext;
    } else if (!(t.extension === undefined && key === t.attribute.name)) out[key] = value;
  }
  return out;
}

function withValue(resource: JsonRecord, t: WalkTarget, value: Json | undefined): JsonRecord {
  const body = structuredClone(resource);
  delete body.meta;
  if (t.extension && !isRecord(body[t.extension])) body[t.extension] = {};
  const holder = holderOf(body, t) as JsonRecord;
  if (t.sub) {
    const complex: JsonRecord = isRecord(holder[t.attribute.name]) ? { ...(holder[t.attribute.name] as JsonRecord) } : {};
    if (value === undefined) delete complex[t.sub.name];
    else complex[t.sub.name] = value;
    holder[t.attribute.name] = complex;
  } else if (value === undefined) delete holder[t.attribute.name];
  else holder[t.attribute.name] = value;
  return body;
}

/**
 * Walk every writable attribute of `/Schemas` as described at the top of this file. Answers every step; a test asserts
 * that none is `wrong` (and may assert which were refused).
 */
export async function walkWritableAttributes(options: AttributeWalkOptions): Promise<WalkStep[]> {
  const { http, resourceType } = options;
  const endpoint = resourceType === 'User' ? '/Users' : '/Groups';
  const targets = await writableTargets(http, resourceType);
  const readOnly = new Set<string>();
  const schemas = ((await http.get('/Schemas').expect(200)).body as { Resources: { id: string; attributes: SchemaAttribute[] }[] }).Resources;
  for (const s of schemas) {
    const core = s.id.startsWith('urn:ietf:params:scim:schemas:core:');
    for (const a of s.attributes) if (a.mutability === 'readOnly') readOnly.add(lower(core ? a.name : `${s.id}:${a.name}`));
  }
  readOnly.add('id');

  const read = async (id: string) => (await http.get(`${endpoint}/${id}`).expect(200)).body as JsonRecord;
  const steps: WalkStep[] = [];

  async function step(id: string, t: WalkTarget, action: WalkAction, expected: Json | undefined, send: (before: JsonRecord) => Promise<{ status: number; body: unknown }>) {
    const before = await read(id);
    const res = await send(before);
    const after = await read(id);
    const detail = isRecord(res.body) && typeof res.body.detail === 'string' ? res.body.detail : undefined;
    const record = (outcome: WalkStep['outcome'], problem?: string) =>
      steps.push({ path: t.path, action, status: res.status, outcome, ...(detail ? { detail } : {}), ...(problem ? { problem } : {}) });
    if (res.status === 400) {
      const body = res.body as { scimType?: string };
      const named = [t.attribute.name, t.sub?.name].some((n) => n !== undefined && lower(detail ?? '').includes(lower(n)));
      if (!['mutability', 'invalidValue'].includes(body.scimType ?? '')) return record('wrong', `refused with scimType ${body.scimType}`);
      if (!named) return record('wrong', `refused without naming ${t.path}: ${detail}`);
      if (!isDeepStrictEqual(rest(after, t, readOnly), rest(before, t, readOnly)) || !isDeepStrictEqual(valueAt(after, t, options), valueAt(before, t, options))) {
        return record('wrong', 'refused, yet the resource changed');
      }
      return record('refused');
    }
    if (res.status < 200 || res.status > 299) return record('wrong', `answered ${res.status}: ${detail ?? ''}`);
    const now = valueAt(after, t, options);
    if (!isDeepStrictEqual(rest(after, t, readOnly), rest(before, t, readOnly))) {
      return record('wrong', `other attributes changed: ${JSON.stringify(rest(before, t, readOnly))} → ${JSON.stringify(rest(after, t, readOnly))}`);
    }
    if (action === 'put omit') {
      const was = valueAt(before, t, options);
      if (now === undefined) return record('applied');
      // Kept: the same value; for a multi-valued attribute, the same element values (the upstream may show its own
      // type or primary for an element it holds, as OneID does for its one email).
      const values = (v: Json | undefined) => (Array.isArray(v) ? v.map((e) => (isRecord(e) ? (e.value ?? e) : e)) : v);
      if (was !== undefined && same(values(was) as Json, values(now), t.sub ?? t.attribute)) return record('kept');
      return record('wrong', `left out, read back ${JSON.stringify(now)} (was ${JSON.stringify(was)})`);
    }
    if (expected === undefined ? now === undefined : same(expected, now, t.sub ?? t.attribute)) return record('applied');
    return record('wrong', `wrote ${JSON.stringify(expected)}, read back ${JSON.stringify(now)}`);
  }

  const patch = (id: string, operation: JsonRecord) =>
    http.patch(`${endpoint}/${id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [operation] });
  const put = (id: string, body: JsonRecord) => http.put(`${endpoint}/${id}`, body);

  for (const t of targets) {
    // A whole single-valued complex attribute is walked through its sub-attributes; only its removal is walked here.
    const whole = t.attribute.type === 'complex' && !t.attribute.multiValued && !t.sub;
    const id = await options.create();
    if (whole) {
      await step(id, t, 'patch clear', undefined, () => patch(id, { op: 'remove', path: t.path }));
      continue;
    }
    const [a, b] = valuesFor(t, options);
    // `add` to a multi-valued attribute appends to what a fresh resource has; `replace` sets exactly these values.
    await step(id, t, 'patch set', a, () => patch(id, { op: t.attribute.multiValued ? 'replace' : 'add', path: t.path, value: a }));
    await step(id, t, 'patch change', b, () => patch(id, { op: 'replace', path: t.path, value: b }));
    await step(id, t, 'patch clear', undefined, () => patch(id, { op: 'remove', path: t.path }));
    await step(id, t, 'put set', a, (before) => put(id, withValue(before, t, a)));
    await step(id, t, 'put change', b, (before) => put(id, withValue(before, t, b)));
    await step(id, t, 'put omit', undefined, (before) => put(id, withValue(before, t, undefined)));
  }
  return steps;
}

/** The steps that broke the rule, one line each, for an assertion that shows them all at once. */
export const wrongSteps = (steps: readonly WalkStep[]): string[] =>
  steps.filter((s) => s.outcome === 'wrong').map((s) => `${s.action} ${s.path}: ${s.problem ?? ''}`);
