import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { readReferenceBlock, renderConfigReference, replaceReferenceBlock } from './config-reference-markdown.js';

/**
 * `npm run config:reference`: writes the configuration reference rendered from the schema into README.md between
 * its markers. With `--check` it writes nothing and exits 1 when README's block differs (for CI).
 */
const readmePath = fileURLToPath(new URL('../../README.md', import.meta.url));
const readme = readFileSync(readmePath, 'utf8');
const block = renderConfigReference();

if (process.argv.includes('--check')) {
  const current = readReferenceBlock(readme);
  if (current !== block) {
    process.stderr.write('README.md configuration reference is out of date: run `npm run config:reference`\n');
    process.exit(1);
  }
} else {
  const next = replaceReferenceBlock(readme, block);
  if (next !== readme) writeFileSync(readmePath, next);
  process.stdout.write(`README.md configuration reference: ${next === readme ? 'unchanged' : 'updated'}\n`);
}
