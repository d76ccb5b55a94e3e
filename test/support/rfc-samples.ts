import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The RFC 7643/7644 example documents, as the project's own fixtures (test/fixtures/rfc/README.md lists them). */
export const RFC_SAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/rfc');

export function rfcSample<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(resolve(RFC_SAMPLES_DIR, name.endsWith('.json') ? name : `${name}.json`), 'utf8')) as T;
}

/** The file names of every RFC 7644 §3.5.2 PATCH example. */
export const rfcPatchSampleFiles = (): string[] => readdirSync(RFC_SAMPLES_DIR).filter((f) => /^rfc7644-3\.5\.2.*\.json$/.test(f));
