import { createMemoryWorkQueue } from '../store/memory-work-queue.js';
import type { WorkClaim, WorkItem, WorkQueueStore, WorkQueueSummary } from '../store/store.js';

/**
 * A small durable key/value space an adapter may keep state in (the tenant's slice of the store). An empty string
 * means "unset". Fit for a value one replica owns; work several replicas may owe goes in a {@link DurableWorkQueue}.
 */
export interface DurableState {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

/** For tests and tools that run an adapter without a store. */
export function memoryDurableState(): DurableState {
  const values = new Map<string, string>();
  return {
    get: async (key) => values.get(key),
    set: async (key, value) => {
      values.set(key, value);
    },
  };
}

/**
 * The tenant's durable work queues (see `WorkQueueStore` in src/store/store.ts), shared by every replica: work an
 * adapter owes the upstream (ZIA's queued deletions and owed activation), one row per item, claimed by one replica
 * at a time under a lease, so none is lost when a replica dies or overwritten by another.
 */
export interface DurableWorkQueue {
  enqueue(queue: string, key: string, payload: string, now: string): Promise<boolean>;
  claim(queue: string, claim: WorkClaim): Promise<WorkItem[]>;
  renew(queue: string, owner: string, keys: readonly string[], leaseUntil: string): Promise<string[]>;
  complete(queue: string, items: readonly Pick<WorkItem, 'key' | 'revision'>[]): Promise<void>;
  release(queue: string, owner: string, keys: readonly string[], retry: { notBefore: string; error?: string }): Promise<void>;
  find(queue: string, keys: readonly string[]): Promise<string[]>;
  summary(queue: string, now: string): Promise<WorkQueueSummary>;
}

/** A tenant's queues in the store. */
export function tenantWorkQueue(store: WorkQueueStore, tenant: string): DurableWorkQueue {
  return {
    enqueue: (queue, key, payload, now) => store.enqueue(tenant, queue, key, payload, now),
    claim: (queue, claim) => store.claim(tenant, queue, claim),
    renew: (queue, owner, keys, leaseUntil) => store.renew(tenant, queue, owner, keys, leaseUntil),
    complete: (queue, items) => store.complete(tenant, queue, items),
    release: (queue, owner, keys, retry) => store.release(tenant, queue, owner, keys, retry),
    find: (queue, keys) => store.find(tenant, queue, keys),
    summary: (queue, now) => store.summary(tenant, queue, now),
  };
}

/** For tests and tools that run an adapter without a store; adapters given the same one act as replicas. */
export const memoryWorkQueue = (): DurableWorkQueue => tenantWorkQueue(createMemoryWorkQueue(), 'memory');
