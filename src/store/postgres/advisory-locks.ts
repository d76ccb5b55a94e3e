import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, type ClientConfig } from 'pg';
import { LockTimeoutError } from '../lock-timeout.js';
import type { ObjectLocks } from '../store.js';

/** How long a writer waits for another replica's lock before giving up (the IdP then gets a 503 and retries). */
export const LOCK_WAIT_MS = 30_000;
const FIRST_POLL_MS = 2;
const MAX_POLL_MS = 50;

/** The 64-bit advisory lock id of a key, namespaced by the store's schema so two deployments on one database never meet. */
export const lockId = (namespace: string, key: string): string =>
  createHash('sha256').update(`scim-bridge/${namespace}/${key}`).digest().readBigInt64BE(0).toString();

export interface AdvisoryLockOptions {
  /** How to open the lock connection: the store's own connection settings. */
  connection: ClientConfig;
  /** The schema (or `public`): part of every lock id. */
  namespace: string;
  waitMs?: number;
  /** Told when the lock connection fails; it is reopened on next use. */
  onConnectionError?: (err: Error) => void;
}

/**
 * Object locks on PostgreSQL session advisory locks, through one dedicated connection per process: a lock outlives
 * no process (the server drops a dead session's locks), and waiting never ties up a pooled connection. Waiting is a
 * poll of `pg_try_advisory_lock` with a growing pause, not a blocking `pg_advisory_lock`, because one connection
 * serves all of the process's writers: a blocked call would stall them all. Advisory locks are re-entrant per session,
 * so two writers of one process must not both get here for one key: callers hold their in-process lock first.
 */
export function createAdvisoryLocks(options: AdvisoryLockOptions): ObjectLocks & { close(): Promise<void> } {
  const waitMs = options.waitMs ?? LOCK_WAIT_MS;
  let client: Promise<Client> | undefined;
  let closed = false;

  const connection = (): Promise<Client> => {
    if (closed) return Promise.reject(new Error('the store is closed'));
    client ??= (async () => {
      const c = new Client(options.connection);
      c.on('error', (err) => {
        client = undefined;
        options.onConnectionError?.(err);
      });
      await c.connect();
      return c;
    })().catch((err: unknown) => {
      client = undefined;
      throw err;
    });
    return client;
  };

  /**
   * One statement at a time on the lock connection: the process's writers share it, and pg deprecates handing a
   * client a query while it runs another (it queued them; pg 9 will refuse).
   */
  let tail: Promise<unknown> = Promise.resolve();
  const query = <R extends object>(text: string, values: unknown[], c: Client) => {
    const run = tail.then(() => c.query<R>(text, values));
    tail = run.catch(() => undefined);
    return run;
  };

  async function acquire(key: string): Promise<string> {
    const id = lockId(options.namespace, key);
    const deadline = Date.now() + waitMs;
    for (let pause = FIRST_POLL_MS; ; pause = Math.min(pause * 2, MAX_POLL_MS)) {
      const c = await connection();
      const { rows } = await query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [id], c);
      if (rows[0]?.locked) return id;
      if (Date.now() + pause > deadline) throw new LockTimeoutError(key);
      await sleep(pause);
    }
  }

  async function release(id: string): Promise<void> {
    const c = await client?.catch(() => undefined);
    // A lost connection released its locks already.
    if (c) await query('SELECT pg_advisory_unlock($1::bigint)', [id], c).catch(() => undefined);
  }

  return {
    async run(keys, fn) {
      const held: string[] = [];
      try {
        for (const key of [...new Set(keys)].sort()) held.push(await acquire(key));
        return await fn();
      } finally {
        for (const id of held.reverse()) await release(id);
      }
    },
    async close() {
      closed = true;
      const c = await client?.catch(() => undefined);
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
