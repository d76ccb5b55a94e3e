import { BARE_PATH } from './bare-app.js';
import type { Scenario } from './load.js';
import type { TargetsReady } from './targets-process.js';

/** A scenario and how to tell, before loading it, that each of its requests gets the right answer. */
export interface CheckedScenario extends Scenario {
  /** An error message for a wrong answer to `paths[i]`, or undefined when it is right. */
  verify(status: number, body: unknown, i: number): string | undefined;
}

const field = (body: unknown, key: string): unknown => (body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined);

/** `GET /scim/v2/Users?filter=userName eq "x"`: what an IdP sends before every create (idp-behaviour.md). */
export const filterPath = (userName: string): string => `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`;

const scimHeaders = (token: string) => ({ authorization: `Bearer ${token}`, accept: 'application/scim+json' });

/** The IdP's hot read against one bridge, rotating over `userNames`; right when it finds exactly that user. */
export const filterScenario = (baseUrl: string, userNames: readonly string[], token: string): CheckedScenario => ({
  key: 'filter',
  title: 'GET /Users?filter=userName eq "…"',
  baseUrl,
  paths: userNames.map(filterPath),
  headers: scimHeaders(token),
  verify: (status, body, i) => {
    if (status !== 200) return `status ${status}`;
    const first = field(field(body, 'Resources'), '0');
    if (field(body, 'totalResults') !== 1 || field(first, 'userName') !== userNames[i]) return `not exactly the user ${userNames[i]}`;
    return undefined;
  },
});

export function benchScenarios(t: TargetsReady, token: string): CheckedScenario[] {
  const headers = scimHeaders(token);
  const byId = (key: string, title: string, target: TargetsReady['indexReads']): CheckedScenario => ({
    key,
    title,
    baseUrl: target.url,
    paths: target.ids.map((id) => `/scim/v2/Users/${id}`),
    headers,
    verify: (status, body, i) => (status !== 200 ? `status ${status}` : field(body, 'id') !== target.ids[i] ? `answered id ${String(field(body, 'id'))}` : undefined),
  });
  return [
    {
      key: 'bare',
      title: 'bare Fastify JSON route (ceiling)',
      baseUrl: t.bareUrl,
      paths: [BARE_PATH],
      headers,
      verify: (status) => (status !== 200 ? `status ${status}` : undefined),
    },
    {
      // The floor of any SCIM answer: auth, rate limit, hooks, a static document. What the filter lookup adds to it
      // is the bridge's own work.
      key: 'floor',
      title: 'GET /ServiceProviderConfig (SCIM floor: auth, rate limit, static body)',
      baseUrl: t.upstreamReads.url,
      paths: ['/scim/v2/ServiceProviderConfig'],
      headers,
      verify: (status) => (status !== 200 ? `status ${status}` : undefined),
    },
    filterScenario(t.upstreamReads.url, t.userNames, token),
    byId('byIdIndex', "GET /Users/{id}, userReads: 'index'", t.indexReads),
    byId('byIdUpstream', 'GET /Users/{id}, upstream read (default)', t.upstreamReads),
  ];
}

/** Send every request of a scenario once and collect wrong answers, so a fast wrong answer is never benchmarked. */
export async function verifyScenario(s: CheckedScenario): Promise<string[]> {
  const problems: string[] = [];
  for (const [i, path] of s.paths.entries()) {
    const res = await fetch(new URL(path, s.baseUrl), { headers: s.headers });
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    const problem = s.verify(res.status, body, i);
    if (problem) problems.push(`${path}: ${problem}`);
  }
  return problems;
}
