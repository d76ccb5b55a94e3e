import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The RFC 7643/7644 example documents, read from ../shared/conformance (never copied into the repository). */
export const RFC_SAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/conformance/rfc-samples');

export function rfcSample<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(resolve(RFC_SAMPLES_DIR, name.endsWith('.json') ? name : `${name}.json`), 'utf8')) as T;
}
