/**
 * Positions of filter text that lie outside double-quoted strings (RFC 7644 §3.4.2.2 string values are JSON
 * strings, so `\"` does not end one). Bracket matching and rewrites must never look inside a value.
 */
export function outsideQuotes(text: string): boolean[] {
  const outside: boolean[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      outside.push(false);
      if (ch === '\\') {
        outside.push(false);
        i++;
      } else if (ch === '"') inString = false;
    } else {
      inString = ch === '"';
      outside.push(!inString);
    }
  }
  return outside.slice(0, text.length);
}

/** Index of the `]` that closes the `[` at `open`, ignoring brackets inside strings; -1 when there is none. */
export function closingBracket(text: string, open: number): number {
  const outside = outsideQuotes(text);
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (!outside[i]) continue;
    if (text[i] === '[') depth++;
    else if (text[i] === ']' && --depth === 0) return i;
  }
  return -1;
}
