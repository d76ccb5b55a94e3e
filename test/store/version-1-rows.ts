import { expect } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { T1, aSyncedSnapshot, aUser, anAuditEntry, anUpstreamState, at } from './contract/fixtures.js';

/**
 * A user and an audit entry as a version 1 schema held them (before issue 10's ownership snapshots and audit detail),
 * for the engines' migration tests to insert with SQL of that version, migrate, and read back.
 */
export const v1User = aUser('v1-user', { userName: 'Legacy.User@Example.com', created: at(1), lastModified: at(1) });
export const v1Entry = anAuditEntry('v1-request', { at: at(2), actor: 'okta-prod', resourceId: 'v1-user', upstreamCalls: ['POST /v1/users 201 9ms'] });

/** After the migration: the old rows read back as written, take the new fields, and answer the new filters. */
export async function expectVersion1RowsReadAndNewFieldsWork(store: Store): Promise<void> {
  const read = await store.users.get(T1, v1User.id);
  expect(read).toEqual(v1User);
  expect([read?.upstreamState, read?.synced]).toEqual([undefined, undefined]);
  expect(await store.users.findByUserName(T1, 'legacy.user@example.com')).toEqual([v1User]);
  expect(await store.audit.query({ tenant: T1 })).toEqual([v1Entry]);
  expect(await store.audit.query({ actor: 'okta-prod' })).toEqual([v1Entry]);
  // An entry written before names were recorded has none to match.
  expect(await store.audit.query({ resourceName: v1User.userName })).toEqual([]);

  const synced = { ...v1User, upstreamState: anUpstreamState(), synced: aSyncedSnapshot(v1User, 3), lastModified: at(3) };
  await store.users.put(synced);
  expect(await store.users.get(T1, v1User.id)).toEqual(synced);
  const detailed = anAuditEntry('v2-request', {
    at: at(3),
    resourceId: v1User.id,
    resourceName: v1User.userName,
    changes: [{ attribute: 'title', before: null, after: 'Engineer' }],
  });
  await store.audit.append(detailed);
  expect(await store.audit.query({ resourceName: 'LEGACY.USER@example.com' })).toEqual([detailed]);
  expect(await store.audit.query({ tenant: T1, resourceId: v1User.id })).toEqual([detailed, v1Entry]);
}
