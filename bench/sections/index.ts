import type { BenchSection } from '../section.js';
import { bigTenant } from './big.js';
import { eventLoop } from './loop.js';
import { oneId } from './oneid.js';
import { readPath } from './read.js';
import { replicas } from './replicas.js';
import { sourceSync } from './sync.js';

/** In the order they run and appear in BENCHMARKS.md. */
export const SECTIONS: readonly BenchSection[] = [readPath, oneId, replicas, bigTenant, eventLoop, sourceSync];

/** Every `--only` key: each section's, and its parts'. */
export const ONLY_KEYS: readonly string[] = SECTIONS.flatMap((s) => [s.key, ...(s.parts ?? [])]);

/** The sections `--only` chose: by their key, or by one of their parts. */
export const chosenSections = (only: readonly string[] | undefined): BenchSection[] =>
  SECTIONS.filter((s) => !only || [s.key, ...(s.parts ?? [])].some((k) => only.includes(k)));
