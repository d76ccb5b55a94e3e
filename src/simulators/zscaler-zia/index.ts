/*
 * Zscaler Internet Access (ZIA) admin API simulator: a stateful fake of `zsapi.<cloud>.net/api/v1` (and optionally
 * OneAPI's `/zia/api/v1` with ZIdentity tokens), following the ZIA API guide on help.zscaler.com as summarised in
 * docs/upstreams/zscaler-zia.md. Undocumented or contradictory points are [INF] and switchable; see README.md.
 */
export { createZscalerZiaSimulator } from './simulator.js';
export type { ZscalerZiaSimulator } from './simulator.js';
export type { OrgUnitSeed, ZiaCloud, ZiaOneApiOptions, ZscalerZiaSimulatorOptions } from './options.js';
export { DEFAULT_BEHAVIOUR } from './behaviour.js';
export type { ZiaBehaviour } from './behaviour.js';
export { MIN_API_KEY_LENGTH, obfuscateApiKey } from './obfuscate-api-key.js';
export { ENDPOINT_BUDGETS, WEIGHT_BUDGETS, budgetFor } from './budgets.js';
export type { EndpointBudget, LimitPeriod, RateLimit } from './budgets.js';
export type { BudgetUsage } from './rate-limiter.js';
export type { ActivationRecord, ActivationTrigger, PendingChange, ZiaActivationStatus } from './activation.js';
export type { ZiaDepartment, ZiaGroup, ZiaReference, ZiaUser, ZiaUserRecord, ZiaUserType } from './records.js';
export { ZIA_USER_TYPES } from './records.js';
export { ZiaCode } from './errors.js';
export type { ZiaErrorBody } from './errors.js';
export { READ_ONLY_BODY, rateLimitBody, ziaFaults } from './zia-faults.js';
export { ONEAPI_AUDIENCE } from './oneapi-tokens.js';
export type { ZiaOneApiTokenResponse } from './oneapi-tokens.js';
export { USER_PAGES, REFERENCE_PAGES, ORG_UNIT_PAGES } from './list-query.js';
export type { RecordedCall } from '../call-log.js';
