/*
 * Zscaler Internet Access (ZIA) admin API simulator: a stateful fake of `zsapi.<cloud>.net/api/v1` (and optionally
 * OneAPI's `/zia/api/v1` with ZIdentity tokens), following the ZIA API guide on help.zscaler.com as summarised in
 * docs/upstreams/zscaler-zia.md. Undocumented or contradictory points are [INF] and switchable; see README.md.
 */
export { createZscalerZiaSimulator } from './simulator.js';
export type { ZscalerZiaSimulator } from './simulator.js';
export type { ZscalerZiaSimulatorOptions } from './options.js';
export type { ZiaBehaviour } from './behaviour.js';
export { MIN_API_KEY_LENGTH, obfuscateApiKey } from './obfuscate-api-key.js';
export { WEIGHT_BUDGETS, budgetFor } from './budgets.js';
export type { LimitPeriod } from './budgets.js';
export { ZiaCode } from './errors.js';
export { READ_ONLY_BODY, ziaFaults } from './zia-faults.js';
export type { ZiaUserRecord } from './records.js';
export { ZIA_LIVE_USERS } from './live-seed.js';
