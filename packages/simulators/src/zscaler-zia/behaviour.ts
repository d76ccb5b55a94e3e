import { z } from 'zod';

/**
 * Where ZIA's documentation is silent or contradicts itself, or a test needs the other reading: switchable at run time
 * (`sim.setBehaviour`, `PATCH /__sim/behaviour`). Defaults are the documented reading, else the most likely one [INF].
 */
export const behaviourSchema = z.strictObject({
  /**
   * A bad obfuscated key or a timestamp more than 2 h from the server's clock: `401` (`INVALID_API_KEY`) [INF], or
   * `400`, answered exactly like a bad username or password. The status is undocumented (docs/upstreams/zscaler-zia.md §10).
   */
  badApiKeyStatus: z.union([z.literal(400), z.literal(401)]),
  /**
   * `POST /users/bulkDelete`: `ids` = 200 `{"ids":[deleted…]}` as documented (ZH-UM "returns the user IDs that were
   * successfully deleted"); `empty` = 204 without a body, which is what ZSDK expects [SDK].
   */
  bulkDeleteResponse: z.enum(['ids', 'empty']),
  /** `DELETE /users/{id}`: 200 without a body (ZH-UM) or 204 (ZSDK tolerates both). */
  userDeleteStatus: z.union([z.literal(200), z.literal(204)]),
  /** Status of the non-JSON "only through Zscaler OneAPI" answer to legacy department/group writes [INF]. */
  oneApiOnlyStatus: z.number().int().min(400).max(499),
  /** Enforce the per-endpoint budgets (docs/upstreams/zscaler-zia.md §7); consumption is recorded either way, see `budgetUsage()`. */
  rateLimits: z.boolean(),
  /**
   * How a budget is enforced [INF: ZIA does not say]. `token-bucket`: each limit is a bucket of N tokens refilled at
   * N per period. `sliding-window`: at most N accepted requests in any period-long window (the strict reading).
   */
  rateLimitAlgorithm: z.enum(['token-bucket', 'sliding-window']),
  /** Also send a `Retry-After` header on a 429 (ZIA documents the value in the body only). */
  retryAfterHeader: z.boolean(),
  /** Scheduled-upgrade maintenance: writes answer 403 `STATE_READONLY` + `x-zscaler-mode: read-only`; GETs work. */
  readOnly: z.boolean(),
  /** ZH-GS: "automatically activates the saved changes if the admin … logs out using DELETE /authenticatedSession". */
  activateOnLogout: z.boolean(),
  /**
   * ZH-GS: "… automatically activates the saved changes if the admin is inactive for a specific duration as
   * configured in the Advanced Settings": seconds without an authenticated request, or `null` for never. The tenant's
   * setting is unknown; the default is the 5-minute session idle timeout [INF].
   */
  activateAfterIdleSeconds: z.number().int().min(1).nullable(),
});

export type ZiaBehaviour = z.infer<typeof behaviourSchema>;

export const DEFAULT_BEHAVIOUR: ZiaBehaviour = {
  badApiKeyStatus: 401,
  bulkDeleteResponse: 'ids',
  userDeleteStatus: 200,
  oneApiOnlyStatus: 403,
  rateLimits: true,
  rateLimitAlgorithm: 'token-bucket',
  retryAfterHeader: false,
  readOnly: false,
  activateOnLogout: true,
  activateAfterIdleSeconds: 300,
};

/** The live switches, read per request so they can change between requests. */
export class BehaviourSwitches {
  private current: ZiaBehaviour;

  constructor(initial: Partial<ZiaBehaviour> = {}) {
    this.current = behaviourSchema.parse({ ...DEFAULT_BEHAVIOUR, ...initial });
  }

  get(): ZiaBehaviour {
    return { ...this.current };
  }

  /** Change some switches (validated); returns the whole new set. */
  set(changes: Partial<ZiaBehaviour>): ZiaBehaviour {
    this.current = behaviourSchema.parse({ ...this.current, ...changes });
    return this.get();
  }
}
