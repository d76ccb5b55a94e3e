import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Fault, FaultKind } from './faults.js';
import { matchesRoute, routeOf } from './faults.js';

/** One request the simulator received. */
export interface RecordedCall {
  method: string;
  /** Route template, e.g. `/v1/users/:id`; the bare path when no route matched. */
  route: string;
  /** Path and query as received. */
  url: string;
  /** HTTP status sent; 0 when the connection was reset instead. */
  status: number;
  /** The injected fault, if any. */
  fault?: FaultKind;
}

/** A request that could change the upstream (any method but GET and HEAD), with the objects it names. */
export interface WriteCall extends RecordedCall {
  /**
   * Ids of the existing objects the request targets: the route's id parameter (`/v1/users/:id`, `/users/:userId`)
   * and, on bulk routes, the ids its body lists. Empty for a create, which names no existing object.
   */
  objectIds: string[];
}

/** The ids a bulk route's body names (ZIA `{ids}`, OneID id arrays); each simulator knows its own bulk routes. */
export type BulkTargets = (method: string, route: string, body: unknown) => string[];

const READS = new Set(['GET', 'HEAD']);

/** Route parameters that name an object: `id`, or any `…Id` (`userId`, `groupId`). */
function idParams(params: unknown): string[] {
  if (typeof params !== 'object' || params === null) return [];
  return Object.entries(params as Record<string, unknown>)
    .filter(([key, value]) => (key === 'id' || key.endsWith('Id')) && typeof value === 'string' && value !== '')
    .map(([, value]) => value as string);
}

/**
 * The call log shared by every upstream simulator. Records every request as it arrives (so `count` is exact as soon as
 * a response is out) and fills in the status just before the response is written. Requests to `skip` selectors (the
 * control surface) are not recorded.
 */
export class CallLog {
  private log: RecordedCall[] = [];
  private readonly byRequest = new WeakMap<FastifyRequest, RecordedCall>();
  /** Kept beside the calls, not in them: `calls()` answers exactly what was always recorded. */
  private readonly targets = new WeakMap<RecordedCall, string[]>();

  constructor(
    private readonly skip: readonly string[] = [],
    private readonly bulkTargets: BulkTargets = () => [],
  ) {}

  install(app: FastifyInstance): void {
    app.addHook('onRequest', async (request) => {
      const route = routeOf(request);
      if (this.skip.some((s) => matchesRoute(s, request.method, route))) return;
      const call: RecordedCall = { method: request.method, route, url: request.url, status: 0 };
      this.log.push(call);
      this.byRequest.set(request, call);
      // Routing has run, so the path's parameters are known even if a fault or a refusal stops the request here.
      if (!READS.has(request.method)) this.targets.set(call, idParams(request.params));
    });
    app.addHook('onSend', async (request, reply, payload) => {
      const call = this.byRequest.get(request);
      if (call && call.fault !== 'reset' && call.fault !== 'resetAfter') call.status = reply.statusCode;
      if (call) this.addBulkTargets(call, request);
      return payload;
    });
  }

  /** Mark the fault injected into this request (wired to the fault controller's `onInjected`). */
  markFault(request: FastifyRequest, fault: Fault): void {
    const call = this.byRequest.get(request);
    if (call) call.fault = fault.kind;
  }

  calls(): RecordedCall[] {
    return this.log.map((c) => ({ ...c }));
  }

  /**
   * Every request that could have changed something (methods other than GET and HEAD), in arrival order, with the ids
   * of the objects each targets: "no write touched object X" is `!writes().some((w) => w.objectIds.includes(X))`.
   * Failed and faulted requests are listed too (their status says what happened).
   */
  writes(): WriteCall[] {
    return this.log.filter((c) => !READS.has(c.method)).map((c) => ({ ...c, objectIds: [...(this.targets.get(c) ?? [])] }));
  }

  /** Requests received for `method` + route template, e.g. `count('GET', '/v1/users/:id')`. */
  count(method: string, route: string): number {
    return this.log.filter((c) => c.method === method.toUpperCase() && c.route === route).length;
  }

  /** The body is parsed by the time the answer is sent (never, when a fault answered first: then nothing changed). */
  private addBulkTargets(call: RecordedCall, request: FastifyRequest): void {
    const ids = this.targets.get(call);
    if (ids === undefined || request.body === undefined) return;
    for (const id of this.bulkTargets(call.method, call.route, request.body)) if (!ids.includes(id)) ids.push(id);
  }

  reset(): void {
    this.log = [];
  }
}
