import type { z } from 'zod';

import { FILE_KEY_SUFFIX } from './secret-references.js';

type Schema = z.core.$ZodType;
type ObjectSchema = z.core.$ZodObject;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Looks through the wrappers that do not change which keys an object takes (default, optional, pipe…). */
function unwrap(schema: Schema): Schema {
  for (let s = schema; ;) {
    const def = s._zod.def as { type: string; innerType?: Schema; in?: Schema };
    if (def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else return s;
  }
}

/** A discriminated union's option that the value's discriminator picks (what zod validated it against), else the union. */
function resolve(schema: Schema, value: unknown): Schema {
  const s = unwrap(schema);
  const def = s._zod.def as Partial<z.core.$ZodDiscriminatedUnionDef> & { type: string };
  if (def.type !== 'union' || !def.discriminator || !def.options || !isRecord(value)) return s;
  const wanted = value[def.discriminator];
  const option = def.options.find((o) => {
    const field = (unwrap(o)._zod.def as Partial<z.core.$ZodObjectDef>).shape?.[def.discriminator as string];
    return (
      field !== undefined && (unwrap(field)._zod.def as Partial<z.core.$ZodLiteralDef<z.core.util.Literal>>).values?.includes(wanted as z.core.util.Literal)
    );
  });
  return option ? resolve(option, value) : s;
}

/** The object schema that validated the value at `path` of `input`, if that place is an object. */
function objectSchemaAt(schema: Schema, input: unknown, path: readonly PropertyKey[]): ObjectSchema | undefined {
  let s = resolve(schema, input);
  let value = input;
  for (const segment of path) {
    const def = s._zod.def as { type: string; shape?: Record<string, Schema>; element?: Schema; valueType?: Schema };
    const next = def.type === 'object' ? def.shape?.[String(segment)] : def.type === 'array' ? def.element : def.type === 'record' ? def.valueType : undefined;
    if (!next) return undefined;
    value = isRecord(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[segment] : undefined;
    s = resolve(next, value);
  }
  return s._zod.def.type === 'object' ? (s as ObjectSchema) : undefined;
}

/**
 * The keys the configuration accepts at `path` (of the object holding an unknown key), for suggesting the one a
 * typo meant: the schema's keys, and `XFile` for every string key `X` (see secret-references.ts).
 */
export function allowedKeysAt(schema: Schema, input: unknown, path: readonly PropertyKey[]): string[] {
  const object = objectSchemaAt(schema, input, path);
  if (!object) return [];
  const shape = object._zod.def.shape;
  const keys = Object.keys(shape);
  const fileKeys = keys.filter((k) => unwrap(shape[k] as Schema)._zod.def.type === 'string').map((k) => `${k}${FILE_KEY_SUFFIX}`);
  return [...keys, ...fileKeys];
}
