/**
 * What filter text is allowed to reach scim2-parse-filter, checked in one linear pass.
 *
 * The library's tokenizer matches a quoted value with `"(?:[^"\\]|\\.|\n)*"`. A line break matches two of those
 * alternatives, so when the value cannot be matched (it is never closed, or a backslash stands before a line break,
 * which `\\.` does not accept) the regular expression engine tries every way of splitting the line breaks between
 * them: 2^n attempts for n line breaks. `userName eq "a\na\n…x` of 140 bytes held the event loop for 15–20 s. Text the
 * check below lets through has every quoted value closed the way that expression closes it, so the first, greedy
 * attempt matches and the tokenizer stays linear; text it refuses the library would have refused too, slowly.
 *
 * Length and nesting are bounded as well: every later step (quoting bare values, parsing, evaluating against each
 * resource or element) is proportional to the text, and the parser and evaluator recurse once per level.
 */

/** The longest filter accepted, in characters as the client sent it (RFC 7644 sets no limit; IdPs send under 200). */
export const MAX_FILTER_LENGTH = 4096;
/** The deepest nesting of parentheses and value filters (`emails[…]`) accepted; IdPs send at most one level. */
export const MAX_FILTER_DEPTH = 16;

/** `.` in the library's expression matches anything but these (ECMAScript LineTerminator). */
const LINE_TERMINATORS = new Set(['\n', '\r', '\u2028', '\u2029']);

const preview = (text: string, from: number): string => {
  const piece = text.slice(from, from + 30);
  return JSON.stringify(from + 30 < text.length ? `${piece}…` : piece);
};

/**
 * Why `text` must not be parsed, or `undefined` when it may be. `sentLength` is the length the client sent, when the
 * text was rewritten before parsing (bare values quoted).
 */
export function filterTextProblem(text: string, sentLength = text.length): string | undefined {
  if (sentLength > MAX_FILTER_LENGTH) return `the filter is ${sentLength} characters long; at most ${MAX_FILTER_LENGTH} are accepted`;
  let depth = 0;
  let quoteAt = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoteAt >= 0) {
      if (ch === '"') quoteAt = -1;
      else if (ch === '\\') {
        const escaped = text[i + 1];
        if (escaped === undefined || LINE_TERMINATORS.has(escaped)) {
          return `the backslash at character ${i + 1} escapes nothing (a quoted value is a JSON string: write a line break as \\n)`;
        }
        i++;
      }
    } else if (ch === '"') {
      quoteAt = i;
    } else if (ch === '(' || ch === '[') {
      if (++depth > MAX_FILTER_DEPTH) return `parentheses and value filters nest deeper than ${MAX_FILTER_DEPTH} levels at character ${i + 1}`;
    } else if (ch === ')' || ch === ']') {
      depth = Math.max(0, depth - 1);
    }
  }
  if (quoteAt >= 0) return `the quoted value that starts at character ${quoteAt + 1} (${preview(text, quoteAt)}) is never closed`;
  return undefined;
}
