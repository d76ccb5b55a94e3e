import type { OneIdGroupRecord, OneIdUserRecord } from './records.js';
import type { Seeder } from './seed.js';
import type { OneIdState } from './state.js';

/*
 * A OneID organization as a customer's would be before the bridge is pointed at it (`seedProfile: 'live'`): two
 * Organization Admins (one of them a local, non-SSO break-glass account), Standard Users with their own languages and
 * locales, one deactivated leaver, and user groups that an admin made in OneID for tenant permissions, with
 * descriptions and members (one of them empty). Nothing here is something the bridge created or manages. Everything is
 * fixed (ids and dates included) so a test can compare what the simulator holds with this file; the simulator adds
 * its own `organizationId` and `region`.
 */

export type LiveOneIdUser = Omit<OneIdUserRecord, 'organizationId' | 'region'>;
export type LiveOneIdGroup = Omit<OneIdGroupRecord, 'organizationId'>;

type Person = {
  id: string;
  given: string;
  family: string;
  email: string;
  role: 'ADMIN' | 'USER';
  sso: boolean;
  language: string;
  locale: string;
  created: string;
  lastModified: string;
  status?: 'INACTIVE';
};

/** One user as OneID stores it: the display name is the formatted name, the externalId the SSO login. */
function user(p: Person): LiveOneIdUser {
  const formatted = `${p.given} ${p.family}`;
  const active = p.status !== 'INACTIVE';
  return {
    id: p.id,
    userName: p.email,
    externalId: p.email,
    name: { formatted, familyName: p.family, givenName: p.given },
    displayName: formatted,
    preferredLanguage: p.language,
    locale: p.locale,
    active,
    email: p.email,
    roles: [p.role],
    ssoEnabled: p.sso,
    status: active ? 'ACTIVE' : 'INACTIVE',
    created: p.created,
    lastModified: p.lastModified,
  };
}

export const ONEID_LIVE_USERS: readonly LiveOneIdUser[] = [
  user({
    id: '3f6d2a10-8c4b-4e1a-9b57-0c1d2e3f4a01',
    given: 'Rebecca',
    family: 'Lindqvist',
    email: 'rebecca.lindqvist@example.com',
    role: 'ADMIN',
    sso: true,
    language: 'en',
    locale: 'en-US',
    created: '2022-02-14T09:12:03.114Z',
    lastModified: '2024-10-01T08:00:41.902Z',
  }),
  user({
    id: '3f6d2a10-8c4b-4e1a-9b57-0c1d2e3f4a02',
    given: 'Samuel',
    family: 'Adeyemi',
    email: 'samuel.adeyemi@example.com',
    role: 'ADMIN',
    sso: false,
    language: 'en',
    locale: 'en-GB',
    created: '2022-02-14T09:30:55.020Z',
    lastModified: '2022-02-14T09:30:55.020Z',
  }),
  user({
    id: '3f6d2a10-8c4b-4e1a-9b57-0c1d2e3f4a03',
    given: 'Mei',
    family: 'Tanaka',
    email: 'mei.tanaka@example.com',
    role: 'USER',
    sso: true,
    language: 'ja',
    locale: 'ja-JP',
    created: '2023-05-08T00:45:10.501Z',
    lastModified: '2024-06-12T03:21:09.377Z',
  }),
  user({
    id: '3f6d2a10-8c4b-4e1a-9b57-0c1d2e3f4a04',
    given: 'Carlos',
    family: 'Mendes',
    email: 'carlos.mendes@example.com',
    role: 'USER',
    sso: true,
    language: 'pt',
    locale: 'pt-BR',
    created: '2023-05-08T13:02:44.218Z',
    lastModified: '2023-05-08T13:02:44.218Z',
  }),
  user({
    id: '3f6d2a10-8c4b-4e1a-9b57-0c1d2e3f4a05',
    given: 'Fatima',
    family: 'El Idrissi',
    email: 'fatima.elidrissi@example.com',
    role: 'USER',
    sso: true,
    language: 'fr',
    locale: 'fr-FR',
    created: '2023-09-19T07:40:00.000Z',
    lastModified: '2025-01-07T10:15:32.640Z',
  }),
  user({
    id: '3f6d2a10-8c4b-4e1a-9b57-0c1d2e3f4a06',
    given: 'Jonas',
    family: 'Berg',
    email: 'jonas.berg@example.com',
    role: 'USER',
    sso: true,
    language: 'en',
    locale: 'en-US',
    created: '2024-01-15T15:55:12.003Z',
    lastModified: '2024-01-15T15:55:12.003Z',
  }),
  user({
    id: '3f6d2a10-8c4b-4e1a-9b57-0c1d2e3f4a07',
    given: 'Olivia',
    family: 'Hart',
    email: 'olivia.hart@example.com',
    role: 'USER',
    sso: true,
    language: 'en',
    locale: 'en-AU',
    created: '2024-04-22T22:10:48.760Z',
    lastModified: '2024-09-30T04:02:19.115Z',
  }),
  user({
    id: '3f6d2a10-8c4b-4e1a-9b57-0c1d2e3f4a08',
    given: 'Noah',
    family: 'Fischer',
    email: 'noah.fischer@example.com',
    role: 'USER',
    sso: true,
    language: 'de',
    locale: 'de-DE',
    created: '2022-11-03T08:08:08.808Z',
    lastModified: '2024-12-31T16:45:00.000Z',
    status: 'INACTIVE',
  }),
];

const member = (n: number) => `3f6d2a10-8c4b-4e1a-9b57-0c1d2e3f4a0${n}`;

export const ONEID_LIVE_GROUPS: readonly LiveOneIdGroup[] = [
  {
    id: '9a1b7c42-5d3e-4f60-8a71-b2c3d4e5f601',
    displayName: 'Tenant Administrators',
    description: 'Organization admins with every tenant permission',
    members: [member(1), member(2)],
    created: '2022-02-14T09:40:00.000Z',
    lastModified: '2022-02-14T09:40:00.000Z',
  },
  {
    id: '9a1b7c42-5d3e-4f60-8a71-b2c3d4e5f602',
    displayName: 'Billing Ops - Production',
    description: 'Production tenant: Billing Operations role',
    members: [member(4), member(5), member(7)],
    created: '2023-05-08T12:58:31.400Z',
    lastModified: '2024-09-30T04:02:19.115Z',
  },
  {
    id: '9a1b7c42-5d3e-4f60-8a71-b2c3d4e5f603',
    displayName: 'Finance Read-Only',
    description: 'Read-only access to the Finance tenant for auditors',
    members: [member(3), member(6)],
    created: '2023-05-09T08:00:00.000Z',
    lastModified: '2024-06-12T03:21:09.377Z',
  },
  {
    id: '9a1b7c42-5d3e-4f60-8a71-b2c3d4e5f604',
    displayName: 'Sandbox Developers',
    description: 'API and sandbox tenant access for the integration team',
    // The leaver is still a member: deactivating a user in OneID does not take it out of its groups.
    members: [member(2), member(6), member(8)],
    created: '2023-10-02T14:20:05.551Z',
    lastModified: '2024-12-31T16:45:00.000Z',
  },
  {
    id: '9a1b7c42-5d3e-4f60-8a71-b2c3d4e5f605',
    displayName: 'Contractors 2025',
    description: '',
    members: [],
    created: '2025-01-06T09:00:00.000Z',
    lastModified: '2025-01-06T09:00:00.000Z',
  },
];

/** Load the live organization into a fresh state; users seeded afterwards are ordinary (role USER). */
export function loadOneIdLiveSeed(state: OneIdState, seeder: Seeder): void {
  for (const u of ONEID_LIVE_USERS) state.insertUser(u);
  for (const g of ONEID_LIVE_GROUPS) state.insertGroup(g);
  seeder.ordinaryOnly();
}
