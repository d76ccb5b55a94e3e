import { invalidInput } from './errors.js';

/** A parsed `fields` selection: each key either whole (`true`) or narrowed to its own selection. */
type Selection = Map<string, Selection | true>;

function merge(into: Selection, key: string, value: Selection | true): void {
  const existing = into.get(key);
  if (existing === true || value === true || existing === undefined) {
    into.set(key, existing === undefined ? value : true);
    return;
  }
  for (const [k, v] of value) merge(existing, k, v);
}

/**
 * Parse Google's partial-response syntax (the `fields` parameter): a comma-separated list of field paths, `a/b` for a
 * sub-field, `a(b,c)` for several sub-fields of `a`, nestable: e.g. `nextPageToken,users(id,primaryEmail,name/fullName)`.
 */
export function parseFields(text: string): Selection {
  let at = 0;
  const fail = (): never => {
    throw invalidInput(`Invalid field selection ${text}`);
  };
  const name = (): string => {
    const match = /^[A-Za-z_*][\w*]*/.exec(text.slice(at));
    if (!match) return fail();
    at += match[0].length;
    return match[0];
  };
  const item = (into: Selection): void => {
    const path = [name()];
    while (text[at] === '/') {
      at += 1;
      path.push(name());
    }
    let leaf: Selection | true = true;
    if (text[at] === '(') {
      at += 1;
      leaf = list();
      if (text[at] !== ')') fail();
      at += 1;
    }
    const value = path.slice(1).reduceRight<Selection | true>((inner, key) => new Map([[key, inner]]), leaf);
    merge(into, path[0] ?? '', value);
  };
  const list = (): Selection => {
    const selection: Selection = new Map();
    item(selection);
    while (text[at] === ',') {
      at += 1;
      item(selection);
    }
    return selection;
  };
  const selection = list();
  if (at !== text.length) fail();
  return selection;
}

/** `value` narrowed to `selection`; arrays are narrowed element by element, absent fields stay absent. */
export function applyFields(value: unknown, selection: Selection): unknown {
  if (Array.isArray(value)) return value.map((v) => applyFields(v, selection));
  if (value === null || typeof value !== 'object') return value;
  if (selection.get('*') === true) return value;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of selection) {
    if (!(key in value)) continue;
    const field = (value as Record<string, unknown>)[key];
    out[key] = sub === true ? field : applyFields(field, sub);
  }
  return out;
}

/** The answer as the `fields` parameter (if any) narrows it. */
export function partialResponse<T>(body: T, fields: string | undefined): unknown {
  return fields === undefined || fields === '' ? body : applyFields(body, parseFields(fields));
}
