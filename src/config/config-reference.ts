import type { z } from 'zod';

import { REGISTRY } from '../registry.js';
import { configSchema, upstreamConfigSchema } from './config-schema.js';

/** One line of the configuration reference. */
export interface ReferenceRow {
  /** Dotted path; `[]` marks each element of an array. */
  path: string;
  type: string;
  /** `required`, `—` (optional, no default) or the default as JSON. */
  default: string;
  description: string;
}

/** A titled table of the reference: the configuration itself, then one per upstream type. */
export interface ReferenceTable {
  title: string;
  rows: ReferenceRow[];
}

type Schema = z.core.$ZodType;

const UPSTREAM_PATH = 'tenants[].upstream';
const SOURCE_PATH = 'tenants[].source';

/** The reference tables, walked from the zod schema (descriptions from `.describe()`, defaults from `.default()`). */
export function configReferenceTables(): ReferenceTable[] {
  const tables: ReferenceTable[] = [{ title: 'The configuration file', rows: walk(configSchema, '', '', new Set([UPSTREAM_PATH, SOURCE_PATH])) }];
  const variants = [
    ...unionOptions(upstreamConfigSchema).map((option) => [UPSTREAM_PATH, option] as const),
    ...REGISTRY.sources.map((d) => [SOURCE_PATH, d.configSchema] as const),
  ];
  for (const [path, option] of variants) {
    const type = discriminatorValue(option, 'type');
    const rows = referenceRows(option).filter((r) => r.path !== 'type');
    tables.push({ title: `\`${path}\` with \`type: "${type}"\``, rows });
  }
  return tables;
}

/**
 * The rows of one schema: every key, nested keys as dotted paths. A key's text is its `.describe()` (there is no
 * second table: an upstream's keys are described in its own schema); a discriminated union's variant keys say which
 * variant they belong to.
 */
export function referenceRows(schema: Schema): ReferenceRow[] {
  return walk(schema, '', '', new Set());
}

function walk(schema: Schema, path: string, note: string, stopAt: Set<string>): ReferenceRow[] {
  const { inner, description, defaultValue, optional } = unwrap(schema);
  const def = inner._zod.def;
  const rows: ReferenceRow[] = [];
  const isGroup = def.type === 'object';
  if (path) {
    const text = description ?? '';
    rows.push({
      path,
      type: typeName(inner),
      default: defaultValue !== undefined ? (isGroup ? 'see its keys' : `\`${JSON.stringify(defaultValue)}\``) : optional ? '—' : 'required',
      description: note + text,
    });
  }
  if (stopAt.has(path)) return rows;
  const prefix = path ? `${path}.` : '';
  if (def.type === 'object') {
    for (const [key, field] of Object.entries((def as z.core.$ZodObjectDef).shape)) rows.push(...walk(field, prefix + key, note, stopAt));
  } else if (def.type === 'array') {
    const element = (def as z.core.$ZodArrayDef).element;
    if (unwrap(element).inner._zod.def.type === 'object') rows.push(...walk(element, `${path}[]`, note, stopAt).slice(1));
  } else if (def.type === 'union') {
    const discriminator = (def as z.core.$ZodDiscriminatedUnionDef).discriminator;
    for (const option of unionOptions(inner)) {
      const value = discriminatorValue(option, discriminator);
      const variant = walk(option, path, `${note}With \`${discriminator}: "${value}"\`: `, stopAt).slice(1);
      rows.push(...variant.filter((r) => r.path !== prefix + discriminator));
    }
  }
  return rows;
}

/** Looks through optional/default wrappers, keeping the outermost description and the default. */
function unwrap(schema: Schema): { inner: Schema; description?: string; defaultValue?: unknown; optional: boolean } {
  let inner = schema;
  let description: string | undefined;
  let defaultValue: unknown;
  let optional = false;
  for (;;) {
    description ??= (inner as { description?: string }).description;
    const def = inner._zod.def;
    if (def.type === 'default') defaultValue = (def as z.core.$ZodDefaultDef).defaultValue;
    if (def.type === 'optional' || def.type === 'default') {
      optional = true;
      inner = (def as z.core.$ZodOptionalDef).innerType;
    } else return { inner, description, defaultValue, optional };
  }
}

function unionOptions(schema: Schema): Schema[] {
  return [...(schema._zod.def as z.core.$ZodUnionDef).options];
}

function discriminatorValue(option: Schema, discriminator: string): string {
  const field = (option._zod.def as z.core.$ZodObjectDef).shape[discriminator];
  return String((field?._zod.def as z.core.$ZodLiteralDef<string> | undefined)?.values[0]);
}

function typeName(schema: Schema): string {
  const def = schema._zod.def;
  const classic = schema as { format?: string | null; isInt?: boolean };
  switch (def.type) {
    case 'string':
      return classic.format === 'url' ? 'URL' : 'string';
    case 'number':
      return `${classic.isInt ? 'integer' : 'number'}${numberBounds(schema)}`;
    case 'enum':
      return `one of ${Object.values((def as z.core.$ZodEnumDef).entries)
        .map((v) => `\`${String(v)}\``)
        .join(', ')}`;
    case 'literal':
      return `\`${String((def as z.core.$ZodLiteralDef<string>).values[0])}\``;
    case 'array': {
      const element = unwrap((def as z.core.$ZodArrayDef).element).inner;
      return element._zod.def.type === 'object' ? 'list of objects' : `list of ${typeName(element)}`;
    }
    case 'record':
      return 'map of string to string';
    case 'union':
      return `by \`${(def as z.core.$ZodDiscriminatedUnionDef).discriminator}\`: ${unionOptions(schema)
        .map((o) => `\`${discriminatorValue(o, (def as z.core.$ZodDiscriminatedUnionDef).discriminator)}\``)
        .join(', ')}`;
    default:
      return def.type;
  }
}

/** ` 0–65535`, ` ≥ 1`, ` > 0` from the schema's own bound checks. */
function numberBounds(schema: Schema): string {
  let min: string | undefined;
  let max: string | undefined;
  for (const check of schema._zod.def.checks ?? []) {
    const def = check._zod.def as { check: string; value?: unknown; inclusive?: boolean };
    if (def.check === 'greater_than') min = `${def.inclusive ? '≥' : '>'} ${String(def.value)}`;
    if (def.check === 'less_than') max = `${def.inclusive ? '≤' : '<'} ${String(def.value)}`;
  }
  if (min?.startsWith('≥') && max?.startsWith('≤')) return ` ${min.slice(2)}–${max.slice(2)}`;
  return [min, max]
    .filter(Boolean)
    .map((b) => ` ${b}`)
    .join(',');
}
