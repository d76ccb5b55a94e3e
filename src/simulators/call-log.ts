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

/**
 * The call log shared by every upstream simulator. Records every request as it arrives (so `count` is exact as soon as
 * a response is out) and fills in the status just before the response is written. Requests to `skip` selectors (the
 * control surface) are not recorded.
 */
export class CallLog {
  private log: RecordedCall[] = [];
  private readonly byRequest = new WeakMap<FastifyRequest, RecordedCall>();

  constructor(private readonly skip: readonly string[] = []) {}

  install(app: FastifyInstance): void {
    app.addHook('onRequest', async (request) => {
      const route = routeOf(request);
      if (this.skip.some((s) => matchesRoute(s, request.method, route))) return;
      const call: RecordedCall = { method: request.method, route, url: request.url, status: 0 };
      this.log.push(call);
      this.byRequest.set(request, call);
    });
    app.addHook('onSend', async (request, reply, payload) => {
      const call = this.byRequest.get(request);
      if (call && call.fault !== 'reset' && call.fault !== 'resetAfter') call.status = reply.statusCode;
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

  /** Requests received for `method` + route template, e.g. `count('GET', '/v1/users/:id')`. */
  count(method: string, route: string): number {
    return this.log.filter((c) => c.method === method.toUpperCase() && c.route === route).length;
  }

  reset(): void {
    this.log = [];
  }
}
