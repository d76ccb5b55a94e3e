import fc from 'fast-check';

/** A UTF-16 code unit in the surrogate range, alone: not well-formed Unicode, yet legal in a JS string and in JSON. */
export const loneSurrogate: fc.Arbitrary<string> = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Characters that break naive code: NUL, BOM, bidi overrides, separators, combining marks, astral, case-folding traps. */
const TRAPS = [
  '\u0000',
  '\uFEFF',
  '\u200B',
  '\u202E',
  '\uFFFD',
  '\uFFFF',
  '\u0085',
  '\u2028',
  '\u2029',
  '\r',
  '\n',
  '\t',
  '\u007F',
  '"',
  "'",
  '\\',
  '%',
  '%00',
  '[',
  ']',
  '(',
  ')',
  '.',
  ':',
  ',',
  ' ',
  'é',
  'e\u0301',
  '🙂',
  '👩‍👩‍👧',
  '𝔘',
  'İ',
  'ı',
  'ß',
  'ﬀ',
];

/** One "character" of hostile text: a trap, a lone surrogate, any code point, or a printable grapheme. */
export const oddChar: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...TRAPS),
  loneSurrogate,
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
);

/** Short hostile text. */
export const oddText = (maxLength = 24): fc.Arbitrary<string> => fc.string({ unit: oddChar, maxLength });

/** Printable latin-1 text, the only text an HTTP/1.1 header value can carry (RFC 9110 §5.5). */
export const headerText = (maxLength = 40): fc.Arbitrary<string> =>
  fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff })).map((c) => String.fromCharCode(c)), maxLength });

/** Well-formed but unusual Unicode (combining marks, astral, RTL, emoji sequences): text a store must keep as sent. */
export const cleanText = (maxLength = 16): fc.Arbitrary<string> => fc.string({ unit: 'grapheme', minLength: 1, maxLength });
