/**
 * In-process mutual exclusion by key. Keys are taken in sorted order, so two callers asking for overlapping sets
 * cannot deadlock. Several replicas need a shared lock instead (the store's, in PostgreSQL): see issue 5.
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
export const groupKey = (id: string): string => `group:${id}`;
