/**
 * Quote bare comparison values in filter text. RFC 7644 §3.4.2.2 requires string values to be JSON strings, but
 * Entra's documentation and Microsoft's Postman collection send `userName eq bjensen` and `externalId eq 6e0f…`
 * (docs/idps.md §1), which the parser rejects.
 */

type Expecting = 'attribute' | 'operator' | 'value' | 'connective';

const COMPARISON = /^(?:eq|ne|co|sw|ew|gt|ge|lt|le)$/i;
/** Bare values the RFC allows: the JSON literals and JSON numbers (RFC 7159 §3, §6). */
const BARE_LITERAL = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?)$/;

const quote = (value: string): string => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** End of the quoted string starting at `start` (index after its closing quote, or the text's end if unclosed). */
const endOfQuoted = (text: string, start: number): number => {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
};

const endOfRun = (text: string, start: number, stop: RegExp): number => {
  let i = start;
  while (i < text.length && !stop.test(text[i] ?? '')) i++;
  return i;
};

const next = (state: Expecting, word: string): Expecting => {
  if (state === 'attribute') return /^not$/i.test(word) ? 'attribute' : 'operator';
  if (state === 'operator') return COMPARISON.test(word) ? 'value' : 'connective';
  if (/^(?:and|or)$/i.test(word)) return 'attribute';
  // `emails[type eq "work"].value eq …`: the sub-attribute after a value filter is followed by an operator.
  return word.startsWith('.') ? 'operator' : state;
};

/**
 * Put double quotes around every comparison value that is not `true`, `false`, `null` or a JSON number, escaping
 * `"` and `\`: `userName eq a.b+c@x.com` → `userName eq "a.b+c@x.com"`. Quoted strings (and anything inside them),
 * `pr`, value filters and logical operators are left as they are, and so is text that is not a filter at all, for
 * the parser to reject.
 */
export function quoteBareFilterValues(filter: string): string {
  let out = '';
  let state: Expecting = 'attribute';
  let i = 0;
  while (i < filter.length) {
    const ch = filter[i] ?? '';
    let end: number;
    if (/\s/.test(ch)) {
      end = endOfRun(filter, i, /\S/);
    } else if (ch === '"') {
      end = endOfQuoted(filter, i);
      if (state === 'value') state = 'connective';
    } else if (ch === '(' || ch === '[' || ch === ')' || ch === ']') {
      end = i + 1;
      state = ch === '(' || ch === '[' ? 'attribute' : 'connective';
    } else if (state === 'value') {
      end = endOfRun(filter, i, /[\s)\]]/);
      const value = filter.slice(i, end);
      out += BARE_LITERAL.test(value) ? value : quote(value);
      state = 'connective';
      i = end;
      continue;
    } else {
      end = endOfRun(filter, i, /[\s()[\]"]/);
      state = next(state, filter.slice(i, end));
    }
    out += filter.slice(i, end);
    i = end;
  }
  return out;
}
