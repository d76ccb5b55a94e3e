import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * `npm test` runs every tier but conformance; `test:unit`, `test:integration` and `test:e2e` run one tier each. A test
 * file in a folder no tier names would run in `npm test` only: this keeps the tiers' folders and the tests' folders the same.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

const testFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );

/** The folders a `vitest run a b` script names. */
const foldersOf = (script: string | undefined): string[] =>
  (script ?? '')
    .replace(/^vitest run\s*/, '')
    .split(/\s+/)
    .filter(Boolean);

describe('test tiers', () => {
  it('every test file outside test/conformance belongs to exactly one of test:unit, test:integration and test:e2e', () => {
    const tiers = ['test:unit', 'test:integration', 'test:e2e'].map((name) => ({ name, folders: foldersOf(scripts[name]) }));
    const packages = readdirSync(join(ROOT, 'packages')).map((name) => join(ROOT, 'packages', name, 'test'));
    const outside = [join(ROOT, 'test'), ...packages]
      .flatMap(testFiles)
      .map((f) => relative(ROOT, f).split('\\').join('/'))
      .filter((f) => !f.startsWith('test/conformance/'))
      .map((f) => ({ f, in: tiers.filter((t) => t.folders.some((folder) => f.startsWith(`${folder}/`))).map((t) => t.name) }))
      .filter((x) => x.in.length !== 1)
      .map((x) => `${x.f}: ${x.in.join(', ') || 'no tier'}`);
    expect(outside).toEqual([]);
  });
});
