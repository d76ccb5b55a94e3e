import type { FaultSettings, SimulatorHandle } from '@scim-bridge/simulators';
import type { IntendedUpstreamUser } from '../support/provisioning-script.js';
import type { SoakBridge } from './soak-bridge.js';

/** A user as one upstream holds it, reduced to what that upstream can hold; `key` identifies it (its login). */
export interface HeldUser {
  key: string;
  [field: string]: string | boolean;
}

/** One upstream under soak: its simulator, the bridge in front of it, and how to read and predict its users. */
export interface SoakTarget extends SoakBridge {
  name: string;
  sim: SimulatorHandle;
  /** Invalidate the bridge's upstream credentials (OAuth tokens, or ZIA's JSESSIONID) at once. */
  expireCredentials(): void;
  /** The users the upstream holds now. */
  held(): HeldUser[];
  /**
   * Resolves once the bridge has sent every write it answered before sending it (ZIA's queued deletions), so that
   * `held()` shows what the IdP was told. Absent where every write reaches the upstream before the IdP is answered.
   */
  settle?(): Promise<void>;
  /** The users it must hold once the script has run, from the script's intended Zuora REST state. */
  intended(users: readonly IntendedUpstreamUser[]): HeldUser[];
}

/**
 * The soak's fault mix (issue 5, "Reliability under faults"): 10 % 429, 5 % 503, 2 % connection resets before
 * processing, and 0–4 ms of jitter on every API request. Token and session endpoints stay spared (each simulator
 * excludes its own by default); their expiry is forced separately.
 */
export const soakFaults = (seed: number): FaultSettings => ({
  seed,
  rateLimitRatio: 0.1,
  serverErrorRatio: 0.05,
  serverErrorStatuses: [503],
  resetRatio: 0.02,
  latencyMs: [0, 4],
});

/** Held users in a stable order, so two lists compare element by element. */
export const byKey = (users: HeldUser[]): HeldUser[] => [...users].sort((a, b) => a.key.localeCompare(b.key));

/** Intended users missing upstream, and upstream users present more than once (by key, case-insensitively). */
export function lossAndDuplication(held: readonly HeldUser[], intended: readonly HeldUser[]): { lost: number; duplicated: number } {
  const keys = held.map((u) => u.key.toLowerCase());
  const present = new Set(keys);
  return {
    lost: intended.filter((u) => !present.has(u.key.toLowerCase())).length,
    duplicated: keys.length - present.size,
  };
}
