import rateLimit from '@fastify/rate-limit';
import type { Registry } from 'prom-client';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { redactAuditEntry } from '../../core/audit-query.js';
import type { TenantRuntime } from '../../core/tenant.js';
import type { AuditStore } from '../../store/store.js';
import type { UpstreamCallFeed, UpstreamCallRecord } from '../../upstreams/call-record.js';
import type { AdminTokenVerifier } from '../routes/admin-routes.js';
import type { Readiness } from '../routes/health-routes.js';
import { createActivityHistory, createActivityTally, type ActivityHistory } from './activity-history.js';
import { auditSearchOf } from './audit-search.js';
import { CONSOLE_CSS } from './console-css.js';
import { cookieOf, setCookie, wantsSecureCookie } from './cookies.js';
import { crossOrigin, formField, sameToken } from './csrf.js';
import { healthLines, tenantDetails } from './health-view.js';
import { budgetsLeft, tenantGauges } from './metrics-view.js';
import { messagePage } from './pages/message.js';
import { signInPage } from './pages/sign-in.js';
import { tenantPage } from './pages/tenant.js';
import { tenantsPage } from './pages/tenants.js';
import { CONSOLE, consolePaths, COOKIE_PATH, SESSION_COOKIE, SIGN_IN_COOKIE } from './paths.js';
import { registerUpstreamPages } from './upstream-routes.js';
import { createSessionStore, DEFAULT_SESSION_POLICY, randomToken, type ConsoleSession, type SessionPolicy } from './session.js';

export interface AdminConsoleOptions {
  verifier: AdminTokenVerifier;
  audit: AuditStore | undefined;
  readiness: (() => Promise<Readiness>) | undefined;
  /** The bridge's Prometheus registry: the tenant page shows the gauges about its tenant. */
  metrics?: Registry | undefined;
  /** The tenants this process serves, in configuration order. */
  tenants: readonly string[];
  /** Their runtimes, for the pages that ask an upstream (plan, mapping preview); those pages are absent without. */
  runtimes?: ReadonlyMap<string, TenantRuntime> | undefined;
  /** Every tenant's upstream calls as they happen; without it, only the calls made while answering a request are counted. */
  upstreamCalls?: UpstreamCallFeed | undefined;
  /** Milliseconds since the epoch; tests move it to expire sessions. */
  now?: () => number;
  sessions?: SessionPolicy;
  /** Sign-in attempts allowed per client address per window (default 10 a minute). */
  signInLimit?: { max: number; timeWindowMs: number };
}

/** No script, no inline style, no framing, forms only to this origin. */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
};

const FORM_BODY_LIMIT = 16 * 1024;
/** How often the activity history samples its counters: its charts have one column a minute. */
const SAMPLE_EVERY_MS = 60_000;
const SIGN_IN_COOKIE_SECONDS = 3600;

/**
 * The operators' console: server-rendered HTML under `/admin/console` (no client script), signed in with an admin
 * token exchanged for a session cookie. `GET /admin` leads there; the JSON admin API (`/admin/audit`) is untouched
 * and still wants its bearer token: the cookie opens only these pages.
 */
export async function registerAdminConsole(app: FastifyInstance, options: AdminConsoleOptions): Promise<void> {
  app.get('/admin', (_request, reply) => reply.header('cache-control', 'no-store').redirect(CONSOLE, 303));
  const activity = recordActivity(app, options.now ?? Date.now, options.upstreamCalls);
  await app.register(adminConsole, { ...options, activity, prefix: CONSOLE });
}

/**
 * Counts every answered SCIM request of a tenant by status, and its upstream calls by outcome, into a history of the
 * last hour in this process (the tenant page's charts). The hook is on the root instance, so it sees the SCIM routes;
 * a request no credential placed in a tenant (a 401) belongs to none and is not counted. Upstream calls come from the
 * runtime's feed, background work included; without one (an app built without a runtime), from each request.
 */
function recordActivity(app: FastifyInstance, now: () => number, feed: UpstreamCallFeed | undefined): ActivityHistory {
  const tally = createActivityTally();
  const history = createActivityHistory({ read: tally.readings, now, upstreamIncludesBackground: feed !== undefined });
  const outcome = (call: UpstreamCallRecord) => (call.status === 0 ? (call.error ?? 'no_response') : String(call.status));
  feed?.subscribe((tenant, call) => tally.count(tenant, 'upstream', outcome(call)));
  app.addHook('onResponse', (request, reply, done) => {
    const tenant = request.idp?.tenant;
    if (tenant !== undefined) {
      tally.count(tenant, 'requests', String(reply.statusCode));
      if (!feed) for (const call of request.scim?.upstream.calls ?? []) tally.count(tenant, 'upstream', outcome(call));
    }
    done();
  });
  const timer = setInterval(() => history.sample(), SAMPLE_EVERY_MS);
  timer.unref();
  app.addHook('onClose', (_app, done) => {
    clearInterval(timer);
    done();
  });
  return history;
}

async function adminConsole(app: FastifyInstance, options: AdminConsoleOptions & { activity: ActivityHistory }): Promise<void> {
  const now = options.now ?? Date.now;
  const sessions = createSessionStore(now, options.sessions ?? DEFAULT_SESSION_POLICY);
  const limit = options.signInLimit ?? { max: 10, timeWindowMs: 60_000 };

  // HTML forms post urlencoded bodies; the rest of the bridge accepts only JSON, so the parser lives here alone.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_req, body, done) => {
    const params = new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'));
    const form: Record<string, string> = {};
    for (const [k, v] of params) if (!(k in form)) form[k] = v;
    done(null, form);
  });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    done();
  });
  await app.register(rateLimit, { global: false, keyGenerator: (request) => request.ip });

  const page = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/html; charset=utf-8').send(body);
  const frameOf = (title: string, s: ConsoleSession | undefined) => ({ title, signedIn: s && { label: s.label, csrfToken: s.csrfToken } });
  const sessionOf = (request: FastifyRequest) => sessions.get(cookieOf(request, SESSION_COOKIE));
  const cookie = (request: FastifyRequest, name: string, value: string, maxAgeSeconds?: number) =>
    setCookie(name, value, {
      path: name === SIGN_IN_COOKIE ? consolePaths.signIn : COOKIE_PATH,
      secure: wantsSecureCookie(request),
      ...(maxAgeSeconds === undefined ? {} : { maxAgeSeconds }),
    });
  /** The sign-in form with a fresh double-submit token in its cookie and its hidden field. */
  const signIn = (request: FastifyRequest, reply: FastifyReply, status: number, error?: string) => {
    const token = randomToken();
    reply.header('set-cookie', cookie(request, SIGN_IN_COOKIE, token, SIGN_IN_COOKIE_SECONDS));
    return page(reply, status, signInPage(token, error));
  };
  const refuseForm = (reply: FastifyReply, why: string) => {
    reply.request.log.warn({ reason: why }, 'admin console refused a form');
    return page(
      reply,
      403,
      messagePage({ title: 'Form refused' }, 'This form was stale or was sent from another site, so it was not acted on.', {
        href: consolePaths.home,
        text: 'Back to the console',
      }),
    );
  };

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'admin console failed');
    const message =
      status === 429
        ? 'Too many sign-in attempts from this address. Wait a minute and try again.'
        : status >= 500
          ? 'The console could not answer. The bridge log has the details.'
          : 'The request could not be handled.';
    return page(reply, status, messagePage({ title: status === 429 ? 'Too many attempts' : 'Something went wrong' }, message));
  });
  app.setNotFoundHandler((_request, reply) =>
    page(reply, 404, messagePage({ title: 'Not found' }, 'There is no such console page.', { href: consolePaths.home, text: 'Back to the console' })),
  );

  app.get('/console.css', (_request, reply) => reply.type('text/css; charset=utf-8').send(CONSOLE_CSS));

  app.get('/sign-in', (request, reply) => (sessionOf(request) ? reply.redirect(consolePaths.home, 303) : signIn(request, reply, 200)));

  app.post('/sign-in', { config: { rateLimit: { max: limit.max, timeWindow: limit.timeWindowMs } } }, (request, reply) => {
    if (crossOrigin(request)) return refuseForm(reply, 'cross-origin sign-in');
    if (!sameToken(cookieOf(request, SIGN_IN_COOKIE) ?? '', formField(request.body, '_csrf'))) return refuseForm(reply, 'sign-in form token missing or wrong');
    const admin = options.verifier.verify(formField(request.body, 'token') ?? '');
    if (!admin) {
      request.log.warn('admin console sign-in refused: not an admin token');
      return signIn(request, reply, 401, 'That is not an admin token. Check it and try again.');
    }
    // A fresh id at every sign-in, and any session this browser had is ended: no fixation.
    sessions.destroy(cookieOf(request, SESSION_COOKIE));
    const { id } = sessions.create(admin.label);
    request.log.info({ admin: admin.label }, 'admin signed in to the console');
    reply.header('set-cookie', [cookie(request, SESSION_COOKIE, id), cookie(request, SIGN_IN_COOKIE, '', 0)]);
    return reply.redirect(consolePaths.home, 303);
  });

  /** The session of a signed-in form from this origin with its CSRF token; otherwise the answer is sent, and undefined. */
  const formSession = (request: FastifyRequest, reply: FastifyReply): ConsoleSession | undefined => {
    if (crossOrigin(request)) {
      void refuseForm(reply, 'cross-origin form');
      return undefined;
    }
    const session = sessionOf(request);
    if (!session) {
      void reply.redirect(consolePaths.signIn, 303);
      return undefined;
    }
    if (!sameToken(session.csrfToken, formField(request.body, '_csrf'))) {
      void refuseForm(reply, 'CSRF token missing or wrong');
      return undefined;
    }
    return session;
  };

  app.post('/sign-out', (request, reply) => {
    const session = formSession(request, reply);
    if (!session) return reply;
    sessions.destroy(cookieOf(request, SESSION_COOKIE));
    request.log.info({ admin: session.label }, 'admin signed out of the console');
    reply.header('set-cookie', cookie(request, SESSION_COOKIE, '', 0));
    return reply.redirect(consolePaths.signIn, 303);
  });

  if (options.runtimes) registerUpstreamPages(app, { runtimes: options.runtimes, sessionOf, frameOf: (title, s) => frameOf(title, s), page, formSession });

  app.get('/', async (request, reply) => {
    const session = sessionOf(request);
    if (!session) return reply.redirect(consolePaths.signIn, 303);
    const readiness = await options.readiness?.();
    const details = tenantDetails(readiness);
    const store = readiness?.components['store'];
    const tenants = options.tenants.map((id) => ({ id, details: details[id] }));
    return page(reply, 200, tenantsPage(frameOf('Tenants', session), typeof store === 'string' ? store : undefined, tenants));
  });

  app.get('/tenants/:tenant', async (request, reply) => {
    const session = sessionOf(request);
    if (!session) return reply.redirect(consolePaths.signIn, 303);
    const { tenant } = request.params as { tenant: string };
    if (!options.tenants.includes(tenant)) return reply.callNotFound();
    const details = tenantDetails(await options.readiness?.())[tenant];
    const { search, parsed } = auditSearchOf(tenant, request.query);
    const entries = parsed.ok && options.audit ? (await options.audit.query(parsed.query)).map(redactAuditEntry) : [];
    if (parsed.ok) request.log.info({ admin: session.label, query: parsed.query }, 'admin read the audit log in the console');
    const upstream = typeof details?.['upstream'] === 'string' ? details['upstream'] : undefined;
    options.activity.sample();
    const view = {
      id: tenant,
      activity: options.activity.window(tenant),
      budgets: options.metrics ? await budgetsLeft(options.metrics, tenant, upstream) : [],
      health: healthLines(details),
      gauges: options.metrics ? await tenantGauges(options.metrics, tenant, upstream) : [],
      search,
      problems: parsed.ok ? [] : parsed.problems,
      entries,
      limit: parsed.ok ? parsed.query.limit : 0,
    };
    return page(reply, parsed.ok ? 200 : 400, tenantPage(frameOf(`Tenant ${tenant}`, session), view));
  });
}
