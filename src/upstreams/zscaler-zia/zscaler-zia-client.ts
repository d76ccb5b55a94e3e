import type { Dispatcher } from 'undici';
import type { UpstreamCallRecord, UpstreamContext } from '../call-record.js';
import { createClientCredentialsAuth, createUpstreamHttpClient, type AuthProvider } from '../http/index.js';
import { createRequestBudget, type BudgetLedger } from '../http/request-budget.js';
import { clientTimeouts } from '../http/transport-config.js';
import { UpstreamError } from '../upstream-error.js';
import { ZIA_BUDGET_RULES, ZIA_ROUTES } from './zia-budgets.js';
import { classifyZiaResponse, ziaRetryAfterFromBody } from './zia-errors.js';
import { createZiaSessionAuth, type ZiaSessionAuth } from './zia-session-auth.js';
import type { ZiaRef, ZiaUser, ZiaUserWrite } from './zia-user.js';
import { ziaBaseUrl, type ZscalerZiaConfig } from './zscaler-zia-config.js';

export const ZIA_UPSTREAM = 'zscaler-zia';

export interface ZiaClientDeps {
  dispatcher?: Dispatcher;
  onCall?: (record: UpstreamCallRecord) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Where spent budget is counted: shared (Redis) so replicas never spend one hourly budget twice; else in memory. */
  budgetLedger?: BudgetLedger;
}

/** Departments and groups are listed 1000 a page (ZSDK's page size for everything but users). */
export const ORG_UNIT_PAGE_SIZE = 1000;

const isNotFound = (e: unknown) => e instanceof UpstreamError && e.kind === 'notFound';

function authFor(config: ZscalerZiaConfig, baseUrl: string, deps: ZiaClientDeps, now: () => number): { auth: AuthProvider; session?: ZiaSessionAuth } {
  const a = config.auth;
  const transport = { ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}), now, timeoutMs: config.timeouts.requestMs };
  if (a.mode === 'legacy') {
    const session = createZiaSessionAuth({ baseUrl, username: a.username, password: a.password, apiKey: a.apiKey, sessionMinutes: a.sessionMinutes, refreshSkewSeconds: 60, ...transport });
    return { auth: session, session };
  }
  // OneAPI (§C.8): ZIdentity client credentials with the API audience.
  const auth = createClientCredentialsAuth({ tokenUrl: a.tokenUrl, clientId: a.clientId, clientSecret: a.clientSecret, extraParams: { audience: a.audience }, upstream: ZIA_UPSTREAM, ...transport });
  return { auth };
}

/**
 * Raw calls to the ZIA admin API (upstreams.md §C.3–C.7): `https://zsapi.<cloud>.net/api/v1` with a session cookie, or
 * OneAPI with a Bearer token. Every request is named by its route template and spends the documented budget of that
 * endpoint before it is sent (`zia-budgets.ts`), so a known limit never earns a 429 and a spent one fails at once as
 * `rateLimited` with a Retry-After. Bodies are JSON with `Content-Type: application/json` (ZIA answers 415 otherwise).
 * No mapping and no decisions here.
 */
export function createZscalerZiaClient(config: ZscalerZiaConfig, deps: ZiaClientDeps = {}) {
  const baseUrl = ziaBaseUrl(config);
  const now = deps.now ?? Date.now;
  const { auth, session } = authFor(config, baseUrl, deps, now);
  const budget = createRequestBudget({
    upstream: ZIA_UPSTREAM,
    rules: ZIA_BUDGET_RULES,
    now,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(deps.budgetLedger ? { ledger: deps.budgetLedger } : {}),
  });
  const http = createUpstreamHttpClient({
    upstream: ZIA_UPSTREAM,
    baseUrl,
    auth,
    dispatcher: deps.dispatcher,
    timeouts: clientTimeouts(config),
    retry: config.retry,
    classify: classifyZiaResponse,
    retryAfterFromBody: ziaRetryAfterFromBody,
    beforeAttempt: (req) => budget.acquire(req.method, req.route ?? req.path),
    onCall: deps.onCall,
    sleep: deps.sleep,
    now,
  });
  const userPath = (id: number) => `${ZIA_ROUTES.users}/${id}`;
  const user = ZIA_ROUTES.user;

  async function listPage<T>(route: string, page: number, pageSize: number, ctx: UpstreamContext): Promise<T[]> {
    const res = await http.request<T[]>({ method: 'GET', path: route, route, query: { page, pageSize } }, ctx);
    return Array.isArray(res.body) ? res.body : [];
  }

  return {
    /** One page of `GET /users` (a bare array; `page` is 1-based, §C.5). Budget: 10/min and 40/h. */
    listUsers: (page: number, pageSize: number, ctx: UpstreamContext) => listPage<ZiaUser>(ZIA_ROUTES.users, page, pageSize, ctx),

    /** `undefined` when ZIA answers 404. */
    async getUser(id: number, ctx: UpstreamContext): Promise<ZiaUser | undefined> {
      try {
        return (await http.request<ZiaUser>({ method: 'GET', path: userPath(id), route: user }, ctx)).body;
      } catch (e) {
        if (isNotFound(e)) return undefined;
        throw e;
      }
    },

    async createUser(body: ZiaUserWrite, ctx: UpstreamContext): Promise<ZiaUser> {
      const res = await http.request<ZiaUser>({ method: 'POST', path: ZIA_ROUTES.users, route: ZIA_ROUTES.users, json: body }, ctx);
      if (typeof res.body?.id !== 'number') throw new UpstreamError('unavailable', ZIA_UPSTREAM, 'ZIA answered a user creation without a user id');
      return res.body;
    },

    /** Full replacement (§C.4): every field not sent is reset. */
    async updateUser(id: number, body: ZiaUserWrite, ctx: UpstreamContext): Promise<ZiaUser> {
      const res = await http.request<ZiaUser>({ method: 'PUT', path: userPath(id), route: user, json: { ...body, id } }, ctx);
      return typeof res.body?.id === 'number' ? res.body : { ...body, id };
    },

    /** Hard delete; a user already gone is not an error. */
    async deleteUser(id: number, ctx: UpstreamContext): Promise<void> {
      try {
        await http.request({ method: 'DELETE', path: userPath(id), route: user }, ctx);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    },

    /**
     * `POST /users/bulkDelete` with at most 500 ids. ZIA documents 200 `{"ids":[…deleted]}`, ZSDK expects 204 without a
     * body (§C.4): both are success. Unknown ids are skipped by ZIA, which is the outcome wanted, so sending it again
     * after a lost answer is safe.
     */
    async bulkDelete(ids: readonly number[], ctx: UpstreamContext): Promise<void> {
      if (ids.length > 500) throw new RangeError('ZIA deletes at most 500 users per bulkDelete');
      await http.request({ method: 'POST', path: ZIA_ROUTES.bulkDelete, route: ZIA_ROUTES.bulkDelete, json: { ids }, idempotent: true }, ctx);
    },

    listDepartments: (page: number, ctx: UpstreamContext) => listPage<ZiaRef>(ZIA_ROUTES.departments, page, ORG_UNIT_PAGE_SIZE, ctx),
    listGroups: (page: number, ctx: UpstreamContext) => listPage<ZiaRef>(ZIA_ROUTES.groups, page, ORG_UNIT_PAGE_SIZE, ctx),

    /** `GET /status` (§C.6): `ACTIVE` or `PENDING`. */
    async status(ctx: UpstreamContext): Promise<string | undefined> {
      const res = await http.request<{ status?: string }>({ method: 'GET', path: ZIA_ROUTES.status, route: ZIA_ROUTES.status }, ctx);
      return res.body?.status;
    },

    /**
     * `POST /status/activate` (no parameters): staged changes go live; a second one is harmless. Budget: 10/min, 40/h.
     * Bodiless, but it says `application/json` as ZSDK does, so a strict 415 check cannot refuse it.
     */
    async activate(ctx: UpstreamContext): Promise<void> {
      const headers = { 'content-type': 'application/json' };
      await http.request({ method: 'POST', path: ZIA_ROUTES.activate, route: ZIA_ROUTES.activate, headers, idempotent: true }, ctx);
    },

    /** Ends the session (legacy mode; OneAPI tokens simply expire). */
    logout: async (ctx: UpstreamContext): Promise<void> => session?.logout(ctx),

    close: () => http.close(),
  };
}

export type ZscalerZiaClient = ReturnType<typeof createZscalerZiaClient>;
