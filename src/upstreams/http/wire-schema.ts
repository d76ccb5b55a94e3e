import { z } from 'zod';

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The schema, reading a member whose value is `null` as absent. Upstreams spell "no value" either way (OneID answers
 * `"externalId": null`, Zuora's v1 objects carry nulls), and the bridge treats both alike; removing the member, rather
 * than turning it into `undefined`, keeps a spread of the answer from overwriting a value the bridge already has.
 */
export const nullMeansAbsent = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (isPlainObject(value) ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)) : value), schema);
