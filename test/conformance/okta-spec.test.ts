import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox.js';
import { SANDBOX_UPSTREAMS, type SandboxUpstream } from '../../src/sandbox-upstreams.js';
import { reportConformance } from '../support/conformance.js';
import { OKTA_SPECS, runOktaSpec } from '../support/conformance-suites.js';

/**
 * Okta's SCIM 2.0 SPEC test, current and previous version, run by the suite's own Runscope runner against a
 * sandbox holding one seeded user (its first step lists users and needs one with a name and an email).
 */
let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function runSpec(upstream: SandboxUpstream, file: string): Promise<{ passed: number; failed: number; output: string }> {
  sandbox = await startSandbox({ upstream, host: '127.0.0.1', port: 0, token: 'okta-spec-token', seedUsers: 1, logger: false });
  return runOktaSpec(sandbox.scimUrl, 'okta-spec-token', file);
}

describe("Okta's SCIM 2.0 SPEC test against each sandbox", () => {
  it.each(SANDBOX_UPSTREAMS.flatMap((u) => OKTA_SPECS.map((f) => [u, f] as const)))(
    '%s: %s reports 0 failed',
    async (upstream, file) => {
      const result = await runSpec(upstream, file);
      reportConformance({ suite: `Okta ${file}`, target: `${upstream} sandbox`, passed: result.passed, failed: result.failed });
      const failing = result.output.split('\n').filter((l) => l.includes('FAIL'));
      expect(failing).toEqual([]);
      expect(result.failed).toBe(0);
      expect(result.passed).toBeGreaterThan(40);
    },
    120_000,
  );
});
