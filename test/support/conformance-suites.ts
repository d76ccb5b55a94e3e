import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import newman, { type NewmanRunSummary } from 'newman';
import { conformanceDir } from './conformance.js';

const run = promisify(execFile);

interface Folder {
  name: string;
  item?: Folder[];
}

/**
 * Microsoft's SCIM reference collection, run with newman against a SCIM endpoint on 127.0.0.1 as its README
 * prescribes (its "Get Token" request removed first), minus the `skipped` steps (`folder / step`).
 */
export function runMicrosoftCollection(port: number, token: string, skipped: Record<string, string> = {}): Promise<NewmanRunSummary> {
  const collection = JSON.parse(readFileSync(resolve(conformanceDir(), 'AzureAD-SCIMReferenceCode.PostmanCollection.json'), 'utf8')) as { item: Folder[] };
  collection.item = collection.item.filter((i) => i.name !== 'Get Token');
  for (const folder of collection.item) folder.item = folder.item?.filter((step) => !(`${folder.name} / ${step.name}` in skipped));
  return new Promise((ok, fail) => {
    newman.run(
      {
        collection: collection as never,
        envVar: [
          { key: 'Protocol', value: 'http' },
          { key: 'Server', value: '127.0.0.1' },
          { key: 'Port', value: `:${port}` },
          { key: 'Api', value: 'scim/v2' },
          { key: 'token', value: token },
        ],
        reporters: [],
      },
      (err, summary) => (err ? fail(err) : ok(summary)),
    );
  });
}

/** The failed assertions of a newman run, as `step: message`. */
/** A newman run's assertion totals. */
export function newmanCounts(summary: NewmanRunSummary): { passed: number; failed: number } {
  const { total = 0, failed = 0 } = summary.run.stats.assertions;
  return { passed: total - failed, failed };
}

export const newmanFailures = (summary: NewmanRunSummary): string[] => summary.run.failures.map((f) => `${f.source?.name ?? '?'}: ${f.error?.message ?? ''}`);

export const OKTA_SPECS = ['okta.Okta-SCIM-20-SPEC-Test.json', 'okta.Okta-SCIM-20-SPEC-Test-old.json'] as const;

/** One of Okta's SPEC tests, run by the suite's own runner against a SCIM base URL. */
export async function runOktaSpec(scimUrl: string, token: string, file: string): Promise<{ passed: number; failed: number; output: string }> {
  const dir = conformanceDir();
  const args = [
    resolve(dir, 'runscope-run.js'),
    resolve(dir, file),
    '--init',
    resolve(dir, 'okta.Initial_Script_Spec.txt'),
    '--var',
    `SCIMBaseURL=${scimUrl}`,
    '--var',
    `auth=Bearer ${token}`,
  ];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
  const totals = /(\d+) passed, (\d+) failed, (\d+) skipped\s*$/.exec(stdout.trim());
  if (!totals) throw new Error(`runner printed no totals:\n${stdout}`);
  return { passed: Number(totals[1]), failed: Number(totals[2]), output: stdout };
}
