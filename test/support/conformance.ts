import { resolve } from 'node:path';
import { RFC_SAMPLES_DIR } from './rfc-samples.js';

/** `../shared/conformance`: the third-party suites, read in place (never copied into the repository). */
export const CONFORMANCE_DIR = resolve(RFC_SAMPLES_DIR, '..');
