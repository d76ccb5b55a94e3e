import type { Database } from 'better-sqlite3';

/**
 * Keeps answers to the hot reads (the IdP's `filter=userName eq` before every create, `GET /Users/{id}`) while
 * nothing they depend on can have changed, so they skip the statement, the row decoding and, on a file database,
 * the WAL read lock. Never stale:
 * - another connection's commit (another process on the same file) changes `PRAGMA data_version`
 *   (https://sqlite.org/pragma.html#pragma_data_version), which every cached read checks first, dropping all caches;
 * - this connection's own writes call `invalidate()` on the caches of the tables they touch;
 * - reads inside a transaction neither use nor fill a cache: they may see rows that a rollback undoes.
 */
export class DataVersionWatch {
  private readonly version;
  private seen: number | undefined;
  private readonly caches: ReadCache<unknown>[] = [];

  constructor(private readonly db: Database) {
    this.version = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  /** A new cache of at most `maxEntries` answers, dropped whenever another connection commits. */
  cache<V>(maxEntries: number): ReadCache<V> {
    const cache = new ReadCache<V>(this, maxEntries);
    this.caches.push(cache as ReadCache<unknown>);
    return cache;
  }

  /** Whether cached answers may be used now; drops every cache when another connection has committed. */
  usable(): boolean {
    if (this.db.inTransaction) return false;
    const now = this.version.get();
    if (now !== this.seen) {
      for (const c of this.caches) c.invalidate();
      this.seen = now;
    }
    return true;
  }
}

export class ReadCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(
    private readonly watch: DataVersionWatch,
    private readonly maxEntries: number,
  ) {}

  /** The cached answer for `key`, or `load()`'s, remembered when it may be. Answers must not be changed by callers. */
  read(key: string, load: () => V): V {
    if (!this.watch.usable()) return load();
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const value = load();
    // Insertion order: the oldest answer goes first.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
    return value;
  }

  invalidate(): void {
    this.entries.clear();
  }
}

/**
 * `write`, followed by dropping `caches` however it ends (a rollback included): the one way a store's writes on this
 * connection keep the caches of the tables they touch honest.
 */
export function invalidatingAfter<A extends unknown[], R>(caches: readonly { invalidate(): void }[], write: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    try {
      return write(...args);
    } finally {
      for (const c of caches) c.invalidate();
    }
  };
}
