import { randomUUID } from 'node:crypto';
import type { OneIdGroupFields, OneIdGroupRecord, OneIdRegion, OneIdUserFields, OneIdUserRecord, OneIdUserStatus } from './records.js';

const clone = <T>(value: T): T => structuredClone(value);

/**
 * The extension `status` after a write: `active:false` ⇔ `INACTIVE` (DELETE and Users/delete produce both, docs/upstreams/zuora-oneid.md §4),
 * `active:true` ⇔ `ACTIVE` (PUT "Deactivated users can be re-enabled by setting the active attribute to true"). A new
 * non-SSO user waits for OneID's activation email as `PENDING_ACTIVATION` with `active:false` (the list sample's
 * pending user has `ssoEnabled:false`) and stays pending until activated [INF].
 */
function nextStatus(previous: OneIdUserStatus | undefined, fields: OneIdUserFields): OneIdUserStatus {
  if (previous === undefined && !fields.ssoEnabled) return 'PENDING_ACTIVATION';
  if (fields.active) return 'ACTIVE';
  return previous === 'PENDING_ACTIVATION' ? 'PENDING_ACTIVATION' : 'INACTIVE';
}

/** One OneID organization: users and groups in creation order (the list order). */
export class OneIdState {
  private readonly userById = new Map<string, OneIdUserRecord>();
  private readonly groupById = new Map<string, OneIdGroupRecord>();

  constructor(
    readonly orgId: string,
    readonly region: OneIdRegion,
    private readonly now: () => number,
  ) {}

  private stamp(): string {
    return new Date(this.now()).toISOString();
  }

  users(): OneIdUserRecord[] {
    return [...this.userById.values()].map(clone);
  }

  getUser(id: string): OneIdUserRecord | undefined {
    const user = this.userById.get(id);
    return user && clone(user);
  }

  /** `userName` is unique per organization, compared case-insensitively (Schemas: caseExact false, uniqueness server). */
  userNameTaken(userName: string, exceptId?: string): boolean {
    const wanted = userName.toLowerCase();
    return [...this.userById.values()].some((u) => u.id !== exceptId && u.userName.toLowerCase() === wanted);
  }

  createUser(fields: OneIdUserFields): OneIdUserRecord {
    const at = this.stamp();
    const status = nextStatus(undefined, fields);
    const user: OneIdUserRecord = {
      id: randomUUID(),
      ...clone(fields),
      active: status === 'ACTIVE',
      organizationId: this.orgId,
      status,
      region: this.region,
      created: at,
      lastModified: at,
    };
    this.userById.set(user.id, user);
    return clone(user);
  }

  /**
   * Add a user that existed before the simulation, exactly as given (id, status and dates included), in this
   * organization and region: a seeded tenant's users. Refuses a taken id or userName.
   */
  insertUser(user: Omit<OneIdUserRecord, 'organizationId' | 'region'>): OneIdUserRecord {
    if (this.userById.has(user.id)) throw new Error(`user ${user.id} already exists`);
    if (this.userNameTaken(user.userName)) throw new Error(`userName ${user.userName} already exists`);
    const record: OneIdUserRecord = { ...clone(user), organizationId: this.orgId, region: this.region };
    this.userById.set(record.id, record);
    return clone(record);
  }

  /** Replace every writable field (PUT, and PATCH after it has been applied to the current fields). */
  replaceUser(id: string, fields: OneIdUserFields): OneIdUserRecord | undefined {
    const current = this.userById.get(id);
    if (!current) return undefined;
    const status = nextStatus(current.status, fields);
    const next: OneIdUserRecord = {
      ...clone(fields),
      active: status === 'ACTIVE',
      id,
      organizationId: current.organizationId,
      status,
      region: current.region,
      created: current.created,
      lastModified: this.stamp(),
    };
    this.userById.set(id, next);
    return clone(next);
  }

  /** Soft delete ("Deactivates a specific user"): the user stays, `active:false`, status `INACTIVE`. */
  deactivateUser(id: string): OneIdUserRecord | undefined {
    const current = this.userById.get(id);
    if (!current) return undefined;
    Object.assign(current, { active: false, status: 'INACTIVE', lastModified: this.stamp() });
    return clone(current);
  }

  groups(): OneIdGroupRecord[] {
    return [...this.groupById.values()].map(clone);
  }

  getGroup(id: string): OneIdGroupRecord | undefined {
    const group = this.groupById.get(id);
    return group && clone(group);
  }

  /** Groups a user belongs to, in group creation order. */
  groupsOf(userId: string): OneIdGroupRecord[] {
    return [...this.groupById.values()].filter((g) => g.members.includes(userId)).map(clone);
  }

  /** Group names are unique per organization, case-insensitively [INF: undocumented; IdPs match groups by name]. */
  groupNameTaken(displayName: string, exceptId?: string): boolean {
    const wanted = displayName.toLowerCase();
    return [...this.groupById.values()].some((g) => g.id !== exceptId && g.displayName.toLowerCase() === wanted);
  }

  createGroup(fields: OneIdGroupFields): OneIdGroupRecord {
    const at = this.stamp();
    const group: OneIdGroupRecord = { id: randomUUID(), ...clone(fields), organizationId: this.orgId, created: at, lastModified: at };
    this.groupById.set(group.id, group);
    return clone(group);
  }

  /** Add a group that existed before the simulation, exactly as given; its members must exist. */
  insertGroup(group: Omit<OneIdGroupRecord, 'organizationId'>): OneIdGroupRecord {
    if (this.groupById.has(group.id)) throw new Error(`group ${group.id} already exists`);
    if (this.groupNameTaken(group.displayName)) throw new Error(`group ${group.displayName} already exists`);
    const stranger = group.members.find((id) => !this.userById.has(id));
    if (stranger !== undefined) throw new Error(`member ${stranger} of ${group.displayName} is not a user`);
    const record: OneIdGroupRecord = { ...clone(group), organizationId: this.orgId };
    this.groupById.set(record.id, record);
    return clone(record);
  }

  replaceGroup(id: string, fields: OneIdGroupFields): OneIdGroupRecord | undefined {
    const current = this.groupById.get(id);
    if (!current) return undefined;
    const next: OneIdGroupRecord = { ...current, ...clone(fields), lastModified: this.stamp() };
    this.groupById.set(id, next);
    return clone(next);
  }

  /** "Permanently removes a group (members are not deleted, only the group)." */
  deleteGroup(id: string): OneIdGroupRecord | undefined {
    const group = this.groupById.get(id);
    if (!group) return undefined;
    this.groupById.delete(id);
    return clone(group);
  }
}
