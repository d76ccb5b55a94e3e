import {
  createGoogleWorkspaceSimulator,
  DIRECTORY_PREFIX,
  type GoogleMemberRecord,
  type GoogleWorkspaceSimulator,
} from '@scim-bridge/simulators/google-workspace';

/**
 * A listening Google Workspace simulator seeded as `seed`, and the tenant `source` block that points a bridge at it
 * (issue 13). Retries are fast and the removal caps wide: tests about what a sync writes, not about its safety stops.
 */
export async function startGoogleWorkspace(seed: { users: number; groups: number }): Promise<{
  google: GoogleWorkspaceSimulator;
  source: Record<string, unknown>;
}> {
  const google = createGoogleWorkspaceSimulator({ seed });
  const url = await google.listen(0, '127.0.0.1');
  const source = {
    type: 'google-workspace',
    key: JSON.stringify(google.serviceAccountKey()),
    subject: google.adminEmail(),
    baseUrlOverride: url,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    maxDeactivationPercent: 100,
    // Syncs run when the test says, never on a timer.
    intervalSeconds: 60 * 60 * 24,
  };
  return { google, source };
}

/**
 * The largest pages the Directory API serves (users.list 500, groups.list 200, members.list 200: the simulator's
 * README and Google's reference). Stated here, not imported from the source, so a source that reads in smaller pages
 * is caught.
 */
const MAX_PAGE = { users: 500, groups: 200, members: 200 };

const pages = (items: number, size: number) => Math.max(1, Math.ceil(items / size));

/** What `members.list` answers with `includeDerivedMembership=true`: nested groups' members too, each once. */
function derivedMembers(google: GoogleWorkspaceSimulator, groupId: string): GoogleMemberRecord[] {
  const seen = new Map<string, GoogleMemberRecord>();
  const visited = new Set([groupId]);
  const queue = [groupId];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const m of google.members(next)) {
      if (!seen.has(m.memberId)) seen.set(m.memberId, m);
      if (m.type === 'GROUP' && !visited.has(m.memberId)) {
        visited.add(m.memberId);
        queue.push(m.memberId);
      }
    }
  }
  return [...seen.values()];
}

/** The people a group holds as the source reads it (nested groups flattened), by Google user id. */
export const userMembers = (google: GoogleWorkspaceSimulator, groupId: string): string[] =>
  derivedMembers(google, groupId)
    .filter((m) => m.type === 'USER')
    .map((m) => m.memberId);

/** Groups in the order groups.list answers them (by email), which is the order a sync applies them in. */
export const groupsInListingOrder = (google: GoogleWorkspaceSimulator) => [...google.groups()].sort((a, b) => (a.email < b.email ? -1 : 1));

/**
 * The Directory API reads one whole snapshot needs, from what the directory holds now: users.list pages of 500, one
 * groups.list page per 200 groups, and per group its members.list pages of 200.
 */
export function directoryReadsNeeded(google: GoogleWorkspaceSimulator): { users: number; groups: number; members: number } {
  const groups = google.groups();
  return {
    users: pages(google.users().length, MAX_PAGE.users),
    groups: pages(groups.length, MAX_PAGE.groups),
    members: groups.reduce((n, g) => n + pages(derivedMembers(google, g.id).length, MAX_PAGE.members), 0),
  };
}

/** The Directory API reads the simulator received since `from` (an index in its call log), by listing. */
export function directoryReads(google: GoogleWorkspaceSimulator, from = 0): { users: number; groups: number; members: number; other: number } {
  const calls = google.calls().slice(from);
  const count = (route: string) => calls.filter((c) => c.method === 'GET' && c.route === `${DIRECTORY_PREFIX}${route}`).length;
  const users = count('/users');
  const groups = count('/groups');
  const members = count('/groups/:groupKey/members');
  return { users, groups, members, other: calls.length - users - groups - members - tokenRequests(google, from) };
}

/** Service-account token requests (JWT-bearer grants) since `from`. */
export const tokenRequests = (google: GoogleWorkspaceSimulator, from = 0): number =>
  google
    .calls()
    .slice(from)
    .filter((c) => c.method === 'POST' && c.route === '/token').length;

/** Writes counted by `METHOD route` (e.g. `POST /v1/users`), for a failure message that says what was sent. */
export function writesByKind(writes: readonly { method: string; route: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const w of writes) out[`${w.method} ${w.route}`] = (out[`${w.method} ${w.route}`] ?? 0) + 1;
  return out;
}
