import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * Issue 12 "Standalone": the README's and the docs' links all resolve inside the repository, so a plain clone reads
 * whole. Only relative links are checked (web addresses are the sources the docs cite).
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const markdownFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
  );

/** The relative targets of a markdown text's inline links, without their `#fragment`. */
function relativeLinks(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => (m[1] ?? '').split('#')[0] ?? '')
    .filter((target) => target !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

describe('documentation links', () => {
  it('finds relative links and leaves web addresses and fragments alone', () => {
    expect(relativeLinks('[a](docs/x.md) [b](https://example.com/y) [c](#top) [d](../e.md#part) [m](mailto:a@b.c)')).toEqual(['docs/x.md', '../e.md']);
  });

  it('every relative link in README.md and docs/ names a file in the repository', () => {
    const files = [join(ROOT, 'README.md'), ...markdownFiles(join(ROOT, 'docs'))];
    const broken = files.flatMap((file) =>
      relativeLinks(readFileSync(file, 'utf8'))
        .filter((target) => !existsSync(resolve(dirname(file), decodeURIComponent(target))))
        .map((target) => `${file.slice(ROOT.length + 1)} → ${target}`),
    );
    expect(broken).toEqual([]);
  });
});
