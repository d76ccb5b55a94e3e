/** A rate-limit window as ZIA words it in a 429: `1/SECOND`, `10/MINUTE`, `40/HOUR`. */
export type LimitPeriod = 'SECOND' | 'MINUTE' | 'HOUR';

/** One limit of a budget: `limit` requests per `per`. */
export interface RateLimit {
  limit: number;
  per: LimitPeriod;
}

/** ZH-RL: "Every endpoint and action has two rate limit types": a burst limit and an hourly one. */
export interface EndpointBudget {
  burst: RateLimit;
  hourly: RateLimit;
}

export const PERIOD_MS: Record<LimitPeriod, number> = { SECOND: 1_000, MINUTE: 60_000, HOUR: 3_600_000 };

const budget = (limit: number, per: LimitPeriod, hourly: number): EndpointBudget => ({
  burst: { limit, per },
  hourly: { limit: hourly, per: 'HOUR' },
});

const LIGHT = budget(2, 'SECOND', 1000);
const MEDIUM = budget(1, 'SECOND', 400);
const HEAVY = budget(1, 'MINUTE', 4);

/** ZH-RL weights: Heavy (typically DELETE) 1/min & 4/hr; Medium (POST, PUT) 1/sec & 400/hr; Light (GET) 2/sec & 1000/hr. */
export const WEIGHT_BUDGETS: Readonly<Record<string, EndpointBudget>> = { GET: LIGHT, POST: MEDIUM, PUT: MEDIUM, DELETE: HEAVY };

type MethodBudgets = Partial<Record<'GET' | 'POST' | 'PUT' | 'DELETE', EndpointBudget>>;

/**
 * ZH-RLS "API Rate Limit Summary", the rows of the endpoints the simulator serves; routes are relative to the API prefix,
 * with Fastify's parameter syntax. `/groups` is listed twice (GET 1/sec & 400/hr beside POST, and GET 2/sec & 1000/hr);
 * the stricter row is used, so a client that keeps to it never meets the other [INF].
 */
export const ENDPOINT_BUDGETS: Readonly<Record<string, MethodBudgets>> = {
  '/authenticatedSession': { GET: LIGHT, POST: LIGHT, DELETE: LIGHT },
  '/users': { GET: budget(10, 'MINUTE', 40), POST: budget(2, 'SECOND', 1000) },
  '/users/:userId': { GET: LIGHT, PUT: budget(2, 'SECOND', 1000), DELETE: MEDIUM },
  '/users/auditors': { GET: LIGHT },
  '/users/bulkDelete': { POST: HEAVY },
  '/users/references': { GET: LIGHT },
  '/departments': { GET: LIGHT, POST: MEDIUM },
  '/departments/:departmentId': { GET: LIGHT, PUT: MEDIUM, DELETE: MEDIUM },
  '/departments/lite': { GET: LIGHT },
  '/departments/lite/:id': { GET: LIGHT },
  '/groups': { GET: MEDIUM, POST: MEDIUM },
  '/groups/:groupId': { GET: LIGHT, PUT: MEDIUM, DELETE: MEDIUM },
  '/groups/lite': { GET: LIGHT },
  '/groups/lite/:groupId': { GET: LIGHT },
  '/status': { GET: LIGHT },
  '/status/activate': { POST: budget(10, 'MINUTE', 40) },
};

/** The budget of `method` on `route` (relative to the API prefix): its ZH-RLS row, else its method's weight. */
export function budgetFor(method: string, route: string): EndpointBudget | undefined {
  const upper = method.toUpperCase() as keyof MethodBudgets;
  return ENDPOINT_BUDGETS[route]?.[upper] ?? WEIGHT_BUDGETS[upper];
}
