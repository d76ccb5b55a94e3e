import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { storeMigrations } from '../migrations/index.js';
import type { Store } from '../store.js';
import { createSqliteAuditStore } from './audit.js';
import { createSqliteGroupStore } from './groups.js';
import { createSqliteIdempotencyStore } from './idempotency.js';
import { applySqliteMigrations } from './migrate.js';
import { sqliteLocks } from './locks.js';
import { createSqliteStateStore } from './state.js';
import { createSqliteUserIndex } from './user-index.js';
import { createSqliteWorkQueue } from './work-queue.js';
import { DataVersionWatch } from './read-cache.js';

export interface SqliteStoreOptions {
  /** A file path (its parent directory is created) or `':memory:'`. */
  path: string;
}

/** How long a connection waits for another one's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens a SQLite database configured for the store: WAL journal (readers never block the writer), `synchronous =
 * NORMAL` (durable at each WAL checkpoint, safe against corruption; https://sqlite.org/pragma.html#pragma_synchronous),
 * a busy timeout and foreign keys on. An in-memory database keeps its `memory` journal.
 */
export function openSqliteDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/**
 * The embedded store: one SQLite file per bridge, migrated at open. Every statement is prepared once here and
 * reused. The methods are async to honour the {@link Store} interface; SQLite answers synchronously underneath.
 */
export function createSqliteStore({ path }: SqliteStoreOptions): Store {
  const db = openSqliteDatabase(path);
  try {
    applySqliteMigrations(db, storeMigrations);
    const watch = new DataVersionWatch(db);
    return {
      users: createSqliteUserIndex(db, watch),
      groups: createSqliteGroupStore(db, watch),
      idempotency: createSqliteIdempotencyStore(db),
      audit: createSqliteAuditStore(db),
      state: createSqliteStateStore(db),
      workQueue: createSqliteWorkQueue(db),
      locks: sqliteLocks,
      async close() {
        if (db.open) db.close();
      },
    };
  } catch (err) {
    db.close();
    throw err;
  }
}
