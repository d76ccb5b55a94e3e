import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The third-party conformance suites are not part of the repository (they are Microsoft's and Okta's to publish):
 * `npm run test:conformance -- --suites DIR` (test/conformance/run.ts) checks DIR holds these files and hands it to
 * the tests in SCIM_CONFORMANCE_DIR.
 */
export const CONFORMANCE_FILES = [
  'AzureAD-SCIMReferenceCode.PostmanCollection.json',
  'okta.Okta-SCIM-20-SPEC-Test.json',
  'okta.Okta-SCIM-20-SPEC-Test-old.json',
  'okta.Initial_Script_Spec.txt',
  'runscope-run.js',
] as const;

/** The folder holding the suites; only the conformance run sets it. */
export function conformanceDir(): string {
  const dir = process.env.SCIM_CONFORMANCE_DIR;
  if (!dir) throw new Error('SCIM_CONFORMANCE_DIR is not set: run these suites with `npm run test:conformance -- --suites DIR`');
  return resolve(dir);
}

/** One suite's own totals against one target, as the conformance run prints them. */
export interface ConformanceCount {
  suite: string;
  target: string;
  passed: number;
  failed: number;
  /** Failures the test accounts for (the brownfield run's counts that include the adopted tenant). */
  explained?: number;
}

/** Record a suite's totals for the run's summary (test files run in separate processes, hence a file). */
export function reportConformance(count: ConformanceCount): void {
  const file = process.env.SCIM_CONFORMANCE_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify(count)}\n`);
}
