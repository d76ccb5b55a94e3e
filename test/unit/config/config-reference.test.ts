import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { configReferenceTables, referenceRows } from '../../../src/config/config-reference.js';
import { REGISTRY, UPSTREAM_TYPES } from '../../../src/registry.js';
import { readReferenceBlock, renderConfigReference, replaceReferenceBlock } from '../../../src/config/config-reference-markdown.js';

const README = new URL('../../../README.md', import.meta.url);

describe('the configuration reference', () => {
  it('is what README.md shows between its markers (run `npm run config:reference` after changing the schema)', () => {
    expect(readReferenceBlock(readFileSync(README, 'utf8'))).toBe(renderConfigReference());
  });

  it('documents every key of the schema and of every upstream', () => {
    const meaning = (description: string) => description.replace(/^(With `[^`]+`: )+/, '').trim();
    const undocumented = configReferenceTables().flatMap((t) => t.rows.filter((r) => meaning(r.description) === '').map((r) => `${t.title}: ${r.path}`));
    expect(undocumented).toEqual([]);
  });

  it('has a table for the file and one for each upstream and source type', () => {
    const titles = configReferenceTables().map((t) => t.title);
    expect(titles).toEqual([
      'The configuration file',
      ...UPSTREAM_TYPES.map((type) => `\`tenants[].upstream\` with \`type: "${type}"\``),
      ...REGISTRY.sources.map((d) => `\`tenants[].source\` with \`type: "${d.type}"\``),
    ]);
  });
});

describe('reference rows walked from a zod schema', () => {
  const schema = z.object({
    host: z.string().default('127.0.0.1').describe('Where to listen.'),
    port: z.number().int().min(0).max(65535).describe('Port.'),
    token: z.string().optional(),
    tenants: z.array(z.object({ id: z.string().describe('Tenant name.') })).describe('Tenants.'),
    store: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('sqlite'), path: z.string().describe('File.') }),
        z.object({ type: z.literal('postgres'), url: z.url() }),
      ])
      .optional(),
  });
  const rows = referenceRows(schema);
  const row = (path: string) => rows.find((r) => r.path === path);

  it('takes types, defaults and descriptions from the schema, an empty text where there is no description', () => {
    expect(row('host')).toEqual({ path: 'host', type: 'string', default: '`"127.0.0.1"`', description: 'Where to listen.' });
    expect(row('port')).toEqual({ path: 'port', type: 'integer 0–65535', default: 'required', description: 'Port.' });
    expect(row('token')).toEqual({ path: 'token', type: 'string', default: '—', description: '' });
  });

  it('names array elements with [] and says which union variant a key belongs to', () => {
    expect(rows.map((r) => r.path)).toEqual(['host', 'port', 'token', 'tenants', 'tenants[].id', 'store', 'store.path', 'store.url']);
    expect(row('store')?.type).toBe('by `type`: `sqlite`, `postgres`');
    expect(row('store.path')?.description).toBe('With `type: "sqlite"`: File.');
    expect(row('store.url')).toMatchObject({ type: 'URL', default: 'required' });
  });
});

describe('the README block', () => {
  it('replaces only what lies between the markers', () => {
    const readme = 'before\n<!-- config-reference:start -->\nold\n<!-- config-reference:end -->\nafter\n';
    const next = replaceReferenceBlock(readme, 'new');
    expect(next).toBe('before\n<!-- config-reference:start -->\n\nnew\n\n<!-- config-reference:end -->\nafter\n');
    expect(readReferenceBlock(next)).toBe('new');
  });

  it('refuses a README without markers', () => {
    expect(() => replaceReferenceBlock('no markers here', 'new')).toThrow(/config-reference:start/);
  });

  it('escapes a | inside a cell so it cannot split the table', () => {
    const block = renderConfigReference([{ title: 'T', rows: [{ path: 'a', type: 'string', default: '—', description: 'either | or' }] }]);
    expect(block).toContain('| `a` | string | — | either \\| or |');
  });
});
