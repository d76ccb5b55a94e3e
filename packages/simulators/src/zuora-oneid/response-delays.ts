import type { FastifyInstance } from 'fastify';
import { matchesRoute, routeOf } from '../faults.js';

/**
 * What the idempotency record of a delayed request says during the delay: `complete` (the work is done and stored,
 * only the answer is late: a retry with the same key is replayed) or `inFlight` (a retry gets 409).
 */
export type WhileDelayed = 'complete' | 'inFlight';

export interface ResponseDelay {
  remaining: number;
  ms: number;
  /** `"METHOD /route/:template"` or `"/route/:template"`, as in `../faults.ts`; absent = any SCIM request. */
  route?: string;
  whileDelayed: WhileDelayed;
}

/**
 * Hold responses back after the route has run: the state has changed but the client waits, e.g. past its own timeout
 * (unlike the `latency` fault, which delays before anything happens). Two `onSend` hooks, one installed before the
 * idempotency store (`inFlight`) and one after it (`complete`), so the two readings of "late" can be tested.
 */
export class ResponseDelays {
  private queue: ResponseDelay[] = [];
  private readonly chosen = new WeakMap<object, ResponseDelay>();

  constructor(
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly eligible: (url: string) => boolean,
  ) {}

  /** Delay the next `count` matching responses by `ms`. */
  add(count: number, ms: number, route?: string, whileDelayed: WhileDelayed = 'complete'): void {
    if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer');
    if (!(ms >= 0)) throw new RangeError('ms must be at least 0');
    this.queue.push(route === undefined ? { remaining: count, ms, whileDelayed } : { remaining: count, ms, route, whileDelayed });
  }

  pending(): ResponseDelay[] {
    return this.queue.map((d) => ({ ...d }));
  }

  clear(): void {
    this.queue = [];
  }

  /** Install the hook for one stage; call once with `inFlight` before the idempotency store, once with `complete` after. */
  install(app: FastifyInstance, stage: WhileDelayed): void {
    app.addHook('onSend', async (request, _reply, payload) => {
      if (stage === 'inFlight') this.pick(request.raw, request.method, routeOf(request), request.url);
      const delay = this.chosen.get(request.raw);
      if (delay?.whileDelayed === stage) await this.sleep(delay.ms);
      return payload;
    });
  }

  private pick(key: object, method: string, route: string, url: string): void {
    if (!this.eligible(url)) return;
    const entry = this.queue.find((d) => d.route === undefined || matchesRoute(d.route, method, route));
    if (!entry) return;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.queue = this.queue.filter((d) => d !== entry);
    this.chosen.set(key, entry);
  }
}
