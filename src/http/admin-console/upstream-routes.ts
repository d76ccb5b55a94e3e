import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { planTenant, type TenantPlan } from '../../core/reconcile/plan.js';
import type { TenantRuntime } from '../../core/tenant.js';
import { newUpstreamContext } from '../../upstreams/call-record.js';
import { formField } from './csrf.js';
import { EMPTY_MAPPING_INPUT, previewMapping, type MappingInput } from './mapping-preview.js';
import { mappingPage } from './pages/mapping.js';
import { planPage } from './pages/plan.js';
import { consolePaths } from './paths.js';
import type { Frame } from './pages/layout.js';
import type { ConsoleSession } from './session.js';
import { upstreamFailureOf } from './upstream-failure.js';

/** What the console's routes share with these: sessions, framing, and the CSRF and origin check of a form. */
export interface ConsoleKit {
  runtimes: ReadonlyMap<string, TenantRuntime>;
  sessionOf(request: FastifyRequest): ConsoleSession | undefined;
  frameOf(title: string, session: ConsoleSession): Frame;
  page(reply: FastifyReply, status: number, body: string): FastifyReply;
  /** The session of a POST whose form carries its CSRF token and came from this origin; otherwise answered and undefined. */
  formSession(request: FastifyRequest, reply: FastifyReply): ConsoleSession | undefined;
}

const mappingInputOf = (body: unknown): MappingInput => ({
  roles: formField(body, 'roles') ?? '',
  groups: formField(body, 'groups') ?? '',
  department: formField(body, 'department') ?? '',
});

/**
 * The pages that ask a tenant's upstream something: its drift and plan (a full read, so only when asked, by a POST)
 * and the mapping preview (the adapter's create in a read-only context). Neither can write upstream: both run in a
 * read-only context, which the upstream HTTP client enforces.
 */
export function registerUpstreamPages(app: FastifyInstance, kit: ConsoleKit): void {
  /** One plan at a time per tenant: a second operator (or a double click) waits for the one running, not another full read. */
  const running = new Map<string, Promise<{ plan: TenantPlan; calls: number; ms: number }>>();
  const runtimeOf = (request: FastifyRequest) => kit.runtimes.get((request.params as { tenant: string }).tenant);

  const planOnce = (t: TenantRuntime, enforceDrift: boolean, requestId: string) => {
    const key = `${t.id}\n${enforceDrift}`;
    const existing = running.get(key);
    if (existing) return existing;
    const started = Date.now();
    const ctx = newUpstreamContext(requestId);
    const job = planTenant(t, ctx, { enforceDrift })
      .then((plan) => ({ plan, calls: ctx.calls.length, ms: Date.now() - started }))
      .finally(() => running.delete(key));
    running.set(key, job);
    return job;
  };

  app.get('/tenants/:tenant/plan', (request, reply) => {
    const session = kit.sessionOf(request);
    if (!session) return reply.redirect(consolePaths.signIn, 303);
    const t = runtimeOf(request);
    if (!t) return reply.callNotFound();
    return kit.page(
      reply,
      200,
      planPage(kit.frameOf(`Drift and plan: ${t.id}`, session), { id: t.id, drift: t.drift, csrfToken: session.csrfToken, enforceDrift: false }),
    );
  });

  app.post('/tenants/:tenant/plan', async (request, reply) => {
    const session = kit.formSession(request, reply);
    if (!session) return reply;
    const t = runtimeOf(request);
    if (!t) return reply.callNotFound();
    const enforceDrift = formField(request.body, 'enforceDrift') === 'on';
    const view = { id: t.id, drift: t.drift, csrfToken: session.csrfToken, enforceDrift };
    const frame = kit.frameOf(`Drift and plan: ${t.id}`, session);
    try {
      const result = await planOnce(t, enforceDrift, `console-plan-${request.id}`);
      request.log.info({ admin: session.label, tenant: t.id, enforceDrift, items: result.plan.items.length }, 'admin computed a plan in the console');
      return kit.page(reply, 200, planPage(frame, { ...view, result }));
    } catch (e) {
      const failure = upstreamFailureOf(e);
      request.log.warn({ admin: session.label, tenant: t.id, failure: failure.message }, 'console plan failed upstream');
      return kit.page(reply, failure.status, planPage(frame, { ...view, result: { failure: failure.message } }));
    }
  });

  app.get('/tenants/:tenant/mapping', (request, reply) => {
    const session = kit.sessionOf(request);
    if (!session) return reply.redirect(consolePaths.signIn, 303);
    const t = runtimeOf(request);
    if (!t) return reply.callNotFound();
    const view = { id: t.id, upstream: t.upstream.name, csrfToken: session.csrfToken, input: EMPTY_MAPPING_INPUT };
    return kit.page(reply, 200, mappingPage(kit.frameOf(`Mapping preview: ${t.id}`, session), view));
  });

  app.post('/tenants/:tenant/mapping', async (request, reply) => {
    const session = kit.formSession(request, reply);
    if (!session) return reply;
    const t = runtimeOf(request);
    if (!t) return reply.callNotFound();
    const input = mappingInputOf(request.body);
    const view = { id: t.id, upstream: t.upstream.name, csrfToken: session.csrfToken, input };
    const frame = kit.frameOf(`Mapping preview: ${t.id}`, session);
    try {
      const result = await previewMapping(t, input, `console-mapping-${request.id}`);
      request.log.info({ admin: session.label, tenant: t.id, reads: result.reads }, 'admin previewed the mapping in the console');
      return kit.page(reply, 200, mappingPage(frame, { ...view, result }));
    } catch (e) {
      const failure = upstreamFailureOf(e);
      return kit.page(reply, failure.status, mappingPage(frame, { ...view, result: { failure: failure.message } }));
    }
  });
}
