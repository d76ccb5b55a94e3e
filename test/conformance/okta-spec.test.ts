import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox.js';
import { SANDBOX_UPSTREAMS, type SandboxUpstream } from '../../src/sandbox-upstreams.js';
import { CONFORMANCE_DIR } from '../support/conformance.js';

const run = promisify(execFile);

/**
 * Okta's SCIM 2.0 SPEC test, current and previous version, run by ../shared/conformance/runscope-run.js against a
 * sandbox holding one seeded user (its first step lists users and needs one with a name and an email).
 */
let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function runSpec(upstream: SandboxUpstream, file: string): Promise<{ passed: number; failed: number; output: string }> {
  sandbox = await startSandbox({ upstream, host: '127.0.0.1', port: 0, token: 'okta-spec-token', seedUsers: 1, logger: false });
  const args = [
    resolve(CONFORMANCE_DIR, 'runscope-run.js'),
    resolve(CONFORMANCE_DIR, file),
    '--init', resolve(CONFORMANCE_DIR, 'okta.Initial_Script_Spec.txt'),
    '--var', `SCIMBaseURL=${sandbox.scimUrl}`,
    '--var', 'auth=Bearer okta-spec-token',
  ];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
  const totals = /(\d+) passed, (\d+) failed, (\d+) skipped\s*$/.exec(stdout.trim());
  if (!totals) throw new Error(`runner printed no totals:\n${stdout}`);
  return { passed: Number(totals[1]), failed: Number(totals[2]), output: stdout };
}

const SPECS = ['okta.Okta-SCIM-20-SPEC-Test.json', 'okta.Okta-SCIM-20-SPEC-Test-old.json'];

describe("Okta's SCIM 2.0 SPEC test against each sandbox", () => {
  it.each(SANDBOX_UPSTREAMS.flatMap((u) => SPECS.map((f) => [u, f] as const)))('%s: %s reports 0 failed', async (upstream, file) => {
    const result = await runSpec(upstream, file);
    const failing = result.output.split('\n').filter((l) => l.includes('FAIL'));
    expect(failing).toEqual([]);
    expect(result.failed).toBe(0);
    expect(result.passed).toBeGreaterThan(40);
  }, 120_000);
});
