import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { storeMigrations, type Migration } from '../../src/store/migrations/index.js';
import { applySqliteMigrations } from '../../src/store/sqlite/migrate.js';
import { createSqliteStore, openSqliteDatabase } from '../../src/store/sqlite/sqlite-store.js';
import { T1, aClaim, aGroup, anAuditEntry, aUser, at } from './contract/fixtures.js';
import { describeStoreContract } from './store-contract.js';
import { expectVersion1RowsReadAndNewFieldsWork, v1Entry, v1User } from './version-1-rows.js';
import { expectVersion2NamesRefolded, insertSql, version2Rows } from './version-2-rows.js';

const root = mkdtempSync(join(tmpdir(), 'scim-bridge-sqlite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let files = 0;
/** A path in a directory that does not exist yet. */
const freshPath = (): string => join(root, `dir-${++files}`, 'nested', 'store.db');

/** The versions this build knows, and the next one: a migration a later build might add. */
const knownVersions = storeMigrations.map((m) => m.version);
const nextVersion = Math.max(...knownVersions) + 1;
const notes: Migration = {
  version: nextVersion,
  name: 'notes',
  statements: () => ['CREATE TABLE notes (tenant TEXT NOT NULL, body TEXT NOT NULL)'],
};
const tableExists = (db: Database.Database, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
const recordedVersions = (db: Database.Database): number[] =>
  db
    .prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version')
    .all()
    .map((r) => r.version);

describeStoreContract('sqlite :memory:', async () => createSqliteStore({ path: ':memory:' }));
describeStoreContract('sqlite file', async () => createSqliteStore({ path: freshPath() }));

describe('SQLite store', () => {
  it('never answers from its read cache what another connection has changed since (two processes on one file)', async () => {
    const path = freshPath();
    const a = createSqliteStore({ path });
    const b = createSqliteStore({ path });
    await a.users.put(aUser('u1', { userName: 'kim@example.com' }));
    await a.groups.put(aGroup('g1', { displayName: 'Admins', memberIds: ['u1'] }));
    // Read through b twice, so that its answers are cached.
    for (let i = 0; i < 2; i++) {
      expect((await b.users.findByUserName(T1, 'kim@example.com')).map((u) => u.lastModified)).toEqual([aUser('u1').lastModified]);
      expect(await b.groups.groupsOfUser(T1, 'u1')).toEqual([{ id: 'g1', displayName: 'Admins' }]);
      expect((await b.users.get(T1, 'u1'))?.active).toBe(true);
    }
    await a.users.put(aUser('u1', { userName: 'kim@example.com', active: false, lastModified: '2030-01-01T00:00:00.000Z' }));
    await a.groups.put(aGroup('g1', { displayName: 'Admins 2', memberIds: ['u1'] }));
    expect((await b.users.findByUserName(T1, 'kim@example.com')).map((u) => u.lastModified)).toEqual(['2030-01-01T00:00:00.000Z']);
    expect((await b.users.get(T1, 'u1'))?.active).toBe(false);
    expect(await b.groups.groupsOfUser(T1, 'u1')).toEqual([{ id: 'g1', displayName: 'Admins 2' }]);
    await a.users.remove(T1, 'u1');
    expect(await b.users.findByUserName(T1, 'kim@example.com')).toEqual([]);
    expect(await b.users.get(T1, 'u1')).toBeUndefined();
    await a.close();
    await b.close();
  });

  it('answers frozen user entries, so that callers sharing a cached answer cannot change it for each other', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    await store.users.put(aUser('u1'));
    const [found] = await store.users.findByUserName(T1, 'u1@example.com');
    expect(Object.isFrozen(found)).toBe(true);
    expect(Object.isFrozen(await store.users.get(T1, 'u1'))).toBe(true);
    await store.close();
  });

  it('creates the parent directory of its file and journals in WAL mode', async () => {
    const path = freshPath();
    const store = createSqliteStore({ path });
    await store.users.put(aUser('u1'));
    const probe = new Database(path);
    expect(probe.pragma('journal_mode', { simple: true })).toBe('wal');
    probe.close();
    await store.close();
    expect(existsSync(path)).toBe(true);
  });

  it('opens connections with synchronous NORMAL, a busy timeout and foreign keys on', () => {
    const db = openSqliteDatabase(freshPath());
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('keeps every kind of record across close and reopen', async () => {
    const path = freshPath();
    const user = aUser('u1', { externalId: 'e1' });
    const group = aGroup('g1', { memberIds: ['u1'] });
    const entry = anAuditEntry('r1', { resourceId: 'u1' });
    const first = createSqliteStore({ path });
    await first.users.put(user);
    await first.groups.put(group);
    await first.idempotency.claim(aClaim('k1'));
    await first.audit.append(entry);
    await first.state.set(T1, 'watermark', 'w1');
    await first.close();

    const second = createSqliteStore({ path });
    expect(await second.users.get(T1, 'u1')).toEqual(user);
    expect(await second.groups.get(T1, 'g1')).toEqual(group);
    expect((await second.idempotency.claim(aClaim('k1', {}, 1)))?.state).toBe('inFlight');
    expect(await second.audit.query({ tenant: T1 })).toEqual([entry]);
    expect(await second.state.get(T1, 'watermark')).toBe('w1');
    await second.close();
    await second.close();
  });

  it('lets two stores on one file share claims, so only one process wins a key', async () => {
    const path = freshPath();
    const [a, b] = [createSqliteStore({ path }), createSqliteStore({ path })];
    expect(await a.idempotency.claim(aClaim('k1', { fingerprint: 'from a' }))).toBeUndefined();
    expect((await b.idempotency.claim(aClaim('k1', { fingerprint: 'from b' })))?.fingerprint).toBe('from a');
    await a.close();
    await b.close();
  });

  it('lets two stores on one file claim one work queue without taking the same item twice', async () => {
    const path = freshPath();
    const [a, b] = [createSqliteStore({ path }), createSqliteStore({ path })];
    for (let i = 0; i < 6; i++) await a.workQueue.enqueue(T1, 'q', `item-${i}`, '', at(0));
    const claim = (s: typeof a, owner: string) => s.workQueue.claim(T1, 'q', { owner, now: at(1), leaseUntil: at(5), limit: 4 });
    const [fromA, fromB] = [await claim(a, 'a'), await claim(b, 'b')];
    expect(fromA.map((i) => i.key)).toEqual(['item-0', 'item-1', 'item-2', 'item-3']);
    expect(fromB.map((i) => i.key)).toEqual(['item-4', 'item-5']);
    await a.close();
    await b.close();
  });
});

describe('SQLite migrations', () => {
  it('applies each migration once, and nothing when reopened', async () => {
    const path = freshPath();
    const db = openSqliteDatabase(path);
    expect(applySqliteMigrations(db, storeMigrations)).toEqual(storeMigrations.map((m) => m.version));
    expect(applySqliteMigrations(db, storeMigrations)).toEqual([]);
    db.close();

    await createSqliteStore({ path }).close();
    const reopened = openSqliteDatabase(path);
    expect(recordedVersions(reopened)).toEqual(storeMigrations.map((m) => m.version));
    reopened.close();
  });

  it('applies only the new migrations to an existing database', () => {
    const path = freshPath();
    const db = openSqliteDatabase(path);
    applySqliteMigrations(db, storeMigrations);
    db.prepare("INSERT INTO tenant_state (tenant, state_key, value) VALUES ('t', 'k', 'kept')").run();
    expect(applySqliteMigrations(db, [...storeMigrations, notes])).toEqual([nextVersion]);
    expect(tableExists(db, 'notes')).toBe(true);
    expect(db.prepare('SELECT value FROM tenant_state').pluck().get()).toBe('kept');
    db.close();
  });

  it('migrates a database at version 1 that holds users and audit entries to the current version, every row still readable', async () => {
    const path = freshPath();
    const db = openSqliteDatabase(path);
    expect(applySqliteMigrations(db, storeMigrations.slice(0, 1))).toEqual([1]);
    // Rows as version 1 wrote them: no upstream state, snapshot, name or changes.
    db.prepare(
      `INSERT INTO users (tenant, id, upstream_id, user_name, user_name_lower, external_id, active, resource, created,
        last_modified, deleted_at) VALUES (?, ?, ?, ?, ?, NULL, 1, ?, ?, ?, NULL)`,
    ).run(
      T1,
      v1User.id,
      v1User.upstreamId,
      v1User.userName,
      v1User.userName.toLowerCase(),
      JSON.stringify(v1User.resource),
      v1User.created,
      v1User.lastModified,
    );
    db.prepare(
      `INSERT INTO audit_log (tenant, occurred_at, request_id, actor, operation, resource_type, resource_id, status,
        upstream_calls, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    ).run(
      T1,
      v1Entry.at,
      v1Entry.requestId,
      v1Entry.actor,
      v1Entry.operation,
      v1Entry.resourceType,
      v1Entry.resourceId,
      v1Entry.status,
      JSON.stringify(v1Entry.upstreamCalls),
    );
    db.close();

    const store = createSqliteStore({ path });
    const reopened = openSqliteDatabase(path);
    expect(recordedVersions(reopened)).toEqual(knownVersions);
    reopened.close();
    await expectVersion1RowsReadAndNewFieldsWork(store);
    await store.close();
  });

  it('migrates a database at version 2 to version 3: every folded name is folded again with NFC, page by page', async () => {
    const path = freshPath();
    const db = openSqliteDatabase(path);
    expect(applySqliteMigrations(db, storeMigrations.slice(0, 2))).toEqual([1, 2]);
    db.transaction(() => {
      for (const row of version2Rows((b) => (b ? 1 : 0))) db.prepare(insertSql(row)).run(...Object.values(row.values));
    })();
    db.close();

    const store = createSqliteStore({ path });
    const reopened = openSqliteDatabase(path);
    expect(recordedVersions(reopened)).toEqual(knownVersions);
    const folded = {
      users: reopened.prepare<[], { user_name: string; user_name_lower: string }>('SELECT user_name, user_name_lower FROM users').all(),
      audit: reopened
        .prepare<[], { resource_name: string | null; resource_name_lower: string | null }>('SELECT resource_name, resource_name_lower FROM audit_log')
        .all(),
    };
    reopened.close();
    await expectVersion2NamesRefolded(store, folded);
    await store.close();
  });

  it('rolls a failing migration back whole and does not record it', () => {
    const db = openSqliteDatabase(freshPath());
    applySqliteMigrations(db, storeMigrations);
    const broken: Migration = {
      version: nextVersion,
      name: 'broken',
      statements: () => ['CREATE TABLE half_done (x TEXT)', 'CREATE TABLE users (x TEXT)'],
    };
    expect(() => applySqliteMigrations(db, [...storeMigrations, broken])).toThrow(/already exists/);
    expect(tableExists(db, 'half_done')).toBe(false);
    expect(recordedVersions(db)).toEqual(knownVersions);
    expect(applySqliteMigrations(db, [...storeMigrations, notes])).toEqual([nextVersion]);
    db.close();
  });

  it('refuses to open a database migrated by a newer build', () => {
    const path = freshPath();
    const db = openSqliteDatabase(path);
    applySqliteMigrations(db, [...storeMigrations, notes]);
    db.close();
    expect(() => createSqliteStore({ path })).toThrow(new RegExp(`schema version\\(s\\) ${nextVersion} .* does not know`));
  });

  it('refuses a migration list that is out of order', () => {
    const db = openSqliteDatabase(':memory:');
    expect(() => applySqliteMigrations(db, [notes, ...storeMigrations])).toThrow(/out of order/);
    db.close();
  });
});
