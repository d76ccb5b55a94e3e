import type { ZiaDepartment, ZiaGroup, ZiaReference, ZiaUser, ZiaUserFields, ZiaUserRecord } from './records.js';

/** A department or group as it is created: everything but the id. */
export type OrgUnitInput<T extends ZiaDepartment | ZiaGroup> = Omit<T, 'id'>;

/**
 * The organization's users, departments and groups, plus the users as last activated (live policy). Users are kept in
 * creation order, which is the order lists answer in [INF]; emails are unique case-insensitively (ZH-UM "it must be
 * unique") through an index, so creates stay O(1) on big tenants.
 */
export class ZiaDirectory {
  private readonly userMap = new Map<number, ZiaUserFields>();
  private readonly byEmail = new Map<string, number>();
  private readonly departmentMap = new Map<number, ZiaDepartment>();
  private readonly groupMap = new Map<number, ZiaGroup>();
  private live = new Map<number, ZiaUserFields>();
  private nextUserId = 10_000_001;
  private nextDepartmentId = 1_000_001;
  private nextGroupId = 2_000_001;

  users(): ZiaUserRecord[] {
    return [...this.userMap.keys()].map((id) => this.record(id, this.userMap));
  }

  getUser(id: number): ZiaUserRecord | undefined {
    return this.userMap.has(id) ? this.record(id, this.userMap) : undefined;
  }

  /** The API view (no password). */
  view(id: number): ZiaUser | undefined {
    const record = this.getUser(id);
    if (!record) return undefined;
    const { password: _password, ...view } = record;
    return view;
  }

  /** The users as of the last activation. */
  liveUsers(): ZiaUserRecord[] {
    return [...this.live.keys()].map((id) => this.record(id, this.live));
  }

  /** Called on every activation: what is saved now becomes live policy. */
  activate(): void {
    this.live = new Map([...this.userMap].map(([id, fields]) => [id, structuredClone(fields)]));
  }

  /** Make one saved user live without an activation (a user that existed before the simulation started). */
  makeLive(id: number): void {
    const fields = this.userMap.get(id);
    if (fields) this.live.set(id, structuredClone(fields));
  }

  userIdByEmail(email: string): number | undefined {
    return this.byEmail.get(email.toLowerCase());
  }

  createUser(fields: ZiaUserFields): ZiaUserRecord {
    const id = this.nextUserId++;
    this.userMap.set(id, structuredClone(fields));
    this.byEmail.set(fields.email.toLowerCase(), id);
    return this.record(id, this.userMap);
  }

  /**
   * Add a user that existed before the simulation under its own id (a seeded tenant's users); later ids follow the
   * largest seen. Refuses a taken id or email and a department or group that does not exist.
   */
  insertUser(id: number, fields: ZiaUserFields): ZiaUserRecord {
    if (this.userMap.has(id)) throw new Error(`user ${id} already exists`);
    if (this.userIdByEmail(fields.email) !== undefined) throw new Error(`a user with email ${fields.email} already exists`);
    if (!this.departmentMap.has(fields.departmentId)) throw new Error(`department ${fields.departmentId} does not exist`);
    const stranger = fields.groupIds.find((g) => !this.groupMap.has(g));
    if (stranger !== undefined) throw new Error(`group ${stranger} does not exist`);
    this.userMap.set(id, structuredClone(fields));
    this.byEmail.set(fields.email.toLowerCase(), id);
    this.nextUserId = Math.max(this.nextUserId, id + 1);
    return this.record(id, this.userMap);
  }

  /** Replace every field (ZH-GS: PUT replaces "the entire resource"); the email never changes (ZH-UM "read-only"). */
  replaceUser(id: number, fields: ZiaUserFields): ZiaUserRecord | undefined {
    const current = this.userMap.get(id);
    if (!current) return undefined;
    this.userMap.set(id, { ...structuredClone(fields), email: current.email });
    return this.record(id, this.userMap);
  }

  deleteUser(id: number): boolean {
    const current = this.userMap.get(id);
    if (!current) return false;
    this.byEmail.delete(current.email.toLowerCase());
    return this.userMap.delete(id);
  }

  departments(): ZiaDepartment[] {
    return [...this.departmentMap.values()].map((d) => ({ ...d }));
  }

  getDepartment(id: number): ZiaDepartment | undefined {
    const found = this.departmentMap.get(id);
    return found && { ...found };
  }

  addDepartment(input: OrgUnitInput<ZiaDepartment>): ZiaDepartment {
    const department = { id: this.nextDepartmentId++, ...input };
    this.departmentMap.set(department.id, department);
    return { ...department };
  }

  /** Add a department under its own id (a seeded tenant's); later ids follow the largest seen. */
  insertDepartment(department: ZiaDepartment): ZiaDepartment {
    if (this.departmentMap.has(department.id)) throw new Error(`department ${department.id} already exists`);
    this.departmentMap.set(department.id, { ...department });
    this.nextDepartmentId = Math.max(this.nextDepartmentId, department.id + 1);
    return { ...department };
  }

  replaceDepartment(department: ZiaDepartment): void {
    this.departmentMap.set(department.id, { ...department });
  }

  deleteDepartment(id: number): boolean {
    return this.departmentMap.delete(id);
  }

  groups(): ZiaGroup[] {
    return [...this.groupMap.values()].map((g) => ({ ...g }));
  }

  getGroup(id: number): ZiaGroup | undefined {
    const found = this.groupMap.get(id);
    return found && { ...found };
  }

  addGroup(input: OrgUnitInput<ZiaGroup>): ZiaGroup {
    const group = { id: this.nextGroupId++, ...input };
    this.groupMap.set(group.id, group);
    return { ...group };
  }

  /** Add a group under its own id (a seeded tenant's); later ids follow the largest seen. */
  insertGroup(group: ZiaGroup): ZiaGroup {
    if (this.groupMap.has(group.id)) throw new Error(`group ${group.id} already exists`);
    this.groupMap.set(group.id, { ...group });
    this.nextGroupId = Math.max(this.nextGroupId, group.id + 1);
    return { ...group };
  }

  replaceGroup(group: ZiaGroup): void {
    this.groupMap.set(group.id, { ...group });
  }

  deleteGroup(id: number): boolean {
    return this.groupMap.delete(id);
  }

  /** Users (saved, not only live) that reference this department or group. */
  usersReferencing(kind: 'department' | 'group', id: number): number {
    let count = 0;
    for (const user of this.userMap.values()) {
      if (kind === 'department' ? user.departmentId === id : user.groupIds.includes(id)) count += 1;
    }
    return count;
  }

  private record(id: number, from: Map<number, ZiaUserFields>): ZiaUserRecord {
    const { departmentId, groupIds, ...rest } = structuredClone(from.get(id) as ZiaUserFields);
    const ref = (unit: ZiaReference | undefined, unitId: number): ZiaReference => ({ id: unitId, name: unit?.name ?? '' });
    return {
      id,
      ...rest,
      department: ref(this.departmentMap.get(departmentId), departmentId),
      groups: groupIds.map((g) => ref(this.groupMap.get(g), g)),
      deleted: false,
    };
  }
}
