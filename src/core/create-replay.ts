import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { stableStringify } from '../scim/etag.js';
import type { JsonValue } from '../scim/resource.js';
import { ScimError } from '../scim/errors.js';
import type { RequestContext } from './request-context.js';
import type { TenantRuntime } from './tenant.js';

const WAIT_STEP_MS = 100;
const MAX_WAIT_MS = 30_000;

/**
 * Replays a create to a client that sends it again with the same `Idempotency-Key` header (IETF
 * draft-ietf-httpapi-idempotency-key-header): its first attempt timed out or its answer was lost, and the retry
 * gets the resource that attempt made instead of a 409 for its own user. A retry arriving while the first is still
 * running waits for it; the same key with a different body is refused (422). A replay happens only while the
 * created resource still exists.
 *
 * Without the header a repeated create is a conflict, as RFC 7644 §3.3 and the Okta and Microsoft suites expect:
 * those IdPs look a user up by filter before creating it, so their retries find the first attempt's user.
 */
export async function replayableCreate<T extends { id?: string }>(
  t: TenantRuntime,
  rc: RequestContext,
  resourceType: 'User' | 'Group',
  body: JsonValue,
  create: () => Promise<T>,
  current: (id: string) => Promise<T | undefined>,
): Promise<T> {
  if (t.replayWindowSeconds === 0 || rc.idempotencyKey === undefined) return create();
  const fingerprint = createHash('sha256')
    .update(`${resourceType}\n${stableStringify(body)}`)
    .digest('hex');
  const key = `create:${rc.actor}:${rc.idempotencyKey}`;
  const store = t.store.idempotency;
  const started = Date.now();
  for (;;) {
    const now = t.now();
    const claim = {
      tenant: t.id,
      key,
      fingerprint,
      state: 'inFlight' as const,
      status: undefined,
      body: undefined,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + t.replayWindowSeconds * 1000).toISOString(),
    };
    const existing = await store.claim(claim);
    if (!existing) break;
    if (existing.fingerprint !== fingerprint) {
      throw new ScimError(422, 'This Idempotency-Key was used for a different request; use a new key for a new request');
    }
    if (existing.state === 'done' && existing.body) {
      const replayed = await current(existing.body);
      // The resource made then is gone (deleted since): this is a new create.
      return replayed ?? create();
    }
    if (Date.now() - started > MAX_WAIT_MS) return create();
    await sleep(WAIT_STEP_MS);
  }
  try {
    const created = await create();
    await store.complete(t.id, key, 201, created.id ?? '');
    return created;
  } catch (e) {
    await store.release(t.id, key).catch(() => undefined);
    throw e;
  }
}
