import { ConsoleEditError } from '../console-edit.js';
import type { GoogleCustomer, GoogleGroupRecord, GoogleMemberRecord, GoogleMemberRole, GoogleOrgUnitRecord, GoogleUserRecord } from './records.js';

/** What an admin types to add a user in the console; the rest is filled in as Google would. */
export interface NewGoogleUser {
  primaryEmail: string;
  givenName: string;
  familyName: string;
  orgUnitPath?: string;
  isAdmin?: boolean;
  suspended?: boolean;
  archived?: boolean;
  organizations?: GoogleUserRecord['organizations'];
  phones?: GoogleUserRecord['phones'];
  customSchemas?: GoogleUserRecord['customSchemas'];
}

export type GoogleUserUpdate = Partial<Omit<GoogleUserRecord, 'id' | 'creationTime' | 'deletionTime'>>;

const USER_ID_BASE = 100_000_000_000_000_000_000n;

/**
 * The directory of one Google Workspace customer, and the edits an admin makes in the Admin console (not through the
 * API, so never in the call log). Ids are made from a counter, so the same sequence of edits gives the same ids.
 */
export class DirectoryState {
  private userMap = new Map<string, GoogleUserRecord>();
  private groupMap = new Map<string, GoogleGroupRecord>();
  private memberList: GoogleMemberRecord[] = [];
  /**
   * Indexes beside the records, so a directory of tens of thousands stays quick to seed and list (issue 13's bench):
   * user ids by lower-case address (in creation order; checked against the record on use), and memberships by group.
   */
  private idsByAddress = new Map<string, string[]>();
  private membersByGroup = new Map<string, GoogleMemberRecord[]>();
  private orgUnitMap = new Map<string, GoogleOrgUnitRecord>();
  private sequence = 0;
  private userEdits = 0;

  constructor(
    readonly customer: GoogleCustomer,
    private readonly now: () => number,
  ) {}

  /** Changes with every edit of a user (added, changed, deleted): a sorted listing kept while it stays is still right. */
  get usersVersion(): number {
    return this.userEdits;
  }

  clear(): void {
    this.userEdits += 1;
    this.userMap.clear();
    this.groupMap.clear();
    this.setMembers([]);
    this.idsByAddress.clear();
    this.orgUnitMap.clear();
    this.sequence = 0;
  }

  private nextSequence(): number {
    this.sequence += 1;
    return this.sequence;
  }

  /** Live users (not deleted), in id order. */
  users(): GoogleUserRecord[] {
    return [...this.userMap.values()].filter((u) => u.deletionTime === undefined);
  }

  deletedUsers(): GoogleUserRecord[] {
    return [...this.userMap.values()].filter((u) => u.deletionTime !== undefined);
  }

  /** A live user by id, primary email or any of its addresses. */
  findUser(key: string): GoogleUserRecord | undefined {
    const byId = this.userById(key);
    if (byId) return byId;
    const lower = key.toLowerCase();
    for (const id of this.idsByAddress.get(lower) ?? []) {
      const user = this.userById(id);
      if (user?.emails.some((e) => e.address.toLowerCase() === lower)) return user;
    }
    return undefined;
  }

  /** Record `user`'s addresses in the index (an address it no longer has is skipped on lookup). */
  private indexAddresses(user: GoogleUserRecord): void {
    for (const e of user.emails) {
      const lower = e.address.toLowerCase();
      const ids = this.idsByAddress.get(lower);
      if (!ids) this.idsByAddress.set(lower, [user.id]);
      else if (!ids.includes(user.id)) ids.push(user.id);
    }
  }

  /** Replace the member list and its index by group. */
  private setMembers(members: GoogleMemberRecord[]): void {
    this.memberList = members;
    this.membersByGroup.clear();
    for (const m of members) this.indexMember(m);
  }

  private indexMember(member: GoogleMemberRecord): void {
    const list = this.membersByGroup.get(member.groupId);
    if (list) list.push(member);
    else this.membersByGroup.set(member.groupId, [member]);
  }

  groups(): GoogleGroupRecord[] {
    return [...this.groupMap.values()];
  }

  /** A group by id or email. */
  findGroup(key: string): GoogleGroupRecord | undefined {
    const lower = key.toLowerCase();
    return this.groups().find((g) => g.id === key || g.email.toLowerCase() === lower);
  }

  members(groupId?: string): GoogleMemberRecord[] {
    return [...((groupId === undefined ? this.memberList : this.membersByGroup.get(groupId)) ?? [])];
  }

  orgUnits(): GoogleOrgUnitRecord[] {
    return [...this.orgUnitMap.values()];
  }

  addOrgUnit(orgUnitPath: string, description = ''): GoogleOrgUnitRecord {
    if (!orgUnitPath.startsWith('/') || orgUnitPath === '/') throw new ConsoleEditError(400, `not a sub-organization path: ${orgUnitPath}`);
    const existing = this.orgUnitMap.get(orgUnitPath);
    if (existing) return existing;
    const parentOrgUnitPath = orgUnitPath.slice(0, orgUnitPath.lastIndexOf('/')) || '/';
    if (parentOrgUnitPath !== '/') this.addOrgUnit(parentOrgUnitPath);
    const unit: GoogleOrgUnitRecord = {
      orgUnitId: `id:03ph8a2z${this.nextSequence().toString(36).padStart(6, '0')}`,
      name: orgUnitPath.slice(orgUnitPath.lastIndexOf('/') + 1),
      description,
      orgUnitPath,
      parentOrgUnitPath,
      blockInheritance: false,
    };
    this.orgUnitMap.set(orgUnitPath, unit);
    return unit;
  }

  addUser(input: NewGoogleUser): GoogleUserRecord {
    const primaryEmail = input.primaryEmail.toLowerCase();
    if (this.findUser(primaryEmail) || this.findGroup(primaryEmail)) throw new ConsoleEditError(409, `email already in use: ${primaryEmail}`);
    const orgUnitPath = input.orgUnitPath ?? '/';
    if (orgUnitPath !== '/') this.addOrgUnit(orgUnitPath);
    const at = new Date(this.now()).toISOString();
    const user: GoogleUserRecord = {
      id: String(USER_ID_BASE + BigInt(this.nextSequence()) * 7_919_000_001n),
      primaryEmail,
      name: { givenName: input.givenName, familyName: input.familyName, fullName: `${input.givenName} ${input.familyName}` },
      emails: [{ address: primaryEmail, primary: true }],
      phones: input.phones ?? [],
      organizations: input.organizations ?? [],
      externalIds: [],
      suspended: input.suspended ?? false,
      ...(input.suspended ? { suspensionReason: 'ADMIN' } : {}),
      archived: input.archived ?? false,
      orgUnitPath,
      isAdmin: input.isAdmin ?? false,
      isDelegatedAdmin: false,
      creationTime: at,
      lastLoginTime: '1970-01-01T00:00:00.000Z',
      ...(input.customSchemas ? { customSchemas: input.customSchemas } : {}),
    };
    this.userMap.set(user.id, user);
    this.userEdits += 1;
    this.indexAddresses(user);
    return user;
  }

  private requireUser(key: string): GoogleUserRecord {
    const user = this.findUser(key);
    if (!user) throw new ConsoleEditError(404, `no such user: ${key}`);
    return user;
  }

  updateUser(key: string, changes: GoogleUserUpdate): GoogleUserRecord {
    const user = this.requireUser(key);
    const next: GoogleUserRecord = { ...user, ...changes };
    if (changes.primaryEmail !== undefined) {
      next.primaryEmail = changes.primaryEmail.toLowerCase();
      next.emails = [{ address: next.primaryEmail, primary: true }, ...user.emails.filter((e) => !e.primary)];
    }
    if (changes.name !== undefined) next.name = { ...changes.name, fullName: `${changes.name.givenName} ${changes.name.familyName}` };
    if (next.orgUnitPath !== '/') this.addOrgUnit(next.orgUnitPath);
    if (!next.suspended) delete next.suspensionReason;
    this.userMap.set(user.id, next);
    this.userEdits += 1;
    this.indexAddresses(next);
    return next;
  }

  suspendUser(key: string, suspended = true): GoogleUserRecord {
    return this.updateUser(key, suspended ? { suspended, suspensionReason: 'ADMIN' } : { suspended });
  }

  /** Deleted users keep their record (listed with `showDeleted=true`) and lose their memberships. */
  deleteUser(key: string): GoogleUserRecord {
    const user = this.requireUser(key);
    const deleted = { ...user, deletionTime: new Date(this.now()).toISOString() };
    this.userMap.set(user.id, deleted);
    this.userEdits += 1;
    this.setMembers(this.memberList.filter((m) => m.memberId !== user.id));
    return deleted;
  }

  addGroup(input: { email: string; name: string; description?: string }): GoogleGroupRecord {
    const email = input.email.toLowerCase();
    if (this.findUser(email) || this.findGroup(email)) throw new ConsoleEditError(409, `email already in use: ${email}`);
    const group: GoogleGroupRecord = {
      id: `03${(1_000_000 + this.nextSequence() * 7919).toString(36).padStart(13, '0')}`,
      email,
      name: input.name,
      description: input.description ?? '',
      adminCreated: true,
    };
    this.groupMap.set(group.id, group);
    return group;
  }

  deleteGroup(key: string): void {
    const group = this.requireGroup(key);
    this.groupMap.delete(group.id);
    this.setMembers(this.memberList.filter((m) => m.groupId !== group.id && m.memberId !== group.id));
  }

  private requireGroup(key: string): GoogleGroupRecord {
    const group = this.findGroup(key);
    if (!group) throw new ConsoleEditError(404, `no such group: ${key}`);
    return group;
  }

  /** Add a user or a group (nesting) to a group; `memberKey` is an id or an email. */
  addMember(groupKey: string, memberKey: string, role: GoogleMemberRole = 'MEMBER'): GoogleMemberRecord {
    const group = this.requireGroup(groupKey);
    const user = this.findUser(memberKey);
    const nested = user ? undefined : this.findGroup(memberKey);
    if (!user && !nested) throw new ConsoleEditError(404, `no such user or group: ${memberKey}`);
    const memberId = user?.id ?? nested?.id ?? '';
    if (memberId === group.id) throw new ConsoleEditError(400, 'a group cannot contain itself');
    if (this.membersByGroup.get(group.id)?.some((m) => m.memberId === memberId)) throw new ConsoleEditError(409, `already a member: ${memberKey}`);
    const member: GoogleMemberRecord = { groupId: group.id, memberId, role, type: user ? 'USER' : 'GROUP' };
    this.memberList.push(member);
    this.indexMember(member);
    return member;
  }

  removeMember(groupKey: string, memberKey: string): void {
    const group = this.requireGroup(groupKey);
    const memberId = this.findUser(memberKey)?.id ?? this.findGroup(memberKey)?.id;
    const before = this.memberList.length;
    this.setMembers(this.memberList.filter((m) => !(m.groupId === group.id && m.memberId === memberId)));
    if (this.memberList.length === before) throw new ConsoleEditError(404, `not a member of ${groupKey}: ${memberKey}`);
  }

  /** Only the id is needed to name a member; a user that has been deleted no longer resolves. */
  userById(id: string): GoogleUserRecord | undefined {
    const user = this.userMap.get(id);
    return user?.deletionTime === undefined ? user : undefined;
  }

  groupById(id: string): GoogleGroupRecord | undefined {
    return this.groupMap.get(id);
  }
}
