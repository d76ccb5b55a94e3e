import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OneIdBehaviour } from './behaviour.js';
import { sendError } from './errors.js';
import type { ErrorFormat } from './errors.js';

/** Documented maximum length of `Idempotency-Key` (every SCIM operation's header table). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface IdempotencyRecord {
  method: string;
  url: string;
  bodyHash: string;
  expiresAt: number;
  /** Absent while the first request is still being processed. */
  response?: StoredResponse;
}

export interface IdempotencyOptions {
  now: () => number;
  ttlSeconds: number;
  /** Keys are per tenant ("422 if tenant/URL/method mismatch"); the simulator serves one organization. */
  tenant: string;
  /** Only requests under this prefix take part (the SCIM API, not the token endpoint or the control surface). */
  scopePrefix: string;
  mode: () => OneIdBehaviour['idempotencyReplay'];
  format: () => ErrorFormat;
}

/** Headers that describe one transfer, not the stored result; `Zuora-Track-Id` is the retry's own. */
const TRANSFER_HEADERS = new Set(['content-length', 'content-encoding', 'vary', 'zuora-track-id', 'transfer-encoding', 'connection']);

/**
 * `Idempotency-Key` on POST and PATCH (idempotent-requests guide, docs/upstreams/zuora-oneid.md §2): Zuora stores the status, headers
 * and body of the first request per (tenant, key) for 24 hours; the same key with the same method, URL and body gets
 * that result again (or, with `idempotencyReplay: 'conflict'`, 409 carrying it); the same key while the first request
 * is in flight gets 409; a different method or URL gets 422. A different body under the same key is also 422 [INF].
 * The header is ignored on other methods ("only POST or PATCH"). Install before the fault injector, so a response
 * that `resetAfter` drops is still stored: the state changed, and a retry must see that.
 */
export class IdempotencyStore {
  private readonly records = new Map<string, IdempotencyRecord>();
  private readonly owners = new WeakMap<FastifyRequest, string>();

  constructor(private readonly options: IdempotencyOptions) {}

  /** Keys currently remembered (expired ones are dropped lazily). */
  size(): number {
    return this.records.size;
  }

  clear(): void {
    this.records.clear();
  }

  install(app: FastifyInstance): void {
    app.addHook('preHandler', async (request, reply) => this.admit(request, reply));
    app.addHook('onSend', async (request, reply, payload) => {
      const storeKey = this.owners.get(request);
      const record = storeKey === undefined ? undefined : this.records.get(storeKey);
      if (record && !record.response && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
        record.response = { status: reply.statusCode, headers: storableHeaders(reply), body: payload.toString() };
      }
      return payload;
    });
    // A first request that ended without a stored response (e.g. a stream error) must not block its key forever.
    app.addHook('onResponse', async (request) => {
      const storeKey = this.owners.get(request);
      if (storeKey !== undefined && !this.records.get(storeKey)?.response) this.records.delete(storeKey);
    });
  }

  private async admit(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const header = request.headers['idempotency-key'];
    if (typeof header !== 'string' || (request.method !== 'POST' && request.method !== 'PATCH')) return undefined;
    if (!request.url.startsWith(`${this.options.scopePrefix}/`)) return undefined;
    const format = this.options.format();
    if (header.length === 0 || header.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      return sendError(reply, format, 400, `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`, 'invalidValue');
    }
    const storeKey = `${this.options.tenant}\u0000${header}`;
    const bodyHash = createHash('sha256')
      .update(JSON.stringify(request.body ?? null))
      .digest('hex');
    const existing = this.live(storeKey);
    if (!existing) {
      const expiresAt = this.options.now() + this.options.ttlSeconds * 1000;
      this.records.set(storeKey, { method: request.method, url: request.url, bodyHash, expiresAt });
      this.owners.set(request, storeKey);
      return undefined;
    }
    if (existing.method !== request.method || existing.url !== request.url) {
      const first = `${existing.method} ${existing.url}`;
      return sendError(reply, format, 422, `Idempotency-Key was first used for ${first}; it cannot be reused for another request`);
    }
    if (existing.bodyHash !== bodyHash) {
      return sendError(reply, format, 422, 'Idempotency-Key was first used with a different request body');
    }
    if (!existing.response) {
      return sendError(reply, format, 409, 'A request with this Idempotency-Key is still being processed');
    }
    const { status, headers, body } = existing.response;
    return reply
      .code(this.options.mode() === 'conflict' ? 409 : status)
      .headers(headers)
      .send(body);
  }

  private live(storeKey: string): IdempotencyRecord | undefined {
    const record = this.records.get(storeKey);
    if (record && record.expiresAt <= this.options.now()) {
      this.records.delete(storeKey);
      return undefined;
    }
    return record;
  }
}

function storableHeaders(reply: FastifyReply): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value === undefined || TRANSFER_HEADERS.has(name.toLowerCase())) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}
