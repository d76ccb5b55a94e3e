/*
 * Column padding for the CLI's tables (doctor, plan). Twenty lines do it; a table package would add borders and
 * colours the output does not want, and a dependency to keep up.
 */

/** Width as a terminal counts it for the text the bridge prints: one column per code point (`✓`, `→`, `…`). */
const width = (s: string): number => Array.from(s).length;

/**
 * Rows as aligned lines, each column as wide as its widest cell and two spaces apart; the last column is not padded
 * and trailing spaces are trimmed, so a row whose last cells are empty ends where its text does.
 */
export function textTable(rows: readonly (readonly string[])[], indent = ''): string[] {
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(0, ...rows.map((r) => width(r[c] ?? ''))));
  return rows.map((row) =>
    (indent + row.map((cell, c) => (c === row.length - 1 ? cell : cell + ' '.repeat((widths[c] ?? 0) - width(cell)))).join('  ')).trimEnd(),
  );
}
