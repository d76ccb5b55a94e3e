import type { ZiaDirectory } from './directory.js';
import type { ZiaDepartment, ZiaGroup, ZiaUserFields } from './records.js';
import type { SeedPlacement, UserSeeder } from './seed.js';

/*
 * A ZIA organization as a customer's would be before the bridge is pointed at it (`seedProfile: 'live'`): departments
 * and groups with comments (some synced from a SAML identity provider, so with an `idpId`), a `Disabled Users` group
 * holding one user on leave, groups an admin keeps for policy (`Security Team - SSL Inspection Bypass`,
 * `Executives - Unrestricted`, `Remote Workers`), users in several groups each with `comments`, a contractor with a
 * `tempAuthEmail`, an admin user, an auditor and a service account. Every field the simulator models appears at least
 * once. Everything is fixed (ids included), and all of it is live policy from the start (nothing pending), so a test
 * can compare what the simulator holds with this file.
 */

export const ZIA_LIVE_DEPARTMENTS: readonly ZiaDepartment[] = [
  { id: 27481622, name: 'Engineering', comments: 'Product and platform engineering', idpId: 72001, deleted: false },
  { id: 27481623, name: 'Finance', idpId: 72002, deleted: false },
  { id: 27481624, name: 'Sales', comments: 'EMEA and NA field sales', idpId: 72003, deleted: false },
  { id: 27481625, name: 'Marketing', deleted: false },
  { id: 27481626, name: 'Customer Support', deleted: false },
  { id: 27481627, name: 'IT Operations', comments: 'Owns the Zscaler policy', deleted: false },
  { id: 27481628, name: 'Executive Office', deleted: false },
];

export const ZIA_LIVE_GROUPS: readonly ZiaGroup[] = [
  { id: 31094710, name: 'Engineering', idpId: 72101, isSystemDefined: false },
  { id: 31094711, name: 'Finance', idpId: 72102, isSystemDefined: false },
  { id: 31094712, name: 'Sales', isSystemDefined: false },
  { id: 31094713, name: 'Marketing', isSystemDefined: false },
  { id: 31094714, name: 'Customer Support', isSystemDefined: false },
  { id: 31094715, name: 'Contractors', comments: 'External staff: restricted URL categories', isSystemDefined: false },
  { id: 31094716, name: 'Disabled Users', comments: 'Browsing blocked pending offboarding', isSystemDefined: false },
  { id: 31094717, name: 'Security Team - SSL Inspection Bypass', comments: 'Managed by IT Security; not from the IdP', isSystemDefined: false },
  { id: 31094718, name: 'Executives - Unrestricted', comments: 'Approved by the CISO, 2024-02', isSystemDefined: false },
  { id: 31094719, name: 'Remote Workers', comments: 'Remote-work forwarding profile', isSystemDefined: false },
];

const department = (name: string) => (ZIA_LIVE_DEPARTMENTS.find((d) => d.name === name) as ZiaDepartment).id;
const groups = (...names: string[]) => names.map((name) => (ZIA_LIVE_GROUPS.find((g) => g.name === name) as ZiaGroup).id);

/** A live user as stored: its id and its fields (department and groups by id, the hosted-database password). */
export interface LiveZiaUser {
  id: number;
  fields: ZiaUserFields;
}

export const ZIA_LIVE_USERS: readonly LiveZiaUser[] = [
  {
    id: 51200341,
    fields: {
      name: 'Grace Whitfield',
      email: 'grace.whitfield@example.com',
      departmentId: department('IT Operations'),
      groupIds: groups('Security Team - SSL Inspection Bypass', 'Remote Workers'),
      comments: 'ZIA administrator (IT Security)',
      adminUser: true,
      type: 'ADMIN',
      password: 'Live-Seed-Passw0rd-1',
    },
  },
  {
    id: 51200342,
    fields: {
      name: 'Rahul Mehta',
      email: 'rahul.mehta@example.com',
      departmentId: department('Engineering'),
      groupIds: groups('Engineering', 'Remote Workers'),
      comments: 'Laptop refresh due Q3',
      adminUser: false,
      password: 'Live-Seed-Passw0rd-2',
    },
  },
  {
    id: 51200343,
    fields: {
      name: 'Emma Johansson',
      email: 'emma.johansson@example.com',
      departmentId: department('Executive Office'),
      groupIds: groups('Finance', 'Executives - Unrestricted'),
      comments: 'CFO',
      adminUser: false,
      password: 'Live-Seed-Passw0rd-3',
    },
  },
  {
    id: 51200344,
    fields: {
      name: 'Lucas Moreau',
      email: 'lucas.moreau@example.com',
      departmentId: department('Sales'),
      groupIds: groups('Sales', 'Remote Workers'),
      adminUser: false,
      password: 'Live-Seed-Passw0rd-4',
    },
  },
  {
    id: 51200345,
    fields: {
      name: 'Amara Nwosu',
      email: 'amara.nwosu@example.com',
      departmentId: department('Customer Support'),
      groupIds: groups('Customer Support'),
      comments: 'Team lead, Lagos office',
      adminUser: false,
      password: 'Live-Seed-Passw0rd-5',
    },
  },
  {
    id: 51200346,
    fields: {
      name: 'Diego Fernández',
      email: 'diego.fernandez@example.com',
      departmentId: department('Engineering'),
      groupIds: groups('Engineering', 'Contractors'),
      comments: 'Contract ends 2025-12-31',
      tempAuthEmail: 'diego.f@contractor.example.net',
      adminUser: false,
      password: 'Live-Seed-Passw0rd-6',
    },
  },
  {
    id: 51200347,
    fields: {
      name: 'Yuki Sato',
      email: 'yuki.sato@example.com',
      departmentId: department('Marketing'),
      groupIds: groups('Marketing', 'Remote Workers'),
      adminUser: false,
      password: 'Live-Seed-Passw0rd-7',
    },
  },
  {
    id: 51200348,
    fields: {
      name: 'Patrick Doyle',
      email: 'patrick.doyle@example.com',
      departmentId: department('Sales'),
      groupIds: groups('Disabled Users', 'Sales'),
      comments: 'On leave from 2025-01-15; browsing blocked',
      adminUser: false,
      password: 'Live-Seed-Passw0rd-8',
    },
  },
  {
    id: 51200349,
    fields: {
      name: 'Helen Park',
      email: 'helen.park@example.com',
      departmentId: department('Finance'),
      groupIds: groups('Finance'),
      comments: 'External audit firm, read-only',
      adminUser: false,
      type: 'AUDITOR',
      password: 'Live-Seed-Passw0rd-9',
    },
  },
  {
    id: 51200350,
    fields: {
      name: 'Backup Service',
      email: 'svc-backup@example.com',
      departmentId: department('IT Operations'),
      groupIds: groups('Security Team - SSL Inspection Bypass'),
      comments: 'Service account for nightly backups: do not modify',
      adminUser: false,
      password: 'Live-Seed-Passw0rd-10',
    },
  },
];

/** Where users seeded on top go: ordinary departments and their groups, never `Disabled Users` or an admin's groups. */
export const ZIA_LIVE_SEED_PLACEMENTS: readonly SeedPlacement[] = [
  { department: 'Engineering', groups: ['Engineering'] },
  { department: 'Sales', groups: ['Sales'] },
  { department: 'Customer Support', groups: ['Customer Support'] },
  { department: 'Engineering', groups: ['Engineering', 'Remote Workers'] },
  { department: 'Marketing', groups: ['Marketing'] },
  { department: 'Finance', groups: ['Finance'] },
];

/** Load the live organization into an empty directory, all of it live policy; later seeded users go to ordinary places. */
export function loadZiaLiveSeed(directory: ZiaDirectory, seeder: UserSeeder): void {
  for (const d of ZIA_LIVE_DEPARTMENTS) directory.insertDepartment(d);
  for (const g of ZIA_LIVE_GROUPS) directory.insertGroup(g);
  for (const u of ZIA_LIVE_USERS) {
    directory.insertUser(u.id, u.fields);
    directory.makeLive(u.id);
  }
  seeder.placeIn(ZIA_LIVE_SEED_PLACEMENTS.map((p) => ({ ...p, groups: [...p.groups] })));
}
