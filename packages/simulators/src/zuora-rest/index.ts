/*
 * Zuora REST `/v1/users` simulator. The `/v1/users` CRUD, `profileId` and `status` (Active/Inactive) semantics come
 * from the integration guide restated in docs/upstreams/zuora-rest.md §0, NOT from Zuora's public OpenAPI,
 * which documents none of these operations. Token, headers, error envelope, limits and
 * paging follow Zuora's documented v1 conventions (docs/upstreams/zuora-rest.md §1–§5). See README.md in this folder.
 */
export { createZuoraRestSimulator } from './simulator.js';
export type { ZuoraRestSimulator } from './simulator.js';
export type { ZuoraRestSimulatorOptions } from './options.js';
export type { ZuoraUser } from './state.js';
export { ZUORA_REST_LIVE_USERS } from './live-seed.js';
