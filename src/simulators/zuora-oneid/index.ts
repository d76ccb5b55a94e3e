/*
 * Zuora OneID ("Universal Identity") SCIM simulator: a stateful fake of `one.zuora.com/scim/v2` and its
 * `/oauth2/token`, following Zuora's SCIM operation pages (developer.zuora.com) as restated in
 * docs/upstreams/zuora-oneid.md. Undocumented or contradictory points are [INF] and switchable; see README.md.
 */
export { createZuoraOneIdSimulator } from './simulator.js';
export type { ZuoraOneIdSimulator } from './simulator.js';
export type { ZuoraOneIdSimulatorOptions } from './options.js';
export { DEFAULT_BEHAVIOUR } from './behaviour.js';
export type { OneIdBehaviour } from './behaviour.js';
export type { RecordedCall } from '../call-log.js';
export type {
  OneIdGroupRecord,
  OneIdName,
  OneIdRegion,
  OneIdRole,
  OneIdUserRecord,
  OneIdUserStatus,
} from './records.js';
export type { OneIdTokenResponse } from './tokens.js';
export type { ResponseDelay, WhileDelayed } from './response-delays.js';
export { CONTROL_PREFIX, SCIM_PREFIX, TOKEN_PATH, URN } from './urns.js';
export { GZIP_THRESHOLD_BYTES } from './gzip.js';
export { USERS_DEFAULT_COUNT } from './routes-users.js';
export { GROUPS_DEFAULT_COUNT, GROUPS_MAX_COUNT } from './routes-groups.js';
