import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_SCHEMA } from '../../src/scim/errors.js';
import { settledAuditCoverage, wireOf } from '../support/audit-coverage.js';
import { provisioningScript } from '../support/provisioning-script.js';
import { soakFigures } from './soak-figures.js';
import { soakIdp } from './soak-idp.js';
import { runSoak } from './soak-run.js';
import { byKey, lossAndDuplication, soakFaults, type SoakTarget } from './soak-target.js';
import { zscalerZiaTarget } from './soak-zscaler-zia.js';
import { zuoraOneIdTarget } from './soak-zuora-oneid.js';
import { zuoraRestTarget } from './soak-zuora-rest.js';

/*
 * Reliability under faults (issue 5). Each upstream's simulator answers 10 % of its API requests with a 429, 5 % with
 * a 503 and resets 2 % of connections before processing, with jitter on every request, one stalled request every 50
 * operations and every credential expired every 100, while a scripted IdP creates, updates (PATCH and PUT),
 * deactivates, reactivates, deletes and re-creates users. The bridge retries with a tiny backoff; whatever reaches
 * the IdP must be a SCIM error the IdP retries; at the end the upstream holds exactly what the IdP intended.
 *
 * The default run is short; the full soak: `SOAK_OPERATIONS=1000 npx vitest run test/soak`.
 * Another seed: `SOAK_SEED=7`.
 */
const OPERATIONS = Number(process.env.SOAK_OPERATIONS ?? 150);
const SEED = Number(process.env.SOAK_SEED ?? 20240611);
const RETRYABLE = [429, 503, 504];

const targets: Array<[string, () => Promise<SoakTarget>]> = [
  ['zuora-rest', zuoraRestTarget],
  ['zuora-oneid', zuoraOneIdTarget],
  ['zscaler-zia', zscalerZiaTarget],
];

let target: SoakTarget | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

describe.each(targets)('soak: %s under 429s, 503s, resets, latency spikes and credential expiry', (_name, start) => {
  it(
    `${OPERATIONS} mixed operations leave the upstream exactly as intended, and the IdP only saw retryable SCIM errors`,
    async () => {
      const script = provisioningScript(SEED, OPERATIONS);
      const t = (target = await start());
      t.sim.faults.configure(soakFaults(SEED));
      t.sim.resetCalls();
      const idp = soakIdp(t.http);

      const run = await runSoak(t, idp, script.steps);
      t.sim.faults.clear();
      await t.settle?.();

      expect(run.unexpected).toEqual([]);
      const held = t.held();
      const intended = t.intended(script.intendedUpstream());
      const { lost, duplicated } = lossAndDuplication(held, intended);
      expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
      expect(byKey(held)).toEqual(byKey(intended));

      // Every upstream write the simulator saw, failed attempts included, is in the audit log with its object.
      const coverage = await settledAuditCoverage(
        () => t.sim.writes(),
        () => t.bridge.store.audit.query({ tenant: 'default', limit: 1_000_000 }),
        wireOf(t.name),
      );
      expect(coverage.unaudited).toEqual([]);
      for (const [route, n] of Object.entries(coverage.counts)) expect(n.audit, route).toBe(n.simulator);

      for (const f of idp.failures()) {
        const what = `${f.request}: ${f.status} ${JSON.stringify(f.body)}`;
        expect(f.contentType, what).toMatch(/application\/scim\+json/);
        expect(f.body, what).toMatchObject({ schemas: [ERROR_SCHEMA], status: String(f.status), detail: expect.any(String) });
        expect(RETRYABLE, what).toContain(f.status);
        if (f.status !== 504) expect(f.retryAfter, what).toMatch(/^[1-9]\d*$/);
      }
      // Every failure was retried, and (no unexpected endings above) the retries succeeded.
      expect(idp.retries()).toBe(idp.failures().length);

      const figures = soakFigures(t, { operations: OPERATIONS, ...run, idpRetries: idp.retries(), failures: idp.failures(), lost, duplicated });
      console.info(`soak figures: ${JSON.stringify(figures)}`);
      // The run proves something only if every kind of fault happened and the bridge had to retry.
      expect(
        Object.values(figures.injected).every((n) => n > 0),
        JSON.stringify(figures.injected),
      ).toBe(true);
      expect(figures.bridgeRetries).toBeGreaterThan(0);
    },
    30_000 + OPERATIONS * 250,
  );
});
