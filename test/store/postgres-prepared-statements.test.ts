import type { ClientBase } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { statementMaker } from '../../src/store/postgres/statements.js';
import { createPostgresStoreForTests } from '../support/postgres-test-store.js';
import { T1, aClaim, aGroup, anAuditEntry, aUser } from './contract/fixtures.js';

describe('statementMaker', () => {
  it("names a statement, under the bridge's prefix, only when statements are prepared", () => {
    const text = 'SELECT 1 WHERE $1::text IS NOT NULL';
    expect(statementMaker(true)('users.get', text)(['a'])).toEqual({ name: 'scim-bridge/users.get', text, values: ['a'] });
    expect(statementMaker(false)('users.get', text)(['a'])).toEqual({ text, values: ['a'] });
  });
});

describe('PostgreSQL store: prepared statements', () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  /** A store on one pooled connection, and that connection, to ask PostgreSQL what this session has prepared. */
  async function storeOnOneConnection(preparedStatements: boolean | undefined): Promise<{ store: Store; prepared(): Promise<string[]> }> {
    const connections: ClientBase[] = [];
    const s = await createPostgresStoreForTests({
      maxConnections: 1,
      ...(preparedStatements === undefined ? {} : { preparedStatements }),
      pool: { onConnect: (client) => void connections.push(client) },
    });
    store = s;
    return {
      store: s,
      async prepared() {
        const [connection] = connections;
        if (!connection) throw new Error('the store never connected');
        const rows = (await connection.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name')).rows;
        return rows.map((r) => r.name);
      },
    };
  }

  async function exerciseTheHotPath(s: Store): Promise<void> {
    await s.users.put(aUser('u1', { userName: 'Ada@Example.com' }));
    await s.groups.put(aGroup('g1', { displayName: 'Admins', memberIds: ['u1'] }));
    expect((await s.users.findByUserName(T1, 'ada@example.com')).map((u) => u.id)).toEqual(['u1']);
    expect((await s.users.get(T1, 'u1'))?.userName).toBe('Ada@Example.com');
    expect(await s.groups.groupsOfUser(T1, 'u1')).toEqual([{ id: 'g1', displayName: 'Admins' }]);
    await s.audit.append(anAuditEntry(`r${++appended}`, { resourceId: 'u1' }));
    await s.state.set(T1, 'k', 'v');
    expect(await s.state.get(T1, 'k')).toBe('v');
  }
  let appended = 0;

  it('by default, PostgreSQL keeps the look-ups and writes of the hot path prepared on the connection', async () => {
    const { store: s, prepared } = await storeOnOneConnection(undefined);
    await exerciseTheHotPath(s);
    expect(await s.idempotency.claim(aClaim('key-1'))).toBeUndefined();
    expect(await prepared()).toEqual(
      expect.arrayContaining([
        'scim-bridge/users.by-user-name',
        'scim-bridge/users.get',
        'scim-bridge/users.insert',
        'scim-bridge/groups.of-user',
        'scim-bridge/groups.upsert',
        'scim-bridge/audit.append',
        'scim-bridge/state.set',
        'scim-bridge/idempotency.claim',
      ]),
    );
    // Executed again, a prepared statement answers as the first execution did.
    await exerciseTheHotPath(s);
  });

  it('with preparedStatements false (transaction-mode poolers), nothing is left prepared and the store works the same', async () => {
    const { store: s, prepared } = await storeOnOneConnection(false);
    await exerciseTheHotPath(s);
    expect(await prepared()).toEqual([]);
  });
});
