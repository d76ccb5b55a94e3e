import type { Dispatcher } from 'undici';
import type { UpstreamConfig } from '../config/config-schema.js';
import type { UpstreamCallRecord } from './call-record.js';
import type { DurableState, DurableWorkQueue } from './durable-state.js';
import type { BudgetLedger } from './http/request-budget.js';
import type { BackgroundWrite, UpstreamAdapter } from './upstream.js';
import { createZscalerZiaAdapter } from './zscaler-zia/index.js';
import { createZuoraOneIdAdapter } from './zuora-oneid/index.js';
import { createZuoraRestAdapter } from './zuora-rest/zuora-rest-adapter.js';

export interface UpstreamDeps {
  dispatcher?: Dispatcher;
  onCall?: (record: UpstreamCallRecord) => void;
  /** The tenant's durable key/value space. */
  state?: DurableState;
  /** The tenant's durable work queues, shared by replicas (ZIA's queued deletions and owed activation). */
  workQueue?: DurableWorkQueue;
  /** Shared budget counts (Redis) for upstreams with documented budgets, so replicas spend one budget together. */
  budgetLedger?: BudgetLedger;
  /** The tenant's audit log, for upstream writes an adapter makes on its own schedule (ZIA activation, deletions). */
  recordWrite?: (write: BackgroundWrite) => Promise<void>;
}

/** The adapter for a tenant's upstream configuration. */
export function createUpstream(config: UpstreamConfig, deps: UpstreamDeps = {}): UpstreamAdapter {
  switch (config.type) {
    case 'zuora-rest':
      return createZuoraRestAdapter(config, deps);
    case 'zuora-oneid':
      return createZuoraOneIdAdapter(config, deps);
    case 'zscaler-zia':
      return createZscalerZiaAdapter(config, deps);
  }
}
