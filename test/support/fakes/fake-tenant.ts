import type { UpstreamCallRecord } from '../../../src/upstreams/call-record.js';

/**
 * What a fake upstream tenant holds for one user: the few fields a SaaS user record has (one email, a name, a title,
 * a status) and a role the upstream derives from the roles the IdP sends, as a Zuora profile or a OneID role is.
 */
export interface FakeUserRecord {
  id: string;
  userName: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  title?: string;
  active: boolean;
  role: string;
}

export interface FakeGroupRecord {
  id: string;
  displayName: string;
  /** Upstream user ids. */
  memberIds: string[];
  /** Other attributes the IdP set (an extension's description…), held as given. */
  attributes: Record<string, unknown>;
}

/** A request the fake tenant received: as the bridge records it, with the object it named, if any. */
export interface FakeCall extends UpstreamCallRecord {
  objectId?: string;
}

/** A user as a test seeds it: everything but the id, which the tenant assigns. */
export type FakeUserSeed = Omit<FakeUserRecord, 'id' | 'active' | 'role'> & Partial<Pick<FakeUserRecord, 'active' | 'role'>>;

/** The role a user gets when no role the IdP sent names one. */
export const DEFAULT_ROLE = 'member';

/**
 * A SaaS tenant held in memory, named in a tenant's `upstream: { type: 'fake', tenant: name }` block, that a test fills
 * and changes as an admin would in the upstream's own console, and whose requests it counts and fails, as the
 * simulators' control surface does for the real upstreams. Its adapter (fake-upstream.ts) reads and writes it.
 */
export class FakeTenant {
  readonly users = new Map<string, FakeUserRecord>();
  readonly groups = new Map<string, FakeGroupRecord>();
  /** Every request the adapter made to this tenant, each attempt its own record, failed ones included. */
  readonly calls: FakeCall[] = [];
  private nextId = 1;
  private failures: { count: number; status: 429 | 503; route: string | undefined }[] = [];

  /** An upstream id as a SaaS hands them out: opaque, never reused. */
  newId(prefix: 'u' | 'g'): string {
    return `${prefix}-${String(this.nextId++).padStart(6, '0')}`;
  }

  /**
   * Make the next `count` requests fail with HTTP `status`, as a throttled or overloaded upstream would; only those
   * to `route` (`'PUT /users/{id}'`) when given.
   */
  failNext(count: number, status: 429 | 503, route?: string): void {
    this.failures.push({ count, status, route });
  }

  /** Forget pending failures. */
  clearFailures(): void {
    this.failures = [];
  }

  /** The status a request to `route` fails with, if a failure is pending for it (consumes it). */
  takeFailure(route: string): 429 | 503 | undefined {
    const i = this.failures.findIndex((f) => f.route === undefined || f.route === route);
    const next = this.failures[i];
    if (!next) return undefined;
    if (--next.count <= 0) this.failures.splice(i, 1);
    return next.status;
  }

  /** Writes that named an object (a user's or group's upstream id), as an upstream's log of writes shows them. */
  writesTo(objectId: string): FakeCall[] {
    return this.calls.filter((c) => c.objectId === objectId && c.method !== 'GET');
  }

  /** Requests so far for a method and path template (`'PUT', '/users/{id}'`), or all requests. */
  count(method?: string, path?: string): number {
    return this.calls.filter((c) => (method === undefined || c.method === method) && (path === undefined || c.path === path)).length;
  }

  resetCalls(): void {
    this.calls.length = 0;
  }

  /** A user the bridge did not create (an admin, someone added in the console), as a live tenant holds them. */
  seedUser(seed: FakeUserSeed): FakeUserRecord {
    const record: FakeUserRecord = { active: true, role: DEFAULT_ROLE, ...seed, id: this.newId('u') };
    this.users.set(record.id, record);
    return record;
  }

  /** `n` pre-existing people, the first of them admins, some inactive: a tenant as a customer's is before the bridge. */
  seedUsers(n: number): FakeUserRecord[] {
    return Array.from({ length: n }, (_, i) =>
      this.seedUser({
        userName: `seeded${i}@example.com`,
        email: `seeded${i}@example.com`,
        givenName: `Seeded${i}`,
        familyName: 'Person',
        title: i % 3 === 0 ? 'Engineer' : undefined,
        active: i % 5 !== 4,
        role: i < 2 ? 'admin' : DEFAULT_ROLE,
      }),
    );
  }

  /** An admin's edit in the upstream's console: straight into the tenant, no request through the adapter. */
  consoleEdit(id: string, fields: Partial<Omit<FakeUserRecord, 'id'>>): void {
    const record = this.users.get(id);
    if (!record) throw new Error(`the fake tenant has no user ${id}`);
    Object.assign(record, fields);
  }

  /** A user removed in the console. */
  consoleDelete(id: string): void {
    this.users.delete(id);
  }

  /** Forget this tenant: the next use of its name starts an empty one. */
  async close(): Promise<void> {
    for (const [name, t] of tenants) if (t === this) tenants.delete(name);
  }

  userNamed(userName: string): FakeUserRecord | undefined {
    const folded = userName.toLowerCase();
    return [...this.users.values()].find((u) => u.userName.toLowerCase() === folded);
  }
}

const tenants = new Map<string, FakeTenant>();

/** The tenant an upstream block `{ type: 'fake', tenant: name }` writes to, made on first use. */
export function fakeTenant(name: string): FakeTenant {
  let t = tenants.get(name);
  if (!t) tenants.set(name, (t = new FakeTenant()));
  return t;
}

/** A tenant name no other test uses, so tests running in one worker never share users. */
export const freshTenantName = (): string => `fake-${Math.random().toString(36).slice(2)}`;
