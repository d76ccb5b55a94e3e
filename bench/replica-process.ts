import { startBenchBridge, zuoraRestUpstream, type BenchBridge, type SampledUsers } from './bench-bridge.js';
import { serveChild } from './child-process.js';
import type { SimulatorReady } from './simulator-process.js';

/**
 * One bridge replica in a process of its own, as an operator runs them: one `zuora-rest` tenant pointed at the
 * simulator, the PostgreSQL store and the Redis rate-limit counters shared with the other replicas.
 */
export interface ReplicaStart {
  upstream: SimulatorReady;
  token: string;
  tokenLabel: string;
  postgres: { connectionString: string; schema: string };
  redis: { url: string; keyPrefix: string };
  /** Exactly one replica builds the shared index (and samples it); the others only read it. */
  reconcile: boolean;
  samples: number;
}

export interface ReplicaReady {
  url: string;
  /** Users of the shared index, from the replica that built it; the same SCIM ids on every replica. */
  sampled: SampledUsers | undefined;
}

let bridge: BenchBridge | undefined;

serveChild<ReplicaStart, ReplicaReady>(
  async (start) => {
    bridge = await startBenchBridge({
      upstream: zuoraRestUpstream(start.upstream),
      token: start.token,
      tokenLabel: start.tokenLabel,
      // The default: the measured filter is answered from the index either way; GET by id is not measured here.
      userReads: 'upstream',
      store: { type: 'postgres', ...start.postgres },
      redis: start.redis,
      reconcile: start.reconcile,
    });
    return { url: bridge.url, sampled: start.reconcile ? await bridge.sample(start.samples) : undefined };
  },
  async () => {
    await bridge?.bridge.close();
  },
);
