/** A page's markup without the whitespace between tags, so assertions do not depend on the templates' layout. */
export const compact = (body: string): string => body.replace(/>\s+</g, '><').replace(/\s+/g, ' ');

/** What a page breaks of the accessibility basics: one `<h1>`, headings that skip no level, a label for every input. */
export function accessibilityProblems(body: string): string[] {
  const problems: string[] = [];
  if (!body.includes('<html lang="en">')) problems.push('no lang="en"');
  const levels = [...body.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
  if (levels.filter((l) => l === 1).length !== 1 || levels[0] !== 1) problems.push(`h1 not first and alone: ${levels.join(',')}`);
  levels.forEach((l, i) => {
    if (i > 0 && l > (levels[i - 1] ?? 1) + 1) problems.push(`h${l} after h${levels[i - 1]}`);
  });
  const labelled = new Set([...body.matchAll(/<label[^>]* for="([^"]+)"/g)].map((m) => m[1]));
  for (const input of body.matchAll(/<(?:input|textarea|select)\b[^>]*>/g)) {
    if (/type="hidden"/.test(input[0])) continue;
    const id = /\bid="([^"]+)"/.exec(input[0])?.[1];
    if (!id || !labelled.has(id)) problems.push(`input without a label: ${input[0]}`);
  }
  return problems;
}
