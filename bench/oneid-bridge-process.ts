import { benchStorePaths, startBenchBridge, type BenchBridge, type SampledUsers } from './bench-bridge.js';
import { serveChild } from './child-process.js';
import type { OneIdSimulatorReady } from './oneid-simulator-process.js';

/**
 * The bridge under measurement for the OneID comparison, in its own process: one `zuora-oneid` tenant pointed at the
 * simulator, default `userReads: 'upstream'` (each GET /Users/{id} is one upstream GET), its index built by the reconciler.
 */
export interface OneIdBridgeStart {
  upstream: OneIdSimulatorReady;
  token: string;
  store: 'memory' | 'file';
  samples: number;
}

export interface OneIdBridgeReady extends SampledUsers {
  url: string;
}

let bridge: BenchBridge | undefined;
let stores: ReturnType<typeof benchStorePaths> | undefined;

serveChild<OneIdBridgeStart, OneIdBridgeReady>(
  async (start) => {
    stores = benchStorePaths(start.store);
    const { url, clientId, clientSecret, organizationId } = start.upstream;
    bridge = await startBenchBridge({
      upstream: { type: 'zuora-oneid', baseUrl: url, clientId, clientSecret, organizationId },
      token: start.token,
      userReads: 'upstream',
      store: { type: 'sqlite', path: stores.next() },
    });
    return { url: bridge.url, ...(await bridge.sample(start.samples)) };
  },
  async () => {
    await bridge?.bridge.close();
    stores?.remove();
  },
);
