import { gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/**
 * Fault injection shared by every upstream simulator (docs/architecture.md "Simulators are product code": 429 with/without
 * Retry-After, 5xx, latency, resets, token expiry).
 *
 * Failures injected before processing (`rateLimit`, `serverError`, `reset`, `respond`) are decided in an `onRequest`
 * hook, before the body is read and before any route touches state: an injected failure means nothing happened, so a
 * client may retry safely. `resetAfter` lets the route run and then drops the connection instead of answering: the
 * state changed but the response was lost, which is what idempotency handling has to survive. `latencyAfter` lets the
 * route run and holds its answer back: the client gives up, or its process dies, after the change was made.
 *
 * Malformed answers test that a client validates what it reads. `malformedHtml` answers 200 with an HTML page before
 * the route runs (a proxy's or a login page: nothing happened). `truncatedJson` and `wrongTypes` let the route run and
 * spoil its answer on the way out (the change happened, its answer cannot be read): the body cut in half, or every
 * scalar turned into another JSON type (strings become numbers, numbers and booleans strings), keys and status kept.
 */
export type Fault =
  | { kind: 'rateLimit'; retryAfterSeconds?: number }
  | { kind: 'serverError'; status: number }
  | { kind: 'reset' }
  | { kind: 'resetAfter' }
  | { kind: 'latency'; ms: number }
  /** The route runs at once and its answer is held back `ms`: a change made whose answer comes too late (or never). */
  | { kind: 'latencyAfter'; ms: number }
  /** Any canned answer, for upstream-specific failures (e.g. ZIA's 409 `EDIT_LOCK_NOT_AVAILABLE`). */
  | { kind: 'respond'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'malformedHtml' }
  | { kind: 'truncatedJson' }
  | { kind: 'wrongTypes' };

export type FaultKind = Fault['kind'];
export type RenderableFault = Extract<Fault, { kind: 'rateLimit' | 'serverError' }>;

/** How a simulator words its own 429 and 5xx, so an injected failure looks like the upstream's real one. */
export type FaultRenderer = (
  fault: RenderableFault,
  request: FastifyRequest,
  reply: FastifyReply,
) => { status: number; headers?: Record<string, string>; body: unknown };

const ratio = z.number().min(0).max(1).optional();

export const faultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rateLimit'), retryAfterSeconds: z.number().int().min(0).optional() }),
  z.strictObject({ kind: z.literal('serverError'), status: z.number().int().min(500).max(599) }),
  z.strictObject({ kind: z.literal('reset') }),
  z.strictObject({ kind: z.literal('resetAfter') }),
  z.strictObject({ kind: z.literal('latencyAfter'), ms: z.number().min(0) }),
  z.strictObject({ kind: z.literal('latency'), ms: z.number().min(0) }),
  z.strictObject({
    kind: z.literal('respond'),
    status: z.number().int().min(100).max(599),
    body: z.unknown().optional(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  z.strictObject({ kind: z.literal('malformedHtml') }),
  z.strictObject({ kind: z.literal('truncatedJson') }),
  z.strictObject({ kind: z.literal('wrongTypes') }),
]);

/**
 * Probability-based faults. Ratios are per request and mutually exclusive (their sum must not exceed 1). Route
 * selectors are `"METHOD /route/:template"` or `"/route/:template"` (any method); a trailing `*` matches a prefix.
 */
export const faultSettingsSchema = z
  .strictObject({
    /** Seed of the PRNG: the same seed and the same request sequence give the same faults. */
    seed: z.number().int().optional(),
    rateLimitRatio: ratio,
    /** Retry-After seconds on probabilistic 429s; absent means the renderer's default. */
    retryAfterSeconds: z.number().int().min(0).optional(),
    serverErrorRatio: ratio,
    /** Statuses picked uniformly for probabilistic 5xx; default `[500, 502, 503]`. */
    serverErrorStatuses: z.array(z.number().int().min(500).max(599)).min(1).optional(),
    resetRatio: ratio,
    resetAfterRatio: ratio,
    /** Added to every eligible request: a fixed delay or a uniform `[min, max]` range. */
    latencyMs: z.union([z.number().min(0), z.tuple([z.number().min(0), z.number().min(0)])]).optional(),
    /** Fault only these routes (this also opts in routes the simulator spares by default). */
    only: z.array(z.string()).optional(),
    /** Spare these routes; replaces the simulator's default exclusions (pass `[]` to fault the token endpoint). */
    exclude: z.array(z.string()).optional(),
  })
  .refine((s) => (s.rateLimitRatio ?? 0) + (s.serverErrorRatio ?? 0) + (s.resetRatio ?? 0) + (s.resetAfterRatio ?? 0) <= 1, {
    message: 'the fault ratios must add up to at most 1',
  })
  .refine((s) => !Array.isArray(s.latencyMs) || s.latencyMs[0] <= s.latencyMs[1], {
    message: 'latencyMs range must be [min, max]',
  });

export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export interface PendingFault {
  remaining: number;
  fault: Fault;
  route?: string;
}

export interface FaultControllerOptions {
  render: FaultRenderer;
  settings?: FaultSettings;
  /** Routes spared unless a setting or `failNext` names them, e.g. the token endpoint. */
  defaultExclude?: string[];
  /** Routes never faulted, e.g. the simulator's own control surface. */
  neverFault?: string[];
  /** Called synchronously when a fault is chosen for a request, e.g. to annotate the call log. */
  onInjected?: (request: FastifyRequest, fault: Fault) => void;
  /** Injectable so tests can see the delay asked for without waiting for it. */
  sleep?: (ms: number) => Promise<void>;
}

export interface FaultDecision {
  delayMs: number;
  failure?: Exclude<Fault, { kind: 'latency' }>;
}

export interface FaultController {
  /** Replace the probabilistic settings (validated) and reseed the PRNG. */
  configure(settings: FaultSettings): void;
  settings(): FaultSettings;
  /** The next `count` matching requests get `fault`; a `route` selector also reaches default-excluded routes. */
  failNext(count: number, fault: Fault, route?: string): void;
  pending(): PendingFault[];
  /** No probabilistic faults, nothing pending. */
  clear(): void;
  /** Invalidate every issued token, the way each simulator registered with `onExpireAllTokens`. */
  expireAllTokens(): void;
  onExpireAllTokens(expire: () => void): void;
  /** The decision for one request; consumes a pending fault or PRNG draws. */
  decide(method: string, route: string): FaultDecision | undefined;
  /** Add the hooks to `app`; call it before registering routes so every route gets them. */
  install(app: FastifyInstance): void;
}

/** mulberry32: a tiny seeded PRNG with a uniform output in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Does `selector` (`"POST /v1/users"`, `"/v1/users/:id"`, `"/__sim/*"`) name this request? */
export function matchesRoute(selector: string, method: string, route: string): boolean {
  const space = selector.indexOf(' ');
  const selMethod = space > 0 ? selector.slice(0, space).toUpperCase() : undefined;
  const selRoute = space > 0 ? selector.slice(space + 1).trim() : selector.trim();
  if (selMethod !== undefined && selMethod !== method.toUpperCase()) return false;
  return selRoute.endsWith('*') ? route.startsWith(selRoute.slice(0, -1)) : route === selRoute;
}

/** The route template Fastify matched (`/v1/users/:id`), or the bare path when no route matched. */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? request.url.split('?')[0] ?? request.url;
}

const DEFAULT_5XX = [500, 502, 503];
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What `malformedHtml` answers: the kind of page a proxy or a single sign-on portal puts in front of an API. */
export const MALFORMED_HTML_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Sign in</title></head>\n<body><h1>Your session has expired</h1>' +
  '<form method="post" action="/login"><input name="username"><input name="password" type="password"></form></body></html>\n';

/** Faults that let the route run and spoil its answer in `onSend`. */
type SpoilingFault = Extract<Fault, { kind: 'truncatedJson' | 'wrongTypes' }>;
const spoils = (fault: Fault | undefined): fault is SpoilingFault => fault?.kind === 'truncatedJson' || fault?.kind === 'wrongTypes';

/** Every scalar as another JSON type: a string as its length, a number or a boolean as a string. Keys are kept. */
export function retypeScalars(value: unknown): unknown {
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(retypeScalars);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, retypeScalars(v)]));
  return value;
}

const spoilText = (kind: SpoilingFault['kind'], text: string): string => {
  if (kind === 'truncatedJson') return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  try {
    return JSON.stringify(retypeScalars(JSON.parse(text)));
  } catch {
    return text; // not JSON: nothing has a type to change
  }
};

/**
 * The route's answer, spoilt. A gzipped answer (OneID compresses before this hook runs) is spoilt inside its
 * compression, so the client still reads gzip and finds the damage in the JSON. Bodiless answers go out unchanged.
 */
function spoilAnswer(fault: SpoilingFault, reply: FastifyReply, payload: unknown): unknown {
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
  const gzipped = String(reply.getHeader('content-encoding') ?? '').toLowerCase() === 'gzip';
  const raw = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const text = (gzipped ? gunzipSync(raw) : raw).toString('utf8');
  if (text === '') return payload;
  const spoilt = spoilText(fault.kind, text);
  reply.removeHeader('content-length');
  return gzipped ? gzipSync(spoilt) : spoilt;
}

/** Drop the connection: a TCP RST on a real socket, a destroyed response under `app.inject`. */
function resetConnection(request: FastifyRequest, reply: FastifyReply): void {
  const socket = request.raw.socket as (typeof request.raw.socket & { resetAndDestroy?: () => void }) | null;
  if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else reply.raw.destroy(Object.assign(new Error('connection reset by simulator'), { code: 'ECONNRESET' }));
}

export function createFaultController(options: FaultControllerOptions): FaultController {
  const sleep = options.sleep ?? defaultSleep;
  const neverFault = options.neverFault ?? [];
  const defaultExclude = options.defaultExclude ?? [];
  const expirers: Array<() => void> = [];
  const injected = new WeakMap<FastifyRequest, Fault>();
  let queue: PendingFault[] = [];
  let settings: FaultSettings = {};
  let random = mulberry32(0);

  const configure = (next: FaultSettings) => {
    settings = faultSettingsSchema.parse(next);
    random = mulberry32(settings.seed ?? 0);
  };
  configure(options.settings ?? {});

  const anyMatch = (selectors: string[], method: string, route: string) => selectors.some((s) => matchesRoute(s, method, route));

  const takeQueued = (method: string, route: string): Fault | undefined => {
    const excluded = anyMatch(defaultExclude, method, route);
    const entry = queue.find((e) => (e.route === undefined ? !excluded : matchesRoute(e.route, method, route)));
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) queue = queue.filter((e) => e !== entry);
    return entry.fault;
  };

  const drawProbabilistic = (method: string, route: string): FaultDecision | undefined => {
    const eligible = settings.only ? anyMatch(settings.only, method, route) : !anyMatch(settings.exclude ?? defaultExclude, method, route);
    if (!eligible) return undefined;
    // Always three draws per eligible request, so one setting never shifts the sequence another one sees.
    const [uLatency, uFault, uStatus] = [random(), random(), random()];
    const latency = settings.latencyMs;
    const delayMs = Array.isArray(latency) ? Math.round(latency[0] + uLatency * (latency[1] - latency[0])) : (latency ?? 0);
    const statuses = settings.serverErrorStatuses ?? DEFAULT_5XX;
    const status = statuses[Math.floor(uStatus * statuses.length)] ?? 500;
    const bands: Array<[number, () => FaultDecision['failure']]> = [
      [settings.rateLimitRatio ?? 0, () => ({ kind: 'rateLimit', ...retryAfter(settings.retryAfterSeconds) })],
      [settings.serverErrorRatio ?? 0, () => ({ kind: 'serverError', status })],
      [settings.resetRatio ?? 0, () => ({ kind: 'reset' })],
      [settings.resetAfterRatio ?? 0, () => ({ kind: 'resetAfter' })],
    ];
    let edge = 0;
    for (const [share, make] of bands) {
      edge += share;
      if (uFault < edge) return { delayMs, failure: make() };
    }
    return delayMs > 0 ? { delayMs } : undefined;
  };

  const decide = (method: string, route: string): FaultDecision | undefined => {
    if (anyMatch(neverFault, method, route)) return undefined;
    const queued = takeQueued(method, route);
    if (queued) return queued.kind === 'latency' ? { delayMs: queued.ms } : { delayMs: 0, failure: queued };
    return drawProbabilistic(method, route);
  };

  const install = (app: FastifyInstance) => {
    app.addHook('onRequest', async (request, reply) => {
      const decision = decide(request.method, routeOf(request));
      if (!decision) return;
      const fault: Fault = decision.failure ?? { kind: 'latency', ms: decision.delayMs };
      injected.set(request, fault);
      options.onInjected?.(request, fault);
      if (decision.delayMs > 0) await sleep(decision.delayMs);
      const failure = decision.failure;
      if (!failure || failure.kind === 'resetAfter' || failure.kind === 'latencyAfter' || spoils(failure)) return;
      if (failure.kind === 'reset') {
        reply.hijack();
        resetConnection(request, reply);
        return reply;
      }
      if (failure.kind === 'malformedHtml') return reply.code(200).type('text/html; charset=utf-8').send(MALFORMED_HTML_PAGE);
      const rendered =
        failure.kind === 'respond' ? { status: failure.status, headers: failure.headers, body: failure.body ?? '' } : options.render(failure, request, reply);
      return reply
        .code(rendered.status)
        .headers(rendered.headers ?? {})
        .send(rendered.body);
    });
    app.addHook('onSend', async (request, reply, payload) => {
      const fault = injected.get(request);
      if (spoils(fault)) return spoilAnswer(fault, reply, payload);
      if (fault?.kind === 'latencyAfter') {
        await sleep(fault.ms);
        return payload;
      }
      if (fault?.kind !== 'resetAfter') return payload;
      resetConnection(request, reply);
      // Never settle: the route has already changed state, and the response must not be written at all.
      return new Promise<never>(() => undefined);
    });
  };

  return {
    configure,
    settings: () => structuredClone(settings),
    failNext(count, fault, route) {
      const parsed = faultSchema.parse(fault);
      if (!Number.isInteger(count) || count < 1) throw new RangeError('failNext count must be a positive integer');
      queue.push(route === undefined ? { remaining: count, fault: parsed } : { remaining: count, fault: parsed, route });
    },
    pending: () => queue.map((e) => ({ ...e })),
    clear() {
      queue = [];
      configure({});
    },
    expireAllTokens: () => expirers.forEach((expire) => expire()),
    onExpireAllTokens: (expire) => void expirers.push(expire),
    decide,
    install,
  };
}

function retryAfter(seconds: number | undefined): { retryAfterSeconds?: number } {
  return seconds === undefined ? {} : { retryAfterSeconds: seconds };
}
