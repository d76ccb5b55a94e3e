/*
 * Zuora OneID ("Universal Identity") SCIM simulator: a stateful fake of `one.zuora.com/scim/v2` and its
 * `/oauth2/token`, following Zuora's SCIM operation pages (developer.zuora.com) as restated in
 * docs/upstreams/zuora-oneid.md. Undocumented or contradictory points are [INF] and switchable; see README.md.
 */
export { createZuoraOneIdSimulator } from './simulator.js';
export type { ZuoraOneIdSimulator } from './simulator.js';
export type { ZuoraOneIdSimulatorOptions } from './options.js';
export { URN } from './urns.js';
export { ONEID_LIVE_USERS } from './live-seed.js';
