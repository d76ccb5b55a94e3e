import { createZuoraRestSimulator, type ZuoraRestSimulator, type ZuoraUser } from '@scim-bridge/simulators/zuora-rest';
import { newUpstreamContext, type UpstreamContext } from '../../../../src/upstreams/call-record.js';
import type { UpstreamAdapter, UpstreamUser } from '../../../../src/upstreams/upstream.js';
import { createZuoraRestAdapter } from '../../../../src/upstreams/zuora-rest/zuora-rest-adapter.js';
import { zuoraRestConfigSchema } from '../../../../src/upstreams/zuora-rest/zuora-rest-config.js';
import { PROFILES } from '../../../support/zuora-rest-harness.js';

/** A write the simulator received on `/v1/users`: method, path and the JSON body as sent. */
export interface SeenWrite {
  method: string;
  url: string;
  body: unknown;
}

export interface ZuoraRestAdapterHarness {
  sim: ZuoraRestSimulator;
  adapter: UpstreamAdapter;
  /** POST, PUT and DELETE requests to `/v1/users…` since the last `resetWrites`, in order. */
  writes(): SeenWrite[];
  resetWrites(): void;
  /** An admin's change in Zuora itself (a "console edit"): a PUT straight to the simulator, not recorded as a write. */
  consoleEdit(id: string, fields: Record<string, unknown>): Promise<void>;
  /** The user as the adapter lists it (what the reconciler would adopt). */
  adopted(id: string): Promise<UpstreamUser>;
  close(): Promise<void>;
}

/** A Zuora REST simulator on a real port, the adapter configured for it with the e2e harness's mapping. */
export async function zuoraRestAdapterHarness(): Promise<ZuoraRestAdapterHarness> {
  const sim = createZuoraRestSimulator();
  let log: SeenWrite[] = [];
  let editing = false;
  sim.app.addHook('preHandler', async (request) => {
    if (editing || request.method === 'GET' || !request.url.startsWith('/v1/users')) return;
    log.push({ method: request.method, url: request.url, body: request.body });
  });
  const baseUrl = await sim.listen();
  const config = zuoraRestConfigSchema.parse({
    type: 'zuora-rest',
    baseUrlOverride: baseUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    profiles: PROFILES,
    retry: { baseDelayMs: 1 },
  });
  const adapter = createZuoraRestAdapter(config, { sleep: async () => undefined });
  return {
    sim,
    adapter,
    writes: () => [...log],
    resetWrites: () => {
      log = [];
    },
    async consoleEdit(id, fields) {
      editing = true;
      try {
        const res = await fetch(`${baseUrl}/v1/users/${id}`, {
          method: 'PUT',
          headers: { Authorization: `Bearer ${sim.issueToken()}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(fields),
        });
        if (!res.ok) throw new Error(`console edit answered ${res.status}`);
      } finally {
        editing = false;
      }
    },
    async adopted(id) {
      for await (const page of adapter.users.list(ctx())) {
        const found = page.find((u) => u.upstreamId === id);
        if (found) return { ...found, user: adapter.users.merge(undefined, found) };
      }
      throw new Error(`user ${id} not listed`);
    },
    async close() {
      await adapter.close();
      await sim.close();
    },
  };
}

export const ctx = (readOnly = false): UpstreamContext => ({
  ...newUpstreamContext(`test-${Math.random().toString(36).slice(2)}`),
  ...(readOnly ? { readOnly } : {}),
});

/** Seeded users are spread over the profiles in turn: Administrator, Standard User, Read Only, Billing Clerk, … */
export const seeded = (sim: ZuoraRestSimulator, profileId: string): ZuoraUser => {
  const found = sim.users().find((u) => u.profileId === profileId);
  if (!found) throw new Error(`no seeded user with ${profileId}`);
  return found;
};
