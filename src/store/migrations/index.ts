import type { Migration } from './migration.js';
import { initialSchema } from './001-initial.js';
import { ownershipAndAuditDetail } from './002-ownership-and-audit-detail.js';
import { nfcCaseFold } from './003-nfc-case-fold.js';
import { workQueue } from './004-work-queue.js';
import { liveOrderIndexes } from './005-live-order-indexes.js';

export type { ColumnRecompute, Migration, SqlDialect } from './migration.js';
export { SCHEMA_MIGRATIONS_DDL, derivedValueToWrite, pendingMigrations, recomputeStatements } from './migration.js';

/** Every migration of the store schema, oldest first. Append only. */
export const storeMigrations: readonly Migration[] = [initialSchema, ownershipAndAuditDetail, nfcCaseFold, workQueue, liveOrderIndexes];
