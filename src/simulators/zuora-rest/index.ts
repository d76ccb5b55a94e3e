/*
 * Zuora REST `/v1/users` simulator. The `/v1/users` CRUD, `profileId` and `status` (Active/Inactive) semantics come
 * from the integration guide restated in docs/upstreams/zuora-rest.md §0, NOT from Zuora's public OpenAPI,
 * which documents none of these operations. Token, headers, error envelope, limits and
 * paging follow Zuora's documented v1 conventions (docs/upstreams/zuora-rest.md §1–§5). See README.md in this folder.
 */
export { createZuoraRestSimulator } from './simulator.js';
export type { ZuoraRestSimulator } from './simulator.js';
export type { ZuoraRateLimit, ZuoraRestSimulatorOptions } from './options.js';
export type { RecordedCall } from '../call-log.js';
export { DEFAULT_PROFILES } from './state.js';
export type { UserProfile, ZuoraUser, ZuoraUserStatus } from './state.js';
export { ZuoraCode } from './envelope.js';
export type { ZuoraErrorEnvelope } from './envelope.js';
export type { ZuoraTokenResponse } from './tokens.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './routes-users.js';
