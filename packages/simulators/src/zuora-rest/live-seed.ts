import type { UserProfile, ZuoraRestState, ZuoraUser } from './state.js';
import { DEFAULT_PROFILES } from './state.js';

/*
 * A Zuora tenant as a customer's would be before the bridge is pointed at it (`seedProfile: 'live'`): the four stock
 * profiles and a custom one, two Administrators, a Read Only auditor, a Billing Clerk, Standard Users, someone on the
 * custom profile and a leaver left Inactive. Some usernames are emails and some are not, and some users carry a
 * title, department, phone, locale or time zone, as people fill them in. Everything is fixed (ids and dates
 * included), so a test can compare what the simulator holds with this file, field by field.
 */

/** The custom profile a tenant's admin made besides Zuora's stock ones. */
export const LIVE_CUSTOM_PROFILE: UserProfile = { id: 'p-collections', name: 'Collections Specialist' };

export const ZUORA_REST_LIVE_PROFILES: readonly UserProfile[] = [...DEFAULT_PROFILES, LIVE_CUSTOM_PROFILE];

/** A live user as seeded; the simulator adds its `tenantId`. */
export type LiveZuoraUser = Omit<ZuoraUser, 'tenantId'>;

export const ZUORA_REST_LIVE_USERS: readonly LiveZuoraUser[] = [
  {
    id: '2c92c0f8752b1a3f01753c6e4d2a0011',
    username: 'margaret.okafor@example.com',
    email: 'margaret.okafor@example.com',
    firstName: 'Margaret',
    lastName: 'Okafor',
    profileId: 'p-admin',
    status: 'Active',
    title: 'Director of Revenue Operations',
    department: 'Finance',
    phoneNumber: '+1 415 555 0142',
    timezone: 'America/Los_Angeles',
    createdDate: '2021-03-04T16:02:11.000Z',
    updatedDate: '2024-11-18T09:45:37.000Z',
  },
  {
    id: '2c92c0f8752b1a3f01753c6e4d2a0012',
    username: 'dreyes',
    email: 'daniel.reyes@example.com',
    firstName: 'Daniel',
    lastName: 'Reyes',
    profileId: 'p-admin',
    status: 'Active',
    title: 'Billing Systems Lead',
    department: 'Finance Systems',
    timezone: 'America/Chicago',
    createdDate: '2021-03-04T16:20:45.000Z',
    updatedDate: '2025-02-03T14:11:02.000Z',
  },
  {
    id: '2c92c0f8752b1a3f01753c6e4d2a0013',
    username: 'priya.raman@example.com',
    email: 'priya.raman@example.com',
    firstName: 'Priya',
    lastName: 'Raman',
    profileId: 'p-readonly',
    status: 'Active',
    title: 'External Auditor',
    department: 'Internal Audit',
    createdDate: '2023-01-09T10:30:00.000Z',
    updatedDate: '2023-01-09T10:30:00.000Z',
  },
  {
    id: '2c92c0f8752b1a3f01753c6e4d2a0014',
    username: 'tomasz.nowak@example.com',
    email: 'tomasz.nowak@example.com',
    firstName: 'Tomasz',
    lastName: 'Nowak',
    profileId: 'p-billing',
    status: 'Active',
    title: 'Billing Clerk',
    department: 'Accounts Receivable',
    phoneNumber: '+48 22 555 0198',
    locale: 'pl_PL',
    timezone: 'Europe/Warsaw',
    createdDate: '2022-06-21T07:55:19.000Z',
    updatedDate: '2024-04-02T12:00:48.000Z',
  },
  {
    id: '2c92c0f8752b1a3f01753c6e4d2a0015',
    username: 'aisha.bello@example.com',
    email: 'aisha.bello@example.com',
    firstName: 'Aisha',
    lastName: 'Bello',
    profileId: 'p-standard',
    status: 'Active',
    title: 'Revenue Accountant',
    department: 'Finance',
    createdDate: '2022-09-12T13:14:15.000Z',
    updatedDate: '2022-09-12T13:14:15.000Z',
  },
  {
    id: '2c92c0f8752b1a3f01753c6e4d2a0016',
    username: 'kwatanabe',
    email: 'kenji.watanabe@example.com',
    firstName: 'Kenji',
    lastName: 'Watanabe',
    profileId: 'p-standard',
    status: 'Active',
    timezone: 'Asia/Tokyo',
    createdDate: '2023-04-03T01:20:00.000Z',
    updatedDate: '2023-10-30T05:42:10.000Z',
  },
  {
    id: '2c92c0f8752b1a3f01753c6e4d2a0017',
    username: 'sofia.marquez@example.com',
    email: 'sofia.marquez@example.com',
    firstName: 'Sofía',
    lastName: 'Márquez',
    profileId: 'p-standard',
    status: 'Active',
    department: 'Sales Operations',
    createdDate: '2023-07-17T15:03:27.000Z',
    updatedDate: '2023-07-17T15:03:27.000Z',
  },
  {
    id: '2c92c0f8752b1a3f01753c6e4d2a0018',
    username: 'liam.oconnor@example.com',
    email: 'liam.oconnor@example.com',
    firstName: 'Liam',
    lastName: "O'Connor",
    profileId: 'p-standard',
    status: 'Active',
    title: 'Deal Desk Analyst',
    phoneNumber: '+353 1 555 0107',
    createdDate: '2024-01-22T09:00:00.000Z',
    updatedDate: '2024-08-05T16:37:51.000Z',
  },
  {
    id: '2c92c0f8752b1a3f01753c6e4d2a0019',
    username: 'chen.wei@example.com',
    email: 'chen.wei@example.com',
    firstName: 'Wei',
    lastName: 'Chen',
    profileId: LIVE_CUSTOM_PROFILE.id,
    status: 'Active',
    title: 'Collections Specialist',
    department: 'Accounts Receivable',
    createdDate: '2024-03-11T08:25:40.000Z',
    updatedDate: '2024-03-11T08:25:40.000Z',
  },
  {
    id: '2c92c0f8752b1a3f01753c6e4d2a001a',
    username: 'hannah.schmidt@example.com',
    email: 'hannah.schmidt@example.com',
    firstName: 'Hannah',
    lastName: 'Schmidt',
    profileId: 'p-standard',
    status: 'Inactive',
    title: 'Billing Analyst',
    department: 'Finance',
    createdDate: '2021-11-02T11:11:11.000Z',
    updatedDate: '2024-12-20T17:30:00.000Z',
  },
];

/** Ordinary users added on top (`seedUsers`): mostly Standard Users, now and then a Billing Clerk or a Read Only. */
export const ZUORA_REST_LIVE_SEED_CYCLE: readonly string[] = ['p-standard', 'p-standard', 'p-billing', 'p-standard', 'p-readonly'];

/** Load the live tenant into a fresh state: the custom profile, the users, and the profiles ordinary seeding uses. */
export function loadZuoraRestLiveSeed(state: ZuoraRestState): void {
  for (const profile of ZUORA_REST_LIVE_PROFILES) if (!state.hasProfile(profile.id)) state.addProfile(profile);
  for (const user of ZUORA_REST_LIVE_USERS) state.insertUser(user);
  state.useSeedProfiles([...ZUORA_REST_LIVE_SEED_CYCLE]);
}
