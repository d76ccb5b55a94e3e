import type { WorkItem, WorkQueueStore, WorkQueueSummary } from './store.js';
import { oldestFirst } from './work-queue-rows.js';

const isReady = (i: WorkItem, now: string) => i.notBefore <= now && (i.claimedUntil === undefined || i.claimedUntil <= now);

/**
 * The work queue in process memory, with the engines' semantics (the same contract suite runs against it): for
 * unit tests and tools that run an adapter without a store. Several adapters given one instance behave as replicas
 * sharing a store.
 */
export function createMemoryWorkQueue(): WorkQueueStore {
  const queues = new Map<string, Map<string, WorkItem>>();
  const itemsOf = (tenant: string, queue: string): Map<string, WorkItem> => {
    const id = JSON.stringify([tenant, queue]);
    let items = queues.get(id);
    if (!items) queues.set(id, (items = new Map()));
    return items;
  };
  const copy = (i: WorkItem): WorkItem => ({ ...i });

  return {
    async enqueue(tenant, queue, key, payload, now) {
      const items = itemsOf(tenant, queue);
      const existing = items.get(key);
      if (existing) {
        existing.revision++;
        existing.lastEnqueuedAt = now;
        return false;
      }
      items.set(key, {
        key,
        payload,
        enqueuedAt: now,
        lastEnqueuedAt: now,
        revision: 0,
        attempts: 0,
        notBefore: now,
        claimedBy: undefined,
        claimedUntil: undefined,
        lastError: undefined,
      });
      return true;
    },
    async claim(tenant, queue, c) {
      const picked = [...itemsOf(tenant, queue).values()]
        .filter((i) => isReady(i, c.now))
        .sort(oldestFirst)
        .slice(0, c.limit);
      for (const i of picked) {
        i.claimedBy = c.owner;
        i.claimedUntil = c.leaseUntil;
        i.attempts++;
      }
      return picked.map(copy);
    },
    async renew(tenant, queue, owner, keys, leaseUntil) {
      const items = itemsOf(tenant, queue);
      return keys.flatMap((k) => {
        const i = items.get(k);
        if (i?.claimedBy !== owner) return [];
        i.claimedUntil = leaseUntil;
        return [k];
      });
    },
    async complete(tenant, queue, done) {
      const items = itemsOf(tenant, queue);
      for (const { key, revision } of done) {
        const i = items.get(key);
        if (!i) continue;
        if (i.revision === revision) items.delete(key);
        else if (i.revision > revision) Object.assign(i, { claimedBy: undefined, claimedUntil: undefined, enqueuedAt: i.lastEnqueuedAt });
      }
    },
    async release(tenant, queue, owner, keys, retry) {
      const items = itemsOf(tenant, queue);
      for (const k of keys) {
        const i = items.get(k);
        if (i?.claimedBy === owner) Object.assign(i, { claimedBy: undefined, claimedUntil: undefined, notBefore: retry.notBefore, lastError: retry.error });
      }
    },
    async find(tenant, queue, keys) {
      const items = itemsOf(tenant, queue);
      return keys.filter((k) => items.has(k));
    },
    async summary(tenant, queue, now): Promise<WorkQueueSummary> {
      const all = [...itemsOf(tenant, queue).values()];
      const ready = all.filter((i) => isReady(i, now));
      const waiting = all
        .filter((i) => !isReady(i, now))
        .map((i) => (i.claimedUntil !== undefined && i.claimedUntil > i.notBefore ? i.claimedUntil : i.notBefore));
      const min = (xs: string[]) => xs.reduce<string | undefined>((m, x) => (m === undefined || x < m ? x : m), undefined);
      const max = (xs: string[]) => xs.reduce<string | undefined>((m, x) => (m === undefined || x > m ? x : m), undefined);
      return {
        total: all.length,
        ready: ready.length,
        firstEnqueuedAt: min(ready.map((i) => i.enqueuedAt)),
        lastEnqueuedAt: max(ready.map((i) => i.lastEnqueuedAt)),
        nextReadyAt: min(waiting),
      };
    },
  };
}
