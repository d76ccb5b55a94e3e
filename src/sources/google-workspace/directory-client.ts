import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import type { UpstreamCallRecord, UpstreamContext } from '../../upstreams/call-record.js';
import { systemClock, type Clock } from '../../upstreams/clock.js';
import { createRequestBudget } from '../../upstreams/http/request-budget.js';
import { clientTimeouts } from '../../upstreams/http/transport-config.js';
import { createUpstreamHttpClient } from '../../upstreams/http/upstream-http-client.js';
import type { UpstreamClassifier, UpstreamRequest } from '../../upstreams/http/upstream-request.js';
import { GOOGLE_DIRECTORY_BASE_URL, GOOGLE_TOKEN_URL, type GoogleWorkspaceConfig } from './google-workspace-config.js';
import { createJwtBearerAuth, DIRECTORY_READ_SCOPES, ORG_UNIT_READ_SCOPE } from './jwt-bearer-auth.js';
import type { ServiceAccountKey } from './service-account-key.js';

export const GOOGLE_WORKSPACE_SOURCE = 'google-workspace';
const DIRECTORY = '/admin/directory/v1';
export const DIRECTORY_ROUTES = {
  users: `${DIRECTORY}/users`,
  groups: `${DIRECTORY}/groups`,
  members: `${DIRECTORY}/groups/{groupKey}/members`,
} as const;

export interface DirectoryClientDeps {
  dispatcher?: Dispatcher;
  clock?: Clock;
  onCall?: (record: UpstreamCallRecord) => void;
  random?: () => number;
}

/** Google's quota answers are 403s with these reasons (docs/sources/google-workspace.md §6): wait and retry, as for a 429. */
const QUOTA_REASONS = new Set(['userRateLimitExceeded', 'quotaExceeded', 'rateLimitExceeded']);

/** Google's error body: `{"error": {"code", "message", "errors": [{"reason", "message"}]}}` (docs/sources/google-workspace.md §6). */
function googleError(body: unknown): { message?: string; reason?: string } {
  const error = (body as { error?: unknown } | undefined)?.error;
  if (typeof error !== 'object' || error === null) return {};
  const e = error as { message?: unknown; errors?: unknown };
  const first = Array.isArray(e.errors) ? (e.errors[0] as { reason?: unknown } | undefined) : undefined;
  return {
    message: typeof e.message === 'string' ? e.message : undefined,
    reason: typeof first?.reason === 'string' ? first.reason : undefined,
  };
}

const classifyGoogle: UpstreamClassifier = (response) => {
  if (response.status >= 200 && response.status < 300) return undefined;
  const { message, reason } = googleError(response.body);
  if (response.status === 403 && reason !== undefined && QUOTA_REASONS.has(reason)) return { kind: 'rateLimited', message, code: reason, retryable: true };
  if (message === undefined && reason === undefined) return undefined;
  return { kind: response.status === 403 ? 'unauthorized' : kindOf(response.status), message, code: reason };
};

const kindOf = (status: number) =>
  status === 404 ? 'notFound' : status === 401 ? 'unauthorized' : status === 429 ? 'rateLimited' : status >= 500 ? 'unavailable' : 'invalid';

/** The read scopes a configuration needs: org unit reads only when org units scope it (docs/sources/google-workspace.md §3). */
export const scopesFor = (config: Pick<GoogleWorkspaceConfig, 'orgUnits'>): string[] =>
  config.orgUnits ? [...DIRECTORY_READ_SCOPES, ORG_UNIT_READ_SCOPE] : [...DIRECTORY_READ_SCOPES];

/**
 * GETs to the Directory API through the shared HTTP client: a JWT-bearer token, retries of quota answers and 5xx with
 * backoff inside the retry budget, and one client-side budget of `queriesPerMinute` over every route together
 * (Google's quota counts queries per minute, whatever the method, §6), waited out rather than failed: a sync is
 * background work.
 */
export function createDirectoryClient(config: GoogleWorkspaceConfig, key: ServiceAccountKey, deps: DirectoryClientDeps = {}) {
  const clock = deps.clock ?? systemClock;
  const now = () => clock.now();
  const sleep = (ms: number) => clock.sleep(ms);
  const origin = (config.baseUrlOverride ?? '').replace(/\/+$/, '');
  const auth = createJwtBearerAuth({
    key,
    scopes: scopesFor(config),
    subject: config.subject,
    tokenUrl: config.baseUrlOverride ? `${origin}/token` : GOOGLE_TOKEN_URL,
    source: GOOGLE_WORKSPACE_SOURCE,
    dispatcher: deps.dispatcher,
    now,
    timeoutMs: config.timeouts.requestMs,
  });
  const budget = createRequestBudget({
    upstream: GOOGLE_WORKSPACE_SOURCE,
    rules: [{ method: 'GET', route: 'directory', windows: [{ count: config.queriesPerMinute, perMs: 60_000 }] }],
    maxWaitMs: 60_000,
    now,
    sleep,
  });
  const http = createUpstreamHttpClient({
    upstream: GOOGLE_WORKSPACE_SOURCE,
    baseUrl: config.baseUrlOverride ? origin : GOOGLE_DIRECTORY_BASE_URL,
    auth,
    dispatcher: deps.dispatcher,
    timeouts: clientTimeouts(config),
    retry: config.retry,
    classify: classifyGoogle,
    beforeAttempt: () => budget.acquire('GET', 'directory'),
    onCall: deps.onCall,
    sleep,
    now,
    ...(deps.random ? { random: deps.random } : {}),
  });
  return {
    async get<S extends z.ZodType>(req: Omit<UpstreamRequest, 'method'> & { answer: S }, ctx: UpstreamContext): Promise<z.output<S>> {
      return (await http.request({ ...req, method: 'GET' }, ctx)).body;
    },
    close: () => http.close(),
  };
}
