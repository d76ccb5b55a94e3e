import type { Migration } from './migration.js';
import { initialSchema } from './001-initial.js';
import { ownershipAndAuditDetail } from './002-ownership-and-audit-detail.js';
import { workQueue } from './003-work-queue.js';

export type { Migration, SqlDialect } from './migration.js';
export { SCHEMA_MIGRATIONS_DDL, pendingMigrations } from './migration.js';

/** Every migration of the store schema, oldest first. Append only. */
export const storeMigrations: readonly Migration[] = [initialSchema, ownershipAndAuditDetail, workQueue];
