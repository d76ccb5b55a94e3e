import { ScimError } from '../scim/errors.js';
import { foldCase } from '../store/fold-case.js';
import { LockTimeoutError } from '../store/lock-timeout.js';
import type { ObjectLocks } from '../store/store.js';

/**
 * In-process mutual exclusion by key. Keys are taken in sorted order, so two callers asking for overlapping sets
 * cannot deadlock. Across processes, {@link tenantLocks} adds the store's locks.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
    const ordered = [...new Set(keys)].sort();
    const releases: (() => void)[] = [];
    try {
      for (const key of ordered) releases.push(await this.acquire(key));
      return await fn();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  private async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    return () => {
      release();
      // Forget the key once nobody queues behind us, so the map does not grow with every id ever locked.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}

export const userKey = (id: string): string => `user:${id}`;
/** A userName as a lock: creates and renames to one name, and the settling of its pending create, take turns. */
export const userNameKey = (userName: string): string => `userName:${foldCase(userName)}`;
/** A group's displayName as a lock, for creates and renames. */
export const groupNameKey = (displayName: string): string => `groupName:${foldCase(displayName)}`;
export const groupKey = (id: string): string => `group:${id}`;

/**
 * A tenant's object locks: this process's writers queue in memory first (so one per key reaches the store), then take
 * the store's lock that every replica honours, around the whole read → upstream → store cycle. A lock another replica
 * holds for too long is a 503 with Retry-After: the IdP retries, nothing was written.
 */
export function tenantLocks(local: KeyedLock, shared: ObjectLocks, tenant: string): ObjectLocks {
  return {
    async run(keys, fn) {
      try {
        return await local.run(keys, () =>
          shared.run(
            keys.map((k) => `${tenant}/${k}`),
            fn,
          ),
        );
      } catch (e) {
        if (e instanceof LockTimeoutError) throw new ScimError(503, `${e.message}`, undefined, { retryAfterSeconds: 1, cause: e });
        throw e;
      }
    },
  };
}
