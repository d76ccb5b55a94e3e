import { applyPutChanges, type ScriptStep } from '../support/provisioning-script.js';
import type { SoakIdp } from './soak-idp.js';
import type { SoakTarget } from './soak-target.js';

const EXPECTED_STATUS: Record<ScriptStep['kind'], number> = { create: 201, patch: 204, put: 200, delete: 204 };

/** How often credentials expire and how often one upstream request stalls, in operations. */
export interface SoakCadence {
  expireEvery: number;
  spikeEvery: number;
  spikeMs: number;
}

export const DEFAULT_CADENCE: SoakCadence = { expireEvery: 100, spikeEvery: 50, spikeMs: 250 };

/** One step as the IdP sends it; `ids` maps userName → the SCIM id the IdP holds. */
async function runStep(idp: SoakIdp, step: ScriptStep, ids: Map<string, string>) {
  const id = ids.get(step.userName);
  switch (step.kind) {
    case 'create': {
      const res = await idp.send('post', '/Users', step.body);
      if (res.status === 201) ids.set(step.userName, res.body.id);
      return res;
    }
    case 'patch':
      return idp.send('patch', `/Users/${id}`, step.body);
    case 'put': {
      // Read, then replace what was read with the changes (what a PUT-based IdP does).
      const read = await idp.send('get', `/Users/${id}`);
      if (read.status !== 200) return read;
      return idp.send('put', `/Users/${id}`, applyPutChanges(read.body, step.changes));
    }
    case 'delete':
      return idp.send('delete', `/Users/${id}`);
  }
}

/**
 * Drive `steps` through the bridge, one after another as an IdP does, expiring the upstream credentials and stalling
 * one upstream request on the way. Returns the steps that did not end with their success status.
 */
export async function runSoak(target: SoakTarget, idp: SoakIdp, steps: readonly ScriptStep[], cadence = DEFAULT_CADENCE) {
  const unexpected: string[] = [];
  let expiries = 0;
  let spikes = 0;
  const ids = new Map<string, string>();
  for (const [i, step] of steps.entries()) {
    if (i > 0 && i % cadence.expireEvery === 0) {
      target.expireCredentials();
      expiries++;
    }
    if (i > 0 && i % cadence.spikeEvery === 0) {
      target.sim.faults.failNext(1, { kind: 'latency', ms: cadence.spikeMs });
      spikes++;
    }
    const res = await runStep(idp, step, ids);
    if (res.status !== EXPECTED_STATUS[step.kind])
      unexpected.push(`step ${i} (${step.kind} ${step.userName}) ended ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return { unexpected, expiries, spikes };
}
