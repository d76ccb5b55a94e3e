import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseStoredUpstreamState, storedJson, withStoredSynced } from '../../src/store/stored-user-state.js';
import { aSyncedSnapshot, aUser, anUpstreamState } from './contract/fixtures.js';

afterEach(() => vi.restoreAllMocks());

/** How many times JSON.parse was asked to parse a text containing `marker` while `run` ran. */
function parsesOf(marker: string, run: () => void): number {
  const parse = vi.spyOn(JSON, 'parse');
  run();
  const count = parse.mock.calls.filter(([text]) => typeof text === 'string' && text.includes(marker)).length;
  parse.mockRestore();
  return count;
}

describe('stored user state', () => {
  const user = aUser('u1');
  const snapshotText = JSON.stringify(aSyncedSnapshot(user));

  it('parses a stored snapshot only when it is first read, then keeps it', () => {
    let read: ReturnType<typeof withStoredSynced> | undefined;
    expect(parsesOf('Written by the bridge', () => (read = Object.freeze(withStoredSynced({ ...user }, snapshotText))))).toBe(0);
    expect(parsesOf('Written by the bridge', () => read?.synced)).toBe(1);
    expect(parsesOf('Written by the bridge', () => read?.synced)).toBe(0);
    expect(read?.synced).toEqual(aSyncedSnapshot(user));
    expect(Object.isFrozen(read?.synced?.state)).toBe(true);
  });

  it('gives a user without a stored snapshot no synced property', () => {
    expect(Object.hasOwn(withStoredSynced({ ...user }, null), 'synced')).toBe(false);
  });

  it('shares one frozen upstream state per distinct stored text', () => {
    const text = JSON.stringify(anUpstreamState('Administrator'));
    const first = parseStoredUpstreamState(text);
    expect(parseStoredUpstreamState(`${text}`)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(parseStoredUpstreamState(JSON.stringify(anUpstreamState('Billing Clerk')))).not.toBe(first);
  });

  it('writes a document back as the text it was read from, and anything else as its JSON', () => {
    // Stored text need not be what JSON.stringify makes (PostgreSQL's JSONB orders keys its own way).
    const stored = '{"status": "Active", "profile": "Standard User"}';
    expect(storedJson(parseStoredUpstreamState(stored))).toBe(stored);
    const fresh = { profile: 'Standard User', status: 'Active' };
    expect(storedJson(fresh)).toBe(JSON.stringify(fresh));
    expect(storedJson(undefined)).toBeNull();
  });
});
