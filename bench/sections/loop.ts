import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseConfig } from '../../src/config/load-config.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createBridge } from '../../src/runtime.js';
import { createZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { say } from '../measure.js';
import { fmt, type BenchSection, type SectionContext, type SectionResult } from '../section.js';

/** Issue 11: no request within the default limits may hold the event loop longer than this. */
export const HOLD_TARGET_MS = 100;
const ROUNDS = 3;

interface HoldRow {
  label: string;
  status: number;
  worstMs: number;
}

export const loopTable = (users: number, rows: readonly HoldRow[]): string =>
  [
    `| request (${fmt(users)} users, default limits) | status | longest event-loop hold (ms) |`,
    '|---|---|---|',
    ...rows.map((r) => `| ${r.label} | ${r.status} | ${r.worstMs.toFixed(0)} |`),
  ].join('\n');

export function loopVerdict(rows: readonly HoldRow[]): string {
  const worst = rows.reduce<HoldRow | undefined>((w, r) => (w && w.worstMs >= r.worstMs ? w : r), undefined);
  if (!worst) return 'Event-loop hold: not measured in this run.';
  return `Longest event-loop hold ≤ ${HOLD_TARGET_MS} ms for every request: ${worst.worstMs <= HOLD_TARGET_MS ? 'met' : '**not met**'} (worst ${worst.worstMs.toFixed(0)} ms: ${worst.label}).`;
}

/**
 * The longest the event loop is held while the bridge answers the heaviest requests the default limits allow: a
 * bridge in this process (where the histogram can see its event loop) on an in-memory SQLite store over a Zuora REST
 * simulator with `users` users; each request sent a few times, the figure the maximum of Node's event-loop delay
 * histogram (1 ms resolution) over the request, i.e. how late a timer due during the request fired.
 */
async function run({ options: o, token }: SectionContext): Promise<SectionResult> {
  const users = o.users;
  const sim = createZuoraRestSimulator({});
  const simUrl = await sim.listen(0);
  sim.seedUsers(users);
  const config = parseConfig(
    {
      server: { bodyLimitBytes: 4_000_000 },
      rateLimit: { max: 1_000_000 },
      store: { type: 'sqlite', path: ':memory:' },
      tenants: [
        {
          id: 'default',
          idpTokens: [{ label: 'bench', sha256: hashToken(token) }],
          upstream: {
            type: 'zuora-rest',
            baseUrlOverride: simUrl,
            clientId: sim.clientId,
            clientSecret: sim.clientSecret,
            profiles: { default: 'Standard User' },
          },
          reconcile: { onStart: true, intervalSeconds: 0 },
          lists: { defaultCount: 100, maxCount: 1000 },
        },
      ],
    },
    {},
  );
  say(`loop: a bridge over ${users} users; reconciling…`);
  const bridge = await createBridge(config, { logger: false });
  try {
    await bridge.reconcileAll();
    const base = `${await bridge.app.listen({ port: 0, host: '127.0.0.1' })}/scim/v2`;
    const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
      const response = await fetch(base + path, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    };
    const ids: string[] = [];
    for (let start = 1; ids.length < Math.min(users, 2_000); start += 1000) {
      const page = await call('GET', `/Users?startIndex=${start}&count=1000&attributes=id`);
      ids.push(...(page.json.Resources as { id: string }[]).map((r) => r.id));
    }
    const emails = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ value: `e${from + i}@example.com`, type: 'other' }));
    const userId = ids[0] as string;
    const members = (from: number, n: number) => ids.slice(from, from + n).map((value) => ({ value }));
    const group = (await call('POST', '/Groups', { displayName: 'Bench group', members: members(0, 1000) })).json.id as string;
    const orFilter = Array.from({ length: 200 }, (_, i) => `title eq "t${i}"`)
      .join(' or ')
      .slice(0, 4096);
    const scenarios: [string, () => Promise<{ status: number }>][] = [
      ['filter: the backtracking one (400)', () => call('GET', `/Users?filter=${encodeURIComponent(`userName eq "${'a\n'.repeat(63)}x`)}`)],
      ['filter: userName eq (index lookup)', () => call('GET', `/Users?filter=${encodeURIComponent('userName eq "nobody"')}`)],
      [`filter: title eq, not indexed, over ${users} users`, () => call('GET', `/Users?count=10&filter=${encodeURIComponent('title eq "nobody"')}`)],
      [
        `filter: ${orFilter.length} characters of "or", not indexed, over ${users} users`,
        () => call('GET', `/Users?count=10&filter=${encodeURIComponent(orFilter)}`),
      ],
      ['PATCH user: add 1,000 emails', () => call('PATCH', `/Users/${userId}`, { Operations: [{ op: 'add', path: 'emails', value: emails(1000, 10_000) }] })],
      [
        'PATCH user: 1,000 filtered removes (none left to match)',
        () => call('PATCH', `/Users/${userId}`, { Operations: emails(1000).map((e) => ({ op: 'remove', path: `emails[value eq "${e.value}"]` })) }),
      ],
      [
        'PATCH user: 249 filtered replaces on 1,001 emails (at the scan budget)',
        () =>
          call('PATCH', `/Users/${userId}`, {
            Operations: emails(249, 10_000).map((e) => ({ op: 'replace', path: `emails[value eq "${e.value}"].display`, value: 'x' })),
          }),
      ],
      [
        'PATCH group: remove then add 1,000 members (unmapped group)',
        async () => {
          await call('PATCH', `/Groups/${group}`, { Operations: [{ op: 'remove', path: 'members', value: members(0, 1000) }] });
          return call('PATCH', `/Groups/${group}`, { Operations: [{ op: 'add', path: 'members', value: members(0, 1000) }] });
        },
      ],
      [
        'PATCH group: rename (1,000 members)',
        () => call('PATCH', `/Groups/${group}`, { Operations: [{ op: 'replace', path: 'displayName', value: `Bench group ${Date.now()}` }] }),
      ],
      ['PUT group with 1,000 members', () => call('PUT', `/Groups/${group}`, { displayName: 'Bench group', members: members(1000, 1000) })],
    ];
    const rows: HoldRow[] = [];
    for (const [label, send] of scenarios) {
      say(`- loop: ${label}`);
      let worstMs = 0;
      let status = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const histogram = monitorEventLoopDelay({ resolution: 1 });
        histogram.enable();
        status = (await send()).status;
        histogram.disable();
        worstMs = Math.max(worstMs, histogram.max / 1e6);
      }
      rows.push({ label, status, worstMs });
    }
    return {
      facts: [
        `Bridge: in the bench process (the histogram sees its event loop), SQLite in memory, over a Zuora REST simulator in the same process with ${fmt(users)} users reconciled into the index; default list limits, body limit 4 MB.`,
        `Requests: the heaviest the default limits allow, one at a time, each sent ${ROUNDS} times; the figure is the maximum of Node's event-loop delay histogram (\`monitorEventLoopDelay\`, 1 ms resolution) over the request, i.e. how late a timer due during the request fired. The first row's 400 is the expected answer.`,
      ],
      table: loopTable(users, rows),
      verdict: loopVerdict(rows),
      clean: true,
      complete: true,
    };
  } finally {
    await bridge.close();
    await sim.close();
  }
}

export const eventLoop: BenchSection = {
  key: 'loop',
  marker: 'event-loop-hold',
  title: () => 'Longest event-loop hold under the heaviest requests (issue 11)',
  run,
};
