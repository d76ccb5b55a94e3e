import { startBareApp } from './bare-app.js';
import { benchStorePaths, startBenchBridge, zuoraRestUpstream, type BenchBridge } from './bench-bridge.js';
import { serveChild } from './child-process.js';
import type { SimulatorReady } from './simulator-process.js';

/**
 * The servers under measurement, together in one process so they run under identical conditions (and one
 * `--cpu-prof` covers them): the bare Fastify route and two bridges that differ only in `userReads`.
 */
export interface TargetsStart {
  upstream: SimulatorReady;
  token: string;
  store: 'memory' | 'file';
  samples: number;
}

export interface BridgeTarget {
  url: string;
  ids: string[];
}

export interface TargetsReady {
  bareUrl: string;
  /** userNames are the upstream's, the same in both bridges; SCIM ids are each bridge's own. */
  userNames: string[];
  upstreamReads: BridgeTarget;
  indexReads: BridgeTarget;
}

const closers: (() => Promise<void> | void)[] = [];

serveChild<TargetsStart, TargetsReady>(
  async (start) => {
    const bare = await startBareApp();
    closers.push(() => bare.app.close());
    const stores = benchStorePaths(start.store);
    closers.push(() => stores.remove());
    const open = async (userReads: 'upstream' | 'index'): Promise<BenchBridge> => {
      const b = await startBenchBridge({ upstream: zuoraRestUpstream(start.upstream), token: start.token, userReads, store: { type: 'sqlite', path: stores.next() } });
      closers.push(() => b.bridge.close());
      return b;
    };
    const upstreamReads = await open('upstream');
    const indexReads = await open('index');
    const a = await upstreamReads.sample(start.samples);
    const b = await indexReads.sample(start.samples);
    return {
      bareUrl: bare.url,
      userNames: a.userNames,
      upstreamReads: { url: upstreamReads.url, ids: a.ids },
      indexReads: { url: indexReads.url, ids: b.ids },
    };
  },
  async () => {
    // Bridges before the temporary store folder they write into: reverse order of opening.
    for (const close of closers.reverse()) await close();
  },
);
