import { randomBytes, randomUUID } from 'node:crypto';
import type { FaultSettings } from '../faults.js';
import type { SeedProfile } from '../seed-profile.js';
import type { ZiaBehaviour } from './behaviour.js';
import { MIN_API_KEY_LENGTH } from './obfuscate-api-key.js';

/** The ZIA clouds of ZH-GS (`zsapi.<cloud>.net`); ZSDK adds `zspreview` [SDK]. */
export type ZiaCloud = 'zscaler' | 'zscalerone' | 'zscalertwo' | 'zscalerthree' | 'zscloud' | 'zscalerbeta' | 'zspreview';

/** A department or group to seed: a name, or a name with comments. */
export type OrgUnitSeed = string | { name: string; comments?: string };

/** OneAPI (ZIdentity OAuth, docs/upstreams/zscaler-zia.md §8): served beside the legacy API when enabled. */
export interface ZiaOneApiOptions {
  clientId?: string;
  clientSecret?: string;
  /** Where the ZIA API is under OneAPI; default `/zia/api/v1`. */
  prefix?: string;
  /** Default `/oauth2/v1/token`. */
  tokenPath?: string;
  /** Default 3600 (ZH-ONE sample). */
  tokenTtlSeconds?: number;
}

export interface ZscalerZiaSimulatorOptions {
  /** The raw cloud-service API key (≥ 12 characters); 12 random alphanumerics by default. */
  apiKey?: string;
  /** The API admin's login; default `admin@example.com`. */
  username?: string;
  password?: string;
  cloud?: ZiaCloud;
  /** The legacy API's mount point; default `/api/v1`. */
  apiPrefix?: string;
  /** Email domains that "belong to the organization" (ZH-UM); `'any'` accepts every domain. Default `['example.com']`. */
  domains?: string[] | 'any';
  /**
   * `live`: start as a customer's organization would be (`live-seed.ts`: its departments, groups and users, instead of
   * `departments` and `groups`); default `plain` (those units, no users).
   */
  seedProfile?: SeedProfile;
  /** Departments the organization starts with; default Engineering, Finance, Sales, Marketing. */
  departments?: OrgUnitSeed[];
  /** Groups the organization starts with; default Engineering, Finance, Sales, Disabled Users. */
  groups?: OrgUnitSeed[];
  /** Users authenticate against ZIA's hosted database, so `password` is required on create (ZH-UM); default true. */
  hostedDb?: boolean;
  /** "Password strength must follow what is defined in the auth settings" (ZH-UM): the minimum length; default 8 [INF]. */
  passwordMinLength?: number;
  /** Session idle timeout; default 300 (ZH-GS "expires in 5 minutes"). */
  sessionIdleSeconds?: number;
  /** Session lifetime from login; default 300 [INF]. */
  sessionMaxAgeSeconds?: number;
  /** How far the login `timestamp` may be from the server's clock; default 7200 (ZH-GS "within a two-hour range"). */
  timestampToleranceSeconds?: number;
  /** `passwordExpiryTime` / `passwordExpiryDays` in the login answer; default -1 (ZSDK reads -1 as "no expiry" [SDK]). */
  passwordExpiryTime?: number;
  passwordExpiryDays?: number;
  /** Most ids one `POST /users/bulkDelete` takes; default 500 (ZH-UM). */
  bulkDeleteMax?: number;
  /** Serve OneAPI too: `true` for the defaults. */
  oneApi?: boolean | ZiaOneApiOptions;
  behaviour?: Partial<ZiaBehaviour>;
  /** Clock in epoch milliseconds (sessions, login timestamps, budgets, activation); default `Date.now`. */
  now?: () => number;
  faults?: FaultSettings;
  /** Serve the `/__sim/` control surface; default true. */
  controlSurface?: boolean;
  logger?: boolean;
}

export type ResolvedOneApi = Required<ZiaOneApiOptions>;

type OptionalKeys = 'behaviour' | 'faults' | 'oneApi';
export type ResolvedOptions = Required<Omit<ZscalerZiaSimulatorOptions, OptionalKeys>> &
  Pick<ZscalerZiaSimulatorOptions, 'behaviour' | 'faults'> & { oneApi: ResolvedOneApi | undefined };

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomKey = (length: number) => [...randomBytes(length)].map((b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');

function resolveOneApi(input: ZscalerZiaSimulatorOptions['oneApi']): ResolvedOneApi | undefined {
  if (!input) return undefined;
  const given = input === true ? {} : input;
  return {
    clientId: given.clientId ?? randomUUID(),
    clientSecret: given.clientSecret ?? randomBytes(24).toString('base64url'),
    prefix: given.prefix ?? '/zia/api/v1',
    tokenPath: given.tokenPath ?? '/oauth2/v1/token',
    tokenTtlSeconds: given.tokenTtlSeconds ?? 3600,
  };
}

export function resolveOptions(options: ZscalerZiaSimulatorOptions = {}): ResolvedOptions {
  const apiKey = options.apiKey ?? randomKey(MIN_API_KEY_LENGTH);
  if (apiKey.length < MIN_API_KEY_LENGTH) throw new RangeError(`apiKey must have at least ${MIN_API_KEY_LENGTH} characters`);
  return {
    ...options,
    apiKey,
    username: options.username ?? 'admin@example.com',
    password: options.password ?? randomKey(16),
    cloud: options.cloud ?? 'zscaler',
    apiPrefix: options.apiPrefix ?? '/api/v1',
    domains: options.domains ?? ['example.com'],
    seedProfile: options.seedProfile ?? 'plain',
    departments: options.departments ?? ['Engineering', 'Finance', 'Sales', 'Marketing'],
    groups: options.groups ?? ['Engineering', 'Finance', 'Sales', 'Disabled Users'],
    hostedDb: options.hostedDb ?? true,
    passwordMinLength: options.passwordMinLength ?? 8,
    sessionIdleSeconds: options.sessionIdleSeconds ?? 300,
    sessionMaxAgeSeconds: options.sessionMaxAgeSeconds ?? 300,
    timestampToleranceSeconds: options.timestampToleranceSeconds ?? 7200,
    passwordExpiryTime: options.passwordExpiryTime ?? -1,
    passwordExpiryDays: options.passwordExpiryDays ?? -1,
    bulkDeleteMax: options.bulkDeleteMax ?? 500,
    oneApi: resolveOneApi(options.oneApi),
    now: options.now ?? Date.now,
    controlSurface: options.controlSurface ?? true,
    logger: options.logger ?? false,
  };
}
