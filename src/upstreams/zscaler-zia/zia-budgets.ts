import type { BudgetRule, RateWindow } from '../http/request-budget.js';

/** Route templates the adapter sends (and budgets and call records are keyed by), relative to `/api/v1`. */
export const ZIA_ROUTES = {
  users: '/users',
  user: '/users/{userId}',
  bulkDelete: '/users/bulkDelete',
  departments: '/departments',
  groups: '/groups',
  status: '/status',
  activate: '/status/activate',
} as const;

const SECOND = 1_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
/**
 * Our clock and ZIA's differ by the network's latency: a window a little longer than documented keeps a request sent
 * just as a window reopens from arriving just before it does.
 */
const MARGIN_MS = 50;

const per = (count: number, ms: number): RateWindow => ({ count, perMs: ms + MARGIN_MS });

/**
 * ZIA's documented per-endpoint limits for every call the adapter makes (docs/upstreams/zscaler-zia.md §7, ZH-RLS "API Rate Limit
 * Summary"), each a burst window and an hourly one. `/groups` is listed twice (GET 1/s & 400/h, and 2/s & 1000/h): the
 * stricter row is kept. Listing users (10/min & 40/h) and activating (10/min & 40/h) are the scarce ones.
 */
export const ZIA_BUDGET_RULES: readonly BudgetRule[] = [
  { method: 'GET', route: ZIA_ROUTES.users, windows: [per(10, MINUTE), per(40, HOUR)] },
  { method: 'POST', route: ZIA_ROUTES.users, windows: [per(2, SECOND), per(1000, HOUR)] },
  { method: 'GET', route: ZIA_ROUTES.user, windows: [per(2, SECOND), per(1000, HOUR)] },
  { method: 'PUT', route: ZIA_ROUTES.user, windows: [per(2, SECOND), per(1000, HOUR)] },
  { method: 'DELETE', route: ZIA_ROUTES.user, windows: [per(1, SECOND), per(400, HOUR)] },
  { method: 'POST', route: ZIA_ROUTES.bulkDelete, windows: [per(1, MINUTE), per(4, HOUR)] },
  { method: 'GET', route: ZIA_ROUTES.departments, windows: [per(2, SECOND), per(1000, HOUR)] },
  { method: 'GET', route: ZIA_ROUTES.groups, windows: [per(1, SECOND), per(400, HOUR)] },
  { method: 'GET', route: ZIA_ROUTES.status, windows: [per(2, SECOND), per(1000, HOUR)] },
  { method: 'POST', route: ZIA_ROUTES.activate, windows: [per(10, MINUTE), per(40, HOUR)] },
];
