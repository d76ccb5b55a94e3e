import { Pool, type PoolConfig } from 'pg';
import { storeMigrations } from '../migrations/index.js';
import type { Store } from '../store.js';
import { createAdvisoryLocks } from './advisory-locks.js';
import { createPostgresAuditStore } from './audit.js';
import { createPostgresGroupStore } from './groups.js';
import { createPostgresIdempotencyStore } from './idempotency.js';
import { applyPostgresMigrations } from './migrate.js';
import { createPostgresStateStore } from './state.js';
import { statementMaker } from './statements.js';
import { createPostgresUserIndex } from './user-index.js';
import { createPostgresWorkQueue } from './work-queue.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/database`; or give `pool` options instead (or as well). */
  connectionString?: string;
  /** node-postgres pool options (host, port, user, ssl, timeouts…); the other options here take precedence. */
  pool?: PoolConfig;
  /**
   * Most connections the pool opens at once (default: `pool.max`, else 10). Mind the server's `max_connections`
   * across all replicas.
   */
  maxConnections?: number;
  /**
   * The schema that holds the store's tables, created if missing: lowercase letters, digits and `_`. Default: the
   * connection's own `search_path` (usually `public`).
   */
  schema?: string;
  /**
   * Name the store's statements, so that PostgreSQL parses and plans each once per connection (default true). Turn
   * off behind a transaction-mode pooler that cannot keep prepared statements (PgBouncer before 1.21, or without
   * `max_prepared_statements`). See statements.ts.
   */
  preparedStatements?: boolean;
  /** Told when an idle pooled connection fails (e.g. the server restarted); the pool drops it and reconnects later. */
  onIdleConnectionError?: (err: Error) => void;
}

const DEFAULT_MAX_CONNECTIONS = 10;
/** How long a query waits for a free connection (or for a new one to open) before failing. */
const DEFAULT_CONNECTION_TIMEOUT_MS = 10_000;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function poolConfig(options: PostgresStoreOptions): PoolConfig {
  const { connectionString, pool = {}, schema } = options;
  const maxConnections = options.maxConnections ?? pool.max ?? DEFAULT_MAX_CONNECTIONS;
  if (!Number.isInteger(maxConnections) || maxConnections < 1) {
    throw new RangeError(`maxConnections must be a positive integer, got ${maxConnections}`);
  }
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new RangeError(`schema must be lowercase letters, digits and _ (at most 63), got ${JSON.stringify(schema)}`);
  }
  // The schema is set at connection start-up, so every statement on every pooled connection runs in it.
  const startupOptions = [pool.options, schema && `-c search_path=${schema}`].filter(Boolean).join(' ');
  return {
    connectionTimeoutMillis: DEFAULT_CONNECTION_TIMEOUT_MS,
    ...pool,
    ...(connectionString !== undefined && { connectionString }),
    max: maxConnections,
    ...(startupOptions !== '' && { options: startupOptions }),
  };
}

/**
 * The store for several replicas: PostgreSQL through a node-postgres pool, its schema migrated before this resolves
 * (replicas starting together take turns; see {@link applyPostgresMigrations}). `close()` ends the pool.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const pool = new Pool(poolConfig(options));
  // Without a listener, an idle connection's error (server restart, network) would crash the process.
  pool.on('error', (err) => options.onIdleConnectionError?.(err));
  try {
    await applyPostgresMigrations(pool, storeMigrations, options.schema);
  } catch (err) {
    await pool.end();
    throw err;
  }
  const statement = statementMaker(options.preparedStatements ?? true);
  const { max: _max, ...connection } = poolConfig(options);
  const locks = createAdvisoryLocks({
    connection,
    namespace: options.schema ?? 'public',
    ...(options.onIdleConnectionError ? { onConnectionError: options.onIdleConnectionError } : {}),
  });
  let closed: Promise<void> | undefined;
  return {
    users: createPostgresUserIndex(pool, statement),
    groups: createPostgresGroupStore(pool, statement),
    idempotency: createPostgresIdempotencyStore(pool, statement),
    audit: createPostgresAuditStore(pool, statement),
    state: createPostgresStateStore(pool, statement),
    workQueue: createPostgresWorkQueue(pool, statement),
    locks,
    close: () => (closed ??= locks.close().then(() => pool.end())),
  };
}
