import type { IdpFailure } from './soak-idp.js';
import type { SoakTarget } from './soak-target.js';

/** What one soak run did, as BENCHMARKS.md reports it. */
export interface SoakFigures {
  upstream: string;
  operations: number;
  injected: Record<'rateLimit' | 'serverError' | 'reset' | 'latencySpike' | 'credentialExpiry', number>;
  upstreamCalls: number;
  bridgeRetries: number;
  idpRetries: number;
  idpFailuresByStatus: Record<string, number>;
  lost: number;
  duplicated: number;
}

export function soakFigures(
  target: SoakTarget,
  run: { operations: number; expiries: number; spikes: number; idpRetries: number; failures: readonly IdpFailure[]; lost: number; duplicated: number },
): SoakFigures {
  const calls = target.sim.calls();
  const count = (kind: string) => calls.filter((c) => c.fault === kind).length;
  const byStatus: Record<string, number> = {};
  for (const f of run.failures) byStatus[f.status] = (byStatus[f.status] ?? 0) + 1;
  return {
    upstream: target.name,
    operations: run.operations,
    injected: {
      rateLimit: count('rateLimit'),
      serverError: count('serverError'),
      reset: count('reset'),
      latencySpike: run.spikes,
      credentialExpiry: run.expiries,
    },
    upstreamCalls: calls.length,
    bridgeRetries: target.upstreamAttempts().filter((a) => a.attempt > 1).length,
    idpRetries: run.idpRetries,
    idpFailuresByStatus: byStatus,
    lost: run.lost,
    duplicated: run.duplicated,
  };
}
