import type { ObjectLocks } from '../store.js';

/**
 * The embedded store serves one process (replicas share PostgreSQL), and the core's in-process lock already orders
 * that process's writers: nothing more to hold here.
 */
export const sqliteLocks: ObjectLocks = { run: (_keys, fn) => fn() };
