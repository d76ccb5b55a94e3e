import { readSyncStatus, type SourceSyncError, type SourceSyncStatus } from '../core/source-sync/sync-status.js';
import type { StateStore } from '../store/store.js';

/** A tenant's identity source as `/readyz` shows it to an admin token. */
export interface SourceReadiness {
  /** The source's name (`google-workspace`). */
  name: string;
  /** The last run, whatever its outcome; `null` before the first. */
  lastSync: SourceSyncStatus | null;
  /** When the last run that applied its plan finished; `null` before the first. */
  lastSuccessAt: string | null;
  /** The last run that threw, was refused or had writes fail (a message only); kept after later successes. */
  lastError: SourceSyncError | null;
  /** When this replica's schedule syncs next; `null` when the tenant syncs only on `scim-bridge sync` (`intervalSeconds: 0`). */
  nextSyncAt: string | null;
  /** Present only when the store could not be read: the fields above are then unknown, not empty. */
  unavailable?: string;
}

/**
 * What `/readyz` says of a tenant's source. Like an upstream's state, it never makes the bridge unready: a directory
 * that cannot be read stops provisioning from it, not the SCIM endpoints the IdPs and the index answer from. Read
 * from the store, so every replica shows the last sync whichever replica (or `scim-bridge sync`) ran it.
 */
export async function sourceReadiness(state: StateStore, tenant: string, name: string, nextSyncAt: Date | undefined): Promise<SourceReadiness> {
  const next = nextSyncAt?.toISOString() ?? null;
  try {
    const { lastSync, lastSuccess, lastError } = await readSyncStatus(state, tenant);
    return { name, lastSync: lastSync ?? null, lastSuccessAt: lastSuccess?.finishedAt ?? null, lastError: lastError ?? null, nextSyncAt: next };
  } catch {
    return { name, lastSync: null, lastSuccessAt: null, lastError: null, nextSyncAt: next, unavailable: 'the store did not answer' };
  }
}
