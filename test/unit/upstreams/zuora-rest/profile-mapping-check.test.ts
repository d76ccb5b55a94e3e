import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createZuoraRestSimulator, type ZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { newUpstreamContext } from '../../../../src/upstreams/call-record.js';
import { createZuoraRestAdapter } from '../../../../src/upstreams/zuora-rest/zuora-rest-adapter.js';
import { zuoraRestConfigSchema } from '../../../../src/upstreams/zuora-rest/zuora-rest-config.js';

let sim: ZuoraRestSimulator;
let url: string;
beforeAll(async () => {
  sim = createZuoraRestSimulator();
  url = await sim.listen(0);
});
afterAll(() => sim.close());

const adapterFor = (profiles: Record<string, unknown>) =>
  createZuoraRestAdapter(
    zuoraRestConfigSchema.parse({ type: 'zuora-rest', baseUrlOverride: url, clientId: sim.clientId, clientSecret: sim.clientSecret, profiles }),
  );

const EXISTING = ['Administrator', 'Standard User', 'Read Only', 'Billing Clerk'];

describe('Zuora REST mappingProblems', () => {
  it('names every profile the mapping names that the tenant lacks, each with the profiles there are, from one read', async () => {
    const adapter = adapterFor({
      roles: { admin: 'Administrator', auditor: 'Auditor' },
      groups: { 'Billing Team': 'Billing Clerks', Finance: 'p-billing' },
      precedence: ['Administrator', 'Ghost'],
      default: 'Standard Usr',
    });
    sim.resetCalls();
    const problems = await adapter.mappingProblems(newUpstreamContext('test'));
    await adapter.close();

    expect(problems.map((p) => [p.setting, p.name])).toEqual([
      ['profiles.default', 'Standard Usr'],
      ['profiles.roles.auditor', 'Auditor'],
      ['profiles.groups["Billing Team"]', 'Billing Clerks'],
      ['profiles.precedence[1]', 'Ghost'],
    ]);
    for (const p of problems) expect(p).toMatchObject({ kind: 'profile', available: EXISTING });
    expect(problems[0]?.message).toBe(
      'profiles.default: this Zuora tenant has no profile "Standard Usr" (did you mean "Standard User"?); it has "Administrator", "Standard User", "Read Only", "Billing Clerk"',
    );
    // A profile id (`p-billing`) is as good as its name; reading costs one profile list and nothing is written.
    expect(sim.count('GET', '/v1/user-profiles')).toBe(1);
    expect(sim.calls().filter((c) => c.method !== 'GET' && c.route !== '/oauth/token')).toEqual([]);
  });

  it('finds nothing wrong with a mapping whose profiles all exist', async () => {
    const adapter = adapterFor({ roles: { admin: 'administrator' }, precedence: ['Read Only'], default: 'Standard User' });
    expect(await adapter.mappingProblems(newUpstreamContext('test'))).toEqual([]);
    await adapter.close();
  });
});
