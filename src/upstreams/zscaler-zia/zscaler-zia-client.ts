import type { Dispatcher } from 'undici';
import { z } from 'zod';
import type { UpstreamCallRecord, UpstreamContext } from '../call-record.js';
import { systemClock, type Clock } from '../clock.js';
import { createClientCredentialsAuth, createUpstreamHttpClient, type AuthProvider } from '../http/index.js';
import { createRequestBudget, type BudgetLedger } from '../http/request-budget.js';
import { clientTimeouts } from '../http/transport-config.js';
import { UpstreamError } from '../upstream-error.js';
import { ZIA_BUDGET_RULES, ZIA_ROUTES } from './zia-budgets.js';
import { classifyZiaResponse, ziaRetryAfterFromBody } from './zia-errors.js';
import { createZiaSessionAuth, type ZiaSessionAuth } from './zia-session-auth.js';
import { ziaRefSchema, ziaUserSchema, type ZiaRef, type ZiaUser, type ZiaUserWrite } from './zia-user.js';
import { ziaBaseUrl, type ZscalerZiaConfig } from './zscaler-zia-config.js';

export const ZIA_UPSTREAM = 'zscaler-zia';

export interface ZiaClientDeps {
  dispatcher?: Dispatcher;
  onCall?: (record: UpstreamCallRecord) => void;
  /** Time, waits (retries, budgets) and timers (activation, deletion batches); default: the system's. */
  clock?: Clock;
  /** Where spent budget is counted: shared (Redis) so replicas never spend one hourly budget twice; else in memory. */
  budgetLedger?: BudgetLedger;
}

/** Departments and groups are listed 1000 a page (ZSDK's page size for everything but users). */
export const ORG_UNIT_PAGE_SIZE = 1000;

const isNotFound = (e: unknown) => e instanceof UpstreamError && e.kind === 'notFound';

/** `GET /status` and `POST /status/activate` (docs/upstreams/zscaler-zia.md §6): `{"status": "ACTIVE" | "PENDING" | …}`. */
const statusSchema = z.looseObject({ status: z.string() });
/** `POST /users/bulkDelete`: 200 `{"ids": [...]}` as documented, or 204 without a body as ZSDK expects (docs/upstreams/zscaler-zia.md §4). */
const bulkDeletedSchema = z.looseObject({ ids: z.array(z.number().int()).optional() }).optional();
/** An answer the bridge does not read (DELETE's 200 or 204): anything, or nothing, as long as it is JSON. */
const anyJsonAnswer = z.unknown();

function authFor(config: ZscalerZiaConfig, baseUrl: string, deps: ZiaClientDeps, now: () => number): { auth: AuthProvider; session?: ZiaSessionAuth } {
  const a = config.auth;
  const transport = { ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}), now, timeoutMs: config.timeouts.requestMs };
  if (a.mode === 'legacy') {
    const session = createZiaSessionAuth({
      baseUrl,
      username: a.username,
      password: a.password,
      apiKey: a.apiKey,
      sessionMinutes: a.sessionMinutes,
      refreshSkewSeconds: 60,
      ...transport,
    });
    return { auth: session, session };
  }
  // OneAPI (docs/upstreams/zscaler-zia.md §8): ZIdentity client credentials with the API audience.
  const auth = createClientCredentialsAuth({
    tokenUrl: a.tokenUrl,
    clientId: a.clientId,
    clientSecret: a.clientSecret,
    extraParams: { audience: a.audience },
    upstream: ZIA_UPSTREAM,
    ...transport,
  });
  return { auth };
}

/**
 * Raw calls to the ZIA admin API (docs/upstreams/zscaler-zia.md §3–§7): `https://zsapi.<cloud>.net/api/v1` with a session cookie, or
 * OneAPI with a Bearer token. Every request is named by its route template and spends the documented budget of that
 * endpoint before it is sent (`zia-budgets.ts`), so a known limit never earns a 429 and a spent one fails at once as
 * `rateLimited` with a Retry-After. Bodies are JSON with `Content-Type: application/json` (ZIA answers 415 otherwise).
 * Every answer is read through its schema (`zia-user.ts`): one that does not match is a `malformed` error (a 502),
 * never a cast. No mapping and no decisions here.
 */
export function createZscalerZiaClient(config: ZscalerZiaConfig, deps: ZiaClientDeps = {}) {
  const baseUrl = ziaBaseUrl(config);
  const clock = deps.clock ?? systemClock;
  const now = () => clock.now();
  const sleep = (ms: number) => clock.sleep(ms);
  const { auth, session } = authFor(config, baseUrl, deps, now);
  const budget = createRequestBudget({
    upstream: ZIA_UPSTREAM,
    rules: ZIA_BUDGET_RULES,
    now,
    sleep,
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
    sleep,
    now,
  });
  const userPath = (id: number) => `${ZIA_ROUTES.users}/${id}`;
  const user = ZIA_ROUTES.user;

  async function listPage<S extends z.ZodType>(route: string, row: S, page: number, pageSize: number, ctx: UpstreamContext): Promise<z.output<S>[]> {
    return (await http.request({ method: 'GET', path: route, route, query: { page, pageSize }, answer: z.array(row) }, ctx)).body;
  }

  return {
    /** What each endpoint's budget still allowed after its last request (for /metrics and the console). */
    budgetsLeft: () => budget.left(),
    /** One page of `GET /users` (a bare array; `page` is 1-based, docs/upstreams/zscaler-zia.md §5). Budget: 10/min and 40/h. */
    listUsers: (page: number, pageSize: number, ctx: UpstreamContext): Promise<ZiaUser[]> => listPage(ZIA_ROUTES.users, ziaUserSchema, page, pageSize, ctx),

    /** `GET /users?name=…`: users whose name contains `name` (a partial match, docs/upstreams/zscaler-zia.md §5), first page. Same budget as a list. */
    async searchUsersByName(name: string, pageSize: number, ctx: UpstreamContext): Promise<ZiaUser[]> {
      const route = ZIA_ROUTES.users;
      return (await http.request({ method: 'GET', path: route, route, query: { name, page: 1, pageSize }, answer: z.array(ziaUserSchema) }, ctx)).body;
    },

    /** `undefined` when ZIA answers 404. */
    async getUser(id: number, ctx: UpstreamContext): Promise<ZiaUser | undefined> {
      try {
        return (await http.request({ method: 'GET', path: userPath(id), route: user, answer: ziaUserSchema }, ctx)).body;
      } catch (e) {
        if (isNotFound(e)) return undefined;
        throw e;
      }
    },

    async createUser(body: ZiaUserWrite, ctx: UpstreamContext): Promise<ZiaUser> {
      return (await http.request({ method: 'POST', path: ZIA_ROUTES.users, route: ZIA_ROUTES.users, json: body, answer: ziaUserSchema }, ctx)).body;
    },

    /** Full replacement (docs/upstreams/zscaler-zia.md §4): every field not sent is reset. ZIA answers the user; without a body, it is what was sent. */
    async updateUser(id: number, body: ZiaUserWrite, ctx: UpstreamContext): Promise<ZiaUser> {
      const res = await http.request({ method: 'PUT', path: userPath(id), route: user, json: { ...body, id }, answer: ziaUserSchema.optional() }, ctx);
      return res.body ?? { ...body, id };
    },

    /** Hard delete; a user already gone is not an error. */
    async deleteUser(id: number, ctx: UpstreamContext): Promise<void> {
      try {
        await http.request({ method: 'DELETE', path: userPath(id), route: user, answer: anyJsonAnswer }, ctx);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    },

    /**
     * `POST /users/bulkDelete` with at most 500 ids. ZIA documents 200 `{"ids":[…deleted]}`, ZSDK expects 204 without a
     * body (docs/upstreams/zscaler-zia.md §4): both are success. Unknown ids are skipped by ZIA, which is the outcome wanted, so sending it again
     * after a lost answer is safe.
     */
    async bulkDelete(ids: readonly number[], ctx: UpstreamContext): Promise<void> {
      if (ids.length > 500) throw new RangeError('ZIA deletes at most 500 users per bulkDelete');
      const answer = bulkDeletedSchema;
      await http.request({ method: 'POST', path: ZIA_ROUTES.bulkDelete, route: ZIA_ROUTES.bulkDelete, json: { ids }, idempotent: true, answer }, ctx);
    },

    listDepartments: (page: number, ctx: UpstreamContext): Promise<ZiaRef[]> => listPage(ZIA_ROUTES.departments, ziaRefSchema, page, ORG_UNIT_PAGE_SIZE, ctx),
    listGroups: (page: number, ctx: UpstreamContext): Promise<ZiaRef[]> => listPage(ZIA_ROUTES.groups, ziaRefSchema, page, ORG_UNIT_PAGE_SIZE, ctx),

    /** `GET /status` (docs/upstreams/zscaler-zia.md §6): `ACTIVE` or `PENDING`. */
    async status(ctx: UpstreamContext): Promise<string | undefined> {
      const res = await http.request({ method: 'GET', path: ZIA_ROUTES.status, route: ZIA_ROUTES.status, answer: statusSchema }, ctx);
      return res.body.status;
    },

    /**
     * `POST /status/activate` (no parameters): staged changes go live; a second one is harmless. Budget: 10/min, 40/h.
     * Bodiless, but it says `application/json` as ZSDK does, so a strict 415 check cannot refuse it.
     */
    async activate(ctx: UpstreamContext): Promise<void> {
      const headers = { 'content-type': 'application/json' };
      const answer = statusSchema.optional();
      await http.request({ method: 'POST', path: ZIA_ROUTES.activate, route: ZIA_ROUTES.activate, headers, idempotent: true, answer }, ctx);
    },

    /** Ends the session (legacy mode; OneAPI tokens simply expire). */
    logout: async (ctx: UpstreamContext): Promise<void> => session?.logout(ctx),

    close: () => http.close(),
  };
}

export type ZscalerZiaClient = ReturnType<typeof createZscalerZiaClient>;
