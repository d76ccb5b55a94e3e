import { randomBytes } from 'node:crypto';
import { seedPerson } from '../seed-person.js';

/*
 * The `/v1/users` data model follows the integration guide (docs/upstreams/zuora-rest.md §0), not Zuora's
 * public OpenAPI, which does not define these resources: every field here is [INF].
 */

export type ZuoraUserStatus = 'Active' | 'Inactive';

/** Fields a client may write (POST/PUT `/v1/users`). */
export interface ZuoraUserFields {
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  profileId: string;
  status: ZuoraUserStatus;
  userType?: string;
  phoneNumber?: string;
  title?: string;
  department?: string;
  locale?: string;
  timezone?: string;
}

export const OPTIONAL_USER_FIELDS = ['userType', 'phoneNumber', 'title', 'department', 'locale', 'timezone'] as const;
export type OptionalUserField = (typeof OPTIONAL_USER_FIELDS)[number];

/** A user as `GET /v1/users/{id}` returns it; unset optional fields are omitted. */
export interface ZuoraUser extends ZuoraUserFields {
  id: string;
  tenantId: string;
  createdDate: string;
  updatedDate: string;
}

/** A user profile (role), `GET /v1/user-profiles`. */
export interface UserProfile {
  id: string;
  name: string;
}

/** The simulator's default profiles; ids follow the guide's samples (`p-admin`, `p-readonly`). */
export const DEFAULT_PROFILES: readonly UserProfile[] = [
  { id: 'p-admin', name: 'Administrator' },
  { id: 'p-standard', name: 'Standard User' },
  { id: 'p-readonly', name: 'Read Only' },
  { id: 'p-billing', name: 'Billing Clerk' },
];

/** Changes for `update`: a field set to `undefined` clears an optional field. */
export type ZuoraUserChanges = Partial<Omit<ZuoraUserFields, OptionalUserField>> & {
  [K in OptionalUserField]?: string | undefined;
};

/** In-memory tenant: users in creation order (the stable list order), profiles, and password resets sent. */
export class ZuoraRestState {
  private readonly byId = new Map<string, ZuoraUser>();
  /**
   * The id of the first user (in creation order) holding each lower-case username: a create looks its username up, and
   * a scan per create made provisioning tens of thousands of users quadratic (issue 13's sync bench).
   */
  private readonly idByUsername = new Map<string, string>();
  private readonly profileList: UserProfile[];
  private readonly resets = new Map<string, number>();
  private seeded = 0;
  /** Profile ids `seedUsers` deals out in turn; every profile by default. */
  private seedProfileCycle: string[] | undefined;

  constructor(
    readonly tenantId: string,
    profiles: readonly UserProfile[],
    private readonly now: () => number,
  ) {
    this.profileList = profiles.map((p) => ({ ...p }));
  }

  users(): ZuoraUser[] {
    return [...this.byId.values()].map((u) => ({ ...u }));
  }

  getUser(id: string): ZuoraUser | undefined {
    const user = this.byId.get(id);
    return user && { ...user };
  }

  /** Usernames are unique per tenant, compared case-insensitively [INF]. */
  findByUsername(username: string): ZuoraUser | undefined {
    const id = this.idByUsername.get(username.toLowerCase());
    return id === undefined ? undefined : this.byId.get(id);
  }

  private indexUsername(user: ZuoraUser): void {
    const key = user.username.toLowerCase();
    if (!this.idByUsername.has(key)) this.idByUsername.set(key, user.id);
  }

  /** `user` no longer holds `username`: the next holder in creation order, if any, takes the entry. */
  private unindexUsername(username: string, id: string): void {
    const key = username.toLowerCase();
    if (this.idByUsername.get(key) !== id) return;
    this.idByUsername.delete(key);
    const next = [...this.byId.values()].find((u) => u.id !== id && u.username.toLowerCase() === key);
    if (next) this.idByUsername.set(key, next.id);
  }

  createUser(fields: ZuoraUserFields): ZuoraUser {
    const at = new Date(this.now()).toISOString();
    // Zuora object ids are 32 hex characters; many tenants' ids start with `2c92c0f8`.
    const id = `2c92c0f8${randomBytes(12).toString('hex')}`;
    const user: ZuoraUser = { id, ...fields, tenantId: this.tenantId, createdDate: at, updatedDate: at };
    this.byId.set(id, user);
    this.indexUsername(user);
    return { ...user };
  }

  /**
   * Add a user that existed before the simulation, exactly as given (id and dates included): a seeded tenant's users.
   * Refuses a taken id or username, or a profile the tenant lacks, like the API would.
   */
  insertUser(user: Omit<ZuoraUser, 'tenantId'>): ZuoraUser {
    if (this.byId.has(user.id)) throw new Error(`user ${user.id} already exists`);
    if (this.findByUsername(user.username)) throw new Error(`username ${user.username} already exists`);
    if (!this.hasProfile(user.profileId)) throw new Error(`profile ${user.profileId} does not exist`);
    const record: ZuoraUser = { ...user, tenantId: this.tenantId };
    this.byId.set(user.id, record);
    this.indexUsername(record);
    return { ...record };
  }

  /** Apply `changes` (only keys present) and stamp `updatedDate`; `undefined` when the user does not exist. */
  updateUser(id: string, changes: ZuoraUserChanges): ZuoraUser | undefined {
    const user = this.byId.get(id);
    if (!user) return undefined;
    const next: Record<string, unknown> = { ...user };
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) delete next[key];
      else next[key] = value;
    }
    next.updatedDate = new Date(this.now()).toISOString();
    this.byId.set(id, next as unknown as ZuoraUser);
    if (typeof next.username === 'string' && next.username.toLowerCase() !== user.username.toLowerCase()) {
      this.unindexUsername(user.username, id);
      this.indexUsername(next as unknown as ZuoraUser);
    }
    return { ...(next as unknown as ZuoraUser) };
  }

  deleteUser(id: string): boolean {
    this.resets.delete(id);
    const user = this.byId.get(id);
    const deleted = this.byId.delete(id);
    if (user) this.unindexUsername(user.username, id);
    return deleted;
  }

  recordPasswordReset(id: string): void {
    this.resets.set(id, (this.resets.get(id) ?? 0) + 1);
  }

  /** How many reset emails were sent for this user. */
  passwordResets(id: string): number {
    return this.resets.get(id) ?? 0;
  }

  profiles(): UserProfile[] {
    return this.profileList.map((p) => ({ ...p }));
  }

  hasProfile(id: string): boolean {
    return this.profileList.some((p) => p.id === id);
  }

  addProfile(profile: UserProfile): void {
    if (this.hasProfile(profile.id)) throw new Error(`profile ${profile.id} already exists`);
    this.profileList.push({ ...profile });
  }

  /** Deal `seedUsers`' profiles from these ids in turn instead of from every profile (a live tenant's ordinary users). */
  useSeedProfiles(profileIds: string[]): void {
    const missing = profileIds.find((id) => !this.hasProfile(id));
    if (missing !== undefined) throw new Error(`profile ${missing} does not exist`);
    this.seedProfileCycle = [...profileIds];
  }

  /** Create `n` Active users with distinct names and emails, spread over the profiles (or the seed cycle) in turn. */
  seedUsers(n: number): ZuoraUser[] {
    const created: ZuoraUser[] = [];
    const cycle = this.seedProfileCycle ?? this.profileList.map((p) => p.id);
    for (let i = 0; i < n; i += 1) {
      let k = this.seeded++;
      while (this.findByUsername(seedPerson(k).email)) k = this.seeded++;
      const { givenName: firstName, familyName: lastName, email } = seedPerson(k);
      const profileId = cycle[k % Math.max(1, cycle.length)] ?? 'p-standard';
      created.push(this.createUser({ username: email, email, firstName, lastName, profileId, status: 'Active' }));
    }
    return created;
  }
}
