import type { RequestContext } from './request-context.js';
import type { TenantRuntime } from './tenant.js';

/**
 * The idempotency basis of a create (see `UpstreamContext.writeBasis`): a per-name counter that moves on only
 * when a create succeeds. An IdP retrying a create whose answer it never got (the bridge timed out) sends the same
 * request with the same basis, so the upstream replays the first result; a later create of the same name after a
 * success (renamed, deleted, recreated) gets a new basis and is a new create.
 */
export async function withCreateGeneration<T>(
  t: TenantRuntime,
  rc: RequestContext,
  kind: 'user' | 'group',
  name: string,
  create: () => Promise<T>,
): Promise<T> {
  const key = `create-generation:${kind}:${name.toLowerCase()}`;
  const generation = Number((await t.store.state.get(t.id, key)) ?? '0');
  rc.upstream.writeBasis = `${kind}:${generation}`;
  const result = await create();
  await t.store.state.set(t.id, key, String(generation + 1));
  return result;
}
