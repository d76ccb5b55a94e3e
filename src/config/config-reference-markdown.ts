import { configReferenceTables, type ReferenceTable } from './config-reference.js';

/** README markers between which `npm run config:reference` writes the generated reference. */
export const REFERENCE_START = '<!-- config-reference:start -->';
export const REFERENCE_END = '<!-- config-reference:end -->';

const INTRO = [
  '<!-- Generated from src/config/config-schema.ts by `npm run config:reference`; edit the schema, not this block. -->',
  '',
  'The configuration is one file, YAML (`.yaml`, `.yml`) or JSON (`.json`), chosen by its extension. Secrets need not',
  'sit in it:',
  '',
  '- `${NAME}` anywhere in a string is replaced by the environment variable `NAME`; when only `NAME_FILE` is set, by',
  '  the trimmed contents of the file it names (setting both is an error);',
  '- `${file:/run/secrets/x}` is replaced by the trimmed contents of that file;',
  '- any string key `X` may instead be given as `XFile`, a path whose trimmed contents become `X` (the Docker and',
  '  Kubernetes secrets convention): `clientSecretFile`, `passwordFile`, `apiKeyFile`, `connectionStringFile`,',
  '  `metricsTokenFile`, `urlFile`… Giving both `X` and `XFile` is an error.',
  '',
  'Invalid configuration stops start-up with every offending field named by its path; error messages name fields,',
  'variables and files, never their values. Every object refuses keys it does not know, so a typo cannot silently',
  'fall back to a default: each unknown key is named with the key it most likely meant, e.g.',
  '`tenants[0].upstream.deactivaton: unknown key; did you mean "deactivation"?`.',
].join('\n');

/** The generated Markdown block: the secrets conventions, then one table per part of the schema. */
export function renderConfigReference(tables: ReferenceTable[] = configReferenceTables()): string {
  const sections = tables.map((t) => {
    const rows = t.rows.map((r) => `| \`${r.path}\` | ${cell(r.type)} | ${cell(r.default)} | ${cell(r.description)} |`);
    return [`#### ${t.title}`, '', '| key | type | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
  });
  return [INTRO, ...sections].join('\n\n');
}

/** Markdown table cells end at `|` and at a line break. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** The generated block currently in a README, or `undefined` without both markers. */
export function readReferenceBlock(readme: string): string | undefined {
  const start = readme.indexOf(REFERENCE_START);
  const end = readme.indexOf(REFERENCE_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + REFERENCE_START.length, end).trim();
}

/** The README with the block between the markers replaced by `block`; throws when the markers are missing. */
export function replaceReferenceBlock(readme: string, block: string): string {
  const start = readme.indexOf(REFERENCE_START);
  const end = readme.indexOf(REFERENCE_END);
  if (start < 0 || end < start) throw new Error(`README has no ${REFERENCE_START} … ${REFERENCE_END} block`);
  return `${readme.slice(0, start + REFERENCE_START.length)}\n\n${block}\n\n${readme.slice(end)}`;
}
