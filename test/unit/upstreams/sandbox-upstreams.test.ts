import { afterEach, describe, expect, it } from 'vitest';
import { ZIA_LIVE_USERS } from '@scim-bridge/simulators/zscaler-zia';
import { ONEID_LIVE_USERS } from '@scim-bridge/simulators/zuora-oneid';
import { ZUORA_REST_LIVE_USERS } from '@scim-bridge/simulators/zuora-rest';
import { upstreamConfigSchema } from '../../../src/config/config-schema.js';
import { SANDBOX_UPSTREAMS, startSandboxUpstream, type SandboxUpstreamInstance } from '../../../src/sandbox-upstreams.js';

/*
 * The bridge's side of the sandbox: each upstream's simulator, started through its descriptor (a lazy import of the
 * simulators package), hands back a tenant block the bridge's configuration schema accepts, for either seed profile.
 * The seeds themselves are the simulators package's tests (packages/simulators/test/live-seeds.test.ts).
 */

describe('startSandboxUpstream: the tenant block for each upstream and seed profile', () => {
  let running: SandboxUpstreamInstance | undefined;
  afterEach(async () => {
    await running?.simulator.close();
    running = undefined;
  });

  it.each(SANDBOX_UPSTREAMS.flatMap((u) => (['plain', 'live'] as const).map((p) => [u, p] as const)))(
    '%s (%s): a valid upstream block, the simulator URL and its control surface',
    async (upstream, seedProfile) => {
      running = await startSandboxUpstream(upstream, { seedUsers: 1, seedProfile });
      expect(upstreamConfigSchema.safeParse(running.upstreamConfig).success).toBe(true);
      expect(running.controlUrl).toBe(`${running.baseUrl}/__sim`);
      const state = (await (await fetch(`${running.controlUrl}/state`)).json()) as { users: unknown[] };
      const live = { 'zuora-rest': ZUORA_REST_LIVE_USERS, 'zuora-oneid': ONEID_LIVE_USERS, 'zscaler-zia': ZIA_LIVE_USERS }[upstream];
      expect(state.users.length).toBe(seedProfile === 'live' ? live.length + 1 : 1);
      if (upstream === 'zscaler-zia') expect(running.upstreamConfig.deactivation).toEqual({ mode: 'group', disabledGroup: 'Disabled Users' });
    },
  );
});
