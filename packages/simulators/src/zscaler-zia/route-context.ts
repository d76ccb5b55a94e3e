import type { ActivationLedger } from './activation.js';
import type { BehaviourSwitches } from './behaviour.js';
import type { ZiaDirectory } from './directory.js';
import type { ResolvedOptions } from './options.js';
import type { UserInputContext } from './user-input.js';

/** Which door a request came in by: the legacy session API, or OneAPI with a bearer token (docs/upstreams/zscaler-zia.md §8). */
export type ApiFlavor = 'legacy' | 'oneapi';

/** What every API route plugin is given. */
export interface ZiaRouteOptions {
  directory: ZiaDirectory;
  ledger: ActivationLedger;
  behaviour: BehaviourSwitches;
  options: ResolvedOptions;
  flavor: ApiFlavor;
}

export function userInputContext(route: ZiaRouteOptions): UserInputContext {
  const { options, directory } = route;
  return { directory, domains: options.domains, hostedDb: options.hostedDb, passwordMinLength: options.passwordMinLength };
}

export type IdParams<K extends string> = { Params: Record<K, string> };
export type QueryOf = { Querystring: Record<string, unknown> };
