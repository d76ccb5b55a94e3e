import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { newUpstreamContext } from '../call-record.js';
import { systemClock } from '../clock.js';
import { memoryWorkQueue, type DurableState, type DurableWorkQueue } from '../durable-state.js';
import type { BackgroundWrite, UpstreamAdapter } from '../upstream.js';
import { createActivationScheduler } from './activation-scheduler.js';
import { ziaAttributeOverrides } from './attribute-overrides.js';
import { createDeletionQueue } from './deletion-queue.js';
import { ziaDirectoryCache } from './directory.js';
import { directoryMappingProblems } from './directory-mapping-check.js';
import { createZscalerZiaClient, ZIA_UPSTREAM, type ZiaClientDeps } from './zscaler-zia-client.js';
import type { ZscalerZiaConfig } from './zscaler-zia-config.js';
import { ziaUsers } from './zia-users.js';

export interface ZscalerZiaAdapterDeps extends ZiaClientDeps {
  /**
   * The tenant's durable work queues, shared by every replica: queued deletions and the owed activation survive a
   * restart and the death of the replica that owed them. Default: in this process's memory only.
   */
  workQueue?: DurableWorkQueue;
  /** The tenant's durable key/value space, where earlier versions kept queued deletions and the owed activation. */
  state?: DurableState;
  /** How often the work queues are looked at for work another replica left (default 5 s). */
  workQueuePollMs?: number;
  /** The tenant's audit log, for the writes made on the adapter's own schedule: activations and queued deletions. */
  recordWrite?: (write: BackgroundWrite) => Promise<void>;
}

const DEFAULT_POLL_MS = 5_000;

/** Names this process as a worker of the queues: a restarted process is a new worker. */
const workerName = () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * How long a claim on queued deletions or on the owed activation keeps other replicas off it: twice the longest one
 * request can take (a client-side budget wait of up to 5 s, the retry budget, and a request's header and body
 * timeouts), so a live replica keeps its claim and a dead one's is sent by another within about two minutes.
 */
const leaseMsOf = (c: ZscalerZiaConfig) => 2 * (5_000 + c.retry.budgetMs + 2 * c.timeouts.requestMs);

/**
 * Zscaler Internet Access as an upstream (docs/upstreams/zscaler-zia.md): SCIM users become ZIA users through the legacy admin API
 * (obfuscated-key session) or OneAPI. The traps stay inside: every write is staged until one activation per batch,
 * PUT is a full replacement (read, merge, write), ZIA has no inactive state (deactivation deletes and parks the user,
 * or moves it to a disabled group), deletions are batched through bulkDelete, and the documented per-endpoint budgets
 * are kept client-side. Groups live in the bridge's store; users carry the ZIA groups of the same (or linked) names.
 * The bridge changes only what an IdP asked for (`asked-changes.ts`); the login is made from the userName by a
 * configured rule (`login-rule.ts`); names are filled (with the userName) at creation only. Activations and queued
 * deletions, sent on the adapter's own schedule, go to the audit log through `recordWrite`.
 */
export function createZscalerZiaAdapter(config: ZscalerZiaConfig, deps: ZscalerZiaAdapterDeps = {}): UpstreamAdapter {
  const clock = deps.clock ?? systemClock;
  const now = () => clock.now();
  const queues = {
    queue: deps.workQueue ?? memoryWorkQueue(),
    owner: workerName(),
    leaseMs: leaseMsOf(config),
    pollMs: deps.workQueuePollMs ?? DEFAULT_POLL_MS,
    ...(deps.state ? { legacyState: deps.state } : {}),
    clock,
  };
  const client = createZscalerZiaClient(config, deps);
  const directory = ziaDirectoryCache(client, now);
  const activation = createActivationScheduler({
    activate: (ctx) => client.activate(ctx),
    ...queues,
    ...(deps.recordWrite ? { recordWrite: deps.recordWrite } : {}),
    debounceMs: config.activation.debounceMs,
    maxDelayMs: config.activation.maxDelayMs,
  });
  const deletions = createDeletionQueue({
    ...queues,
    windowMs: config.bulkDeleteWindowMs,
    deleteOne: (id, ctx) => client.deleteUser(id, ctx),
    deleteMany: (ids, ctx) => client.bulkDelete(ids, ctx),
    onDeleted: () => activation.noteWrite(),
    ...(deps.recordWrite ? { recordWrite: deps.recordWrite } : {}),
  });

  return {
    name: ZIA_UPSTREAM,
    capabilities: { nativeGroups: false, deleteMode: 'delete' },
    attributeOverrides: { user: ziaAttributeOverrides(config) },
    users: ziaUsers({ client, directory, deletions, noteWrite: () => activation.noteWrite(), config }),
    async check(ctx) {
      await client.status(ctx);
    },
    mappingProblems: (ctx) => directoryMappingProblems(directory, config, ctx),
    async start() {
      await deletions.resume();
      await activation.resume();
    },
    budgetsLeft: () => client.budgetsLeft(),
    status: () => ({
      activation: activation.status(),
      pendingDeletions: deletions.size(),
      ...(deletions.lastError() ? { deletionError: deletions.lastError() } : {}),
    }),
    async close() {
      await deletions.close();
      await activation.flush();
      await client.logout(newUpstreamContext('zia-logout'));
      await client.close();
    },
  };
}
