import { simulatorHandle } from '../simulator-handle.js';
import type { SimulatorHandle } from '../simulator-handle.js';
import { createSimulatorInstruments } from '../simulator-instruments.js';
import { buildGoogleWorkspaceApp } from './app.js';
import { googleQuotaFault, renderGoogleFault } from './errors.js';
import type { GoogleErrorReason, GoogleQuotaReason } from './errors.js';
import { resolveOptions } from './options.js';
import type { GoogleWorkspaceSimulatorOptions } from './options.js';
import { Pager } from './paging.js';
import type { PageFailure } from './paging.js';
import type { GoogleCustomer, GoogleGroupRecord, GoogleMemberRecord, GoogleMemberRole, GoogleOrgUnitRecord, GoogleUserRecord } from './records.js';
import { TOKEN_PATH } from './routes-token.js';
import { seedDirectory } from './seed.js';
import type { DirectorySeed } from './seed.js';
import { createServiceAccount, keyFile } from './service-account.js';
import type { ServiceAccountKeyFile } from './service-account.js';
import { DirectoryState } from './state.js';
import type { GoogleUserUpdate, NewGoogleUser } from './state.js';
import { GoogleTokens } from './tokens.js';

/**
 * A Google Workspace simulator (ready to `inject` or `listen`): the Admin SDK Directory API under
 * `/admin/directory/v1` and the service-account token endpoint at `/token`. Route templates for `count`, `failNext`
 * and `failPage` are e.g. `GET /admin/directory/v1/users`.
 */
export interface GoogleWorkspaceSimulator extends SimulatorHandle {
  customer: GoogleCustomer;
  /** The service account's JSON key file, its `token_uri` this simulator's `/token` (call after `listen`). */
  serviceAccountKey(): ServiceAccountKeyFile;
  /** Scopes domain-wide delegation authorises now. */
  grantedScopes(): string[];
  /** Change what domain-wide delegation authorises (as an admin edits it in the Admin console). */
  setGrantedScopes(scopes: readonly string[]): void;
  /** Replace the directory with a realistic, deterministic one (see `seed.ts`). */
  seedDirectory(seed: DirectorySeed): { users: GoogleUserRecord[]; groups: GoogleGroupRecord[] };
  /** The first super admin's email: the subject a source impersonates. */
  adminEmail(): string | undefined;
  users(): GoogleUserRecord[];
  deletedUsers(): GoogleUserRecord[];
  getUser(key: string): GoogleUserRecord | undefined;
  groups(): GoogleGroupRecord[];
  members(groupKey?: string): GoogleMemberRecord[];
  orgUnits(): GoogleOrgUnitRecord[];
  /** An admin's edits in the Admin console (never in the call log); throw `ConsoleEditError` (404 unknown, 409 taken). */
  addUser(user: NewGoogleUser): GoogleUserRecord;
  updateUser(key: string, changes: GoogleUserUpdate): GoogleUserRecord;
  suspendUser(key: string, suspended?: boolean): GoogleUserRecord;
  deleteUser(key: string): GoogleUserRecord;
  addGroup(group: { email: string; name: string; description?: string }): GoogleGroupRecord;
  deleteGroup(key: string): void;
  addMember(groupKey: string, memberKey: string, role?: GoogleMemberRole): GoogleMemberRecord;
  removeMember(groupKey: string, memberKey: string): void;
  addOrgUnit(orgUnitPath: string, description?: string): GoogleOrgUnitRecord;
  /** A live access token without the JWT round trip (not in the call log); default the granted scopes, as the first admin. */
  issueToken(grant?: { scopes?: string[]; subject?: string }): string;
  /** The `page`-th page (1-based) of a listing `route` answers `status` once (e.g. `failPage('GET /admin/directory/v1/users', 3, 503)`). */
  failPage(route: string, page: number, status: number, reason?: GoogleErrorReason): void;
  pendingPageFailures(): PageFailure[];
  /** The next `count` requests (matching `route`) get Google's quota answer: 403 `userRateLimitExceeded`/`quotaExceeded`, 429 `rateLimitExceeded`. */
  failQuota(count: number, reason: GoogleQuotaReason, route?: string): void;
  /** Make every page token issued so far stale (400 when used). */
  invalidatePageTokens(): void;
}

/** A stateful simulator of the Google Workspace Admin SDK Directory API read by a source; see README.md in this folder. */
export function createGoogleWorkspaceSimulator(input: GoogleWorkspaceSimulatorOptions = {}): GoogleWorkspaceSimulator {
  const options = resolveOptions(input);
  const state = new DirectoryState({ id: options.customerId, domain: options.domain }, options.now);
  if (options.seed) seedDirectory(state, options.seed);
  const account = createServiceAccount(options.projectId, options.grantedScopes);
  const tokens = new GoogleTokens(options.now, options.tokenTtlSeconds);
  const pager = new Pager(options.now);
  let baseUrl = options.publicBaseUrl ?? 'http://127.0.0.1';
  const instruments = createSimulatorInstruments({
    renderFault: renderGoogleFault,
    faultSettings: options.faults,
    defaultExclude: [`POST ${TOKEN_PATH}`],
    expireTokens: () => tokens.expireAll(),
  });
  const snapshot = () => ({
    customer: state.customer,
    serviceAccount: { clientEmail: account.clientEmail, clientId: account.clientId, grantedScopes: [...account.grantedScopes] },
    orgUnits: state.orgUnits(),
    users: state.users(),
    deletedUsers: state.deletedUsers(),
    groups: state.groups(),
    members: state.members(),
    pageFailures: pager.pendingPageFailures(),
  });
  const app = buildGoogleWorkspaceApp({ options, state, account, tokens, pager, ...instruments, baseUrl: () => baseUrl, snapshot });
  const handle = simulatorHandle(app, instruments, snapshot);

  return {
    ...handle,
    listen: async (port, host) => {
      const url = await handle.listen(port, host);
      if (options.publicBaseUrl === undefined) baseUrl = url;
      return url;
    },
    customer: state.customer,
    serviceAccountKey: () => keyFile(account, baseUrl),
    grantedScopes: () => [...account.grantedScopes],
    setGrantedScopes: (scopes) => {
      account.grantedScopes = new Set(scopes);
    },
    seedDirectory: (seed) => seedDirectory(state, seed),
    adminEmail: () => state.users().find((u) => u.isAdmin && !u.suspended)?.primaryEmail,
    users: () => state.users(),
    deletedUsers: () => state.deletedUsers(),
    getUser: (key) => state.findUser(key),
    groups: () => state.groups(),
    members: (groupKey) => (groupKey === undefined ? state.members() : state.members(state.findGroup(groupKey)?.id ?? '')),
    orgUnits: () => state.orgUnits(),
    addUser: (user) => state.addUser(user),
    updateUser: (key, changes) => state.updateUser(key, changes),
    suspendUser: (key, suspended) => state.suspendUser(key, suspended),
    deleteUser: (key) => state.deleteUser(key),
    addGroup: (group) => state.addGroup(group),
    deleteGroup: (key) => state.deleteGroup(key),
    addMember: (groupKey, memberKey, role) => state.addMember(groupKey, memberKey, role),
    removeMember: (groupKey, memberKey) => state.removeMember(groupKey, memberKey),
    addOrgUnit: (path, description) => state.addOrgUnit(path, description),
    issueToken: (grant = {}) => {
      const subject = grant.subject ?? state.users().find((u) => u.isAdmin)?.primaryEmail;
      return tokens.issue({ scopes: grant.scopes ?? [...account.grantedScopes], ...(subject === undefined ? {} : { subject }) }).access_token;
    },
    failPage: (route, page, status, reason) => pager.failPage({ route, page, status, ...(reason === undefined ? {} : { reason }) }),
    pendingPageFailures: () => pager.pendingPageFailures(),
    failQuota: (count, reason, route) => instruments.faults.failNext(count, googleQuotaFault(reason), route),
    invalidatePageTokens: () => pager.invalidateTokens(),
  };
}
