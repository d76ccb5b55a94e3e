import type { GuardedPut } from './store.js';

/**
 * Whether a guarded put may be written, given the entries that now hold its SCIM id or upstream id: none for an
 * adoption, else only the entry it was computed from, unchanged (see `UserIndexStore.putManyUnlessChanged`).
 */
export function unchangedSince(put: GuardedPut, holding: readonly { id: string; last_modified: string }[]): boolean {
  if (put.basis === undefined) return holding.length === 0;
  return holding.length === 1 && holding[0]?.id === put.user.id && holding[0].last_modified === put.basis;
}
