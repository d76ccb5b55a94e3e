/*
 * Google Workspace simulator: a stateful fake of the Admin SDK Directory API (`admin.googleapis.com/admin/directory/v1`)
 * and of Google's OAuth 2.0 token endpoint for a service account with domain-wide delegation, as a source reads them.
 * See README.md in this folder for what it simulates and the documentation it follows.
 */
export { createGoogleWorkspaceSimulator } from './simulator.js';
export type { GoogleWorkspaceSimulator } from './simulator.js';
export type { GoogleWorkspaceSimulatorOptions } from './options.js';
export { DIRECTORY_PREFIX } from './app.js';
export { JWT_BEARER_GRANT } from './jwt-grant.js';
export { READONLY_DIRECTORY_SCOPES } from './service-account.js';
export type { ServiceAccountKeyFile } from './service-account.js';
export { googleErrorBody, googleQuotaFault } from './errors.js';
export type { GoogleErrorReason, GoogleQuotaReason } from './errors.js';
export type { DirectorySeed } from './seed.js';
export type { GoogleCustomer, GoogleGroupRecord, GoogleMemberRecord, GoogleMemberRole, GoogleOrgUnitRecord, GoogleUserRecord } from './records.js';
export type { NewGoogleUser, GoogleUserUpdate } from './state.js';
export type { PageFailure } from './paging.js';
