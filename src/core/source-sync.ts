import type { ScimUser } from '../scim/resource.js';
import type { IdentitySource, SourceUser } from '../sources/identity-source.js';
import type { IndexedUser } from '../store/store.js';
import { newUpstreamContext, type UpstreamContext } from '../upstreams/call-record.js';
import { pagesOf } from './paged-list.js';
import type { ProvisioningService } from './provisioning-service.js';
import type { RequestContext } from './request-context.js';

/**
 * Provisioning from an identity source (src/sources/identity-source.ts): the source's directory is read whole, and
 * every difference becomes the request an IdP would have sent, through the tenant's provisioning service, so it takes
 * the same locks, ownership rules and audit entries (actor `source:<name>`) as an IdP's request.
 *
 * What the source manages is data on the user: the `externalId` `<source name>:<source id>`. A user without that
 * prefix (pushed by an IdP, made in the upstream's console, adopted by a reconcile) is never written by a sync, even
 * when a source user has the same login: that create is refused (409) and reported, not merged.
 *
 * Only what the source holds is written (userName, name, displayName, emails, active); a user the source no longer
 * lists is deactivated, never deleted. A source that reads as empty while the bridge holds users from it deactivates
 * no one: an empty answer is far more often an outage or a narrowed scope than a company with nobody left.
 */

/** The attributes a source holds for a user, and so the only ones a sync writes. */
const SOURCE_ATTRIBUTES = ['userName', 'name', 'displayName', 'emails', 'active'] as const;

export interface SourceSyncReport {
  /** Users the source listed. */
  read: number;
  created: number;
  updated: number;
  deactivated: number;
  unchanged: number;
  /** Writes the bridge refused or could not make, each with the status an IdP would have got; the next sync retries them. */
  failed: { sourceId: string; userName: string; status: number; detail: string }[];
}

export interface SourceSyncOptions {
  /** The tenant's SCIM base URL, for the `meta.location` of what the service answers. */
  baseUrl: string;
  /** Stamps each write's request id (`source-<name>-<n>`), so a sync's audit entries are found together. */
  runId: string;
}

/** `externalId` of a user a source manages: its name and the directory's stable id. */
export const sourceExternalId = (source: Pick<IdentitySource, 'name'>, sourceId: string): string => `${source.name}:${sourceId}`;

const statusOf = (e: unknown): number => (typeof (e as { status?: unknown }).status === 'number' ? (e as { status: number }).status : 500);
const detailOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The attributes of `user` a source holds, as JSON text each, for comparison. */
const heldBySource = (user: ScimUser): Record<string, string> => Object.fromEntries(SOURCE_ATTRIBUTES.map((a) => [a, JSON.stringify(user[a] ?? null)]));

async function readAll(source: IdentitySource, ctx: UpstreamContext): Promise<SourceUser[]> {
  const users: SourceUser[] = [];
  for await (const page of source.users(ctx)) users.push(...page);
  return users;
}

/** One sync of a tenant's users from its source. Throws only when the source cannot be read (nothing is written then). */
export async function syncUsersFromSource(source: IdentitySource, service: ProvisioningService, options: SourceSyncOptions): Promise<SourceSyncReport> {
  const t = service.tenant;
  const actor = `source:${source.name}`;
  let n = 0;
  const rcFor = (): RequestContext => {
    const requestId = `${options.runId}-${++n}`;
    return { tenant: t.id, requestId, actor, baseUrl: options.baseUrl, upstream: newUpstreamContext(requestId) };
  };
  const listed = await readAll(source, newUpstreamContext(`${options.runId}-read`));
  const report: SourceSyncReport = { read: listed.length, created: 0, updated: 0, deactivated: 0, unchanged: 0, failed: [] };
  const attempt = async (sourceId: string, userName: string, write: () => Promise<unknown>, counter: 'created' | 'updated' | 'deactivated') => {
    try {
      await write();
      report[counter]++;
    } catch (e) {
      report.failed.push({ sourceId, userName, status: statusOf(e), detail: detailOf(e) });
    }
  };

  const seen = new Set<string>();
  for (const { sourceId, user } of listed) {
    const externalId = sourceExternalId(source, sourceId);
    seen.add(externalId);
    const [current] = (await t.store.users.findByExternalId(t.id, externalId)).filter((u) => u.deletedAt === undefined);
    if (!current) {
      await attempt(sourceId, user.userName, () => service.users.create({ ...user, externalId }, rcFor()), 'created');
      continue;
    }
    const want = heldBySource(user);
    const have = heldBySource(current.resource);
    const changed = SOURCE_ATTRIBUTES.filter((a) => want[a] !== have[a]);
    if (changed.length === 0) {
      report.unchanged++;
      continue;
    }
    // One PATCH of what changed: a `replace` of each attribute the source holds differently (a removed one is removed).
    const operations = changed.map((a) =>
      user[a] === undefined ? { op: 'remove' as const, path: a } : { op: 'replace' as const, path: a, value: user[a] as never },
    );
    await attempt(sourceId, user.userName, () => service.users.patch(current.id, operations, rcFor(), {}), 'updated');
  }

  const gone: IndexedUser[] = [];
  const prefix = sourceExternalId(source, '');
  for await (const page of pagesOf<IndexedUser>((after, limit) => t.store.users.pageLive(t.id, { after, limit }))) {
    gone.push(...page.filter((u) => u.externalId?.startsWith(prefix) && !seen.has(u.externalId) && u.active));
  }
  if (listed.length === 0 && gone.length > 0) {
    throw new Error(`the ${source.name} source listed no users while the bridge holds ${gone.length} from it: nobody was deactivated`);
  }
  for (const u of gone) {
    const sourceId = (u.externalId ?? '').slice(prefix.length);
    await attempt(sourceId, u.userName, () => service.users.patch(u.id, [{ op: 'replace', path: 'active', value: false }], rcFor(), {}), 'deactivated');
  }
  return report;
}
