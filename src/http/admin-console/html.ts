/**
 * HTML built from tagged templates in which every interpolated value is escaped, unless it is itself `Html` made by
 * this tag. No page builds markup by string concatenation, so a value from the audit log, a tenant id or a query
 * parameter can never become markup.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in element content and in quoted attribute values. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

type Interpolated = Html | string | number | boolean | null | undefined | readonly Interpolated[];

/** `null`, `undefined` and `false` render as nothing (so `${cond && html`…`}` works); arrays are joined. */
const render = (value: Interpolated): string => {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
};

export function html(strings: TemplateStringsArray, ...values: readonly Interpolated[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}
