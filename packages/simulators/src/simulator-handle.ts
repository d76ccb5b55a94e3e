import type { FastifyInstance } from 'fastify';
import type { RecordedCall, WriteCall } from './call-log.js';
import type { FaultController } from './faults.js';
import type { SimulatorInstruments } from './simulator-instruments.js';

/**
 * What every upstream simulator hands tests, benchmarks and the sandbox, whatever the upstream: the Fastify app (ready
 * to `inject` or `listen`), its faults and its call log. Each simulator's own handle extends this one with its
 * credentials and records.
 */
export interface SimulatorHandle {
  app: FastifyInstance;
  /** Injected failures (429, 5xx, latency, resets, `failNext`) and `expireAllTokens()`; see `faults.ts`. */
  faults: FaultController;
  /** Every request received except the control surface's, in arrival order. */
  calls(): RecordedCall[];
  /** Every non-GET/HEAD request with the ids of the objects it targets (see `CallLog.writes`); also `GET /__sim/writes`. */
  writes(): WriteCall[];
  /** The simulator's records as `GET /__sim/state` answers them (never a secret). */
  state(): Record<string, unknown>;
  /** Requests for a method and route template, e.g. `count('PUT', '/v1/users/:id')`. */
  count(method: string, route: string): number;
  resetCalls(): void;
  /** Start listening; resolves to the base URL, e.g. `http://127.0.0.1:40123`. Port 0 (the default) picks a free one. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** The {@link SimulatorHandle} over a built app, its instruments and the `/__sim/state` view of its records. */
export function simulatorHandle(app: FastifyInstance, { calls, faults }: SimulatorInstruments, state: () => Record<string, unknown>): SimulatorHandle {
  return {
    app,
    faults,
    calls: () => calls.calls(),
    writes: () => calls.writes(),
    state,
    count: (method, route) => calls.count(method, route),
    resetCalls: () => calls.reset(),
    listen: (port = 0, host = '127.0.0.1') => app.listen({ port, host }),
    close: () => app.close(),
  };
}
