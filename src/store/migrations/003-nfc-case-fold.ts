import { foldCase } from '../fold-case.js';
import type { Migration } from './migration.js';

/**
 * Issue 11: names are folded with Unicode normalisation (NFC) around the lower-casing (see fold-case.ts), so the NFC
 * and NFD spellings of `josé` are one userName. Rows written before were folded with a plain `toLowerCase()`: every
 * folded column is recomputed from the name beside it, in JavaScript (SQLite cannot normalise), batch by batch. Only
 * names outside ASCII can change.
 *
 * Two users whose names were two before and are one now (both spellings of `josé`, created as two users under the
 * old rule) both stay: uniqueness is checked when a name is taken, not by the index, and both still answer to their
 * ids. A filter on the name then finds both, and a new create of it is a 409.
 */
export const nfcCaseFold: Migration = {
  version: 3,
  name: 'nfc-case-fold',
  statements: () => [],
  recompute: [
    { table: 'users', key: ['tenant', 'id'], from: 'user_name', to: 'user_name_lower', derive: foldCase },
    { table: 'groups', key: ['tenant', 'id'], from: 'display_name', to: 'display_name_lower', derive: foldCase },
    { table: 'audit_log', key: ['seq'], from: 'resource_name', to: 'resource_name_lower', derive: foldCase },
  ],
};
