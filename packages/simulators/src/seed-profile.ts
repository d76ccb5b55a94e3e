/**
 * How a simulator's tenant starts. `plain`: the simulator's defaults and nothing else (users come from `seedUsers`).
 * `live`: a tenant as a customer's would be before the bridge first touches it (admins, custom profiles or groups,
 * deactivated users, fields the bridge does not map), from the `live-seed.ts` of each simulator's folder.
 */
export const SEED_PROFILES = ['plain', 'live'] as const;
export type SeedProfile = (typeof SEED_PROFILES)[number];
