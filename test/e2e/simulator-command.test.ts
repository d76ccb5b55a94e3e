import { afterAll, describe, expect, it } from 'vitest';
import { upstreamConfigSchema } from '../../src/config/config-schema.js';
import { obfuscateApiKey, ZIA_LIVE_USERS } from '@scim-bridge/simulators/zscaler-zia';
import { ONEID_LIVE_USERS } from '@scim-bridge/simulators/zuora-oneid';
import { ZUORA_REST_LIVE_USERS } from '@scim-bridge/simulators/zuora-rest';
import { startCli, startSimulatorProcess, type CliProcess } from '../support/cli-process.js';

/*
 * `scim-bridge simulator` as an operator or a test script starts it: a child process (`tsx src/cli.ts`), whose first
 * line of output is read, parsed, validated against the bridge's own configuration schema, and then used: its
 * credentials must open the simulator's API, which holds the seeded tenant.
 */

const running: CliProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
});

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** Log in with the printed block's credentials and list the users, as the upstream's API answers them. */
type Block = Record<string, string> & { auth?: Record<string, string> };
const listUsersWith: Record<string, (upstream: Block) => Promise<unknown[]>> = {
  async 'zuora-rest'(u) {
    const token = await fetch(
      `${u.baseUrlOverride}/oauth/token`,
      form({ client_id: String(u.clientId), client_secret: String(u.clientSecret), grant_type: 'client_credentials' }),
    );
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const res = await fetch(`${u.baseUrlOverride}/v1/users?pageSize=40`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { users: unknown[] }).users;
  },
  async 'zuora-oneid'(u) {
    const token = await fetch(
      `${u.baseUrl}/oauth2/token`,
      form({ client_id: String(u.clientId), client_secret: String(u.clientSecret), grant_type: 'client_credentials' }),
    );
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const res = await fetch(`${u.baseUrl}/scim/v2/Users`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { resources: unknown[] }).resources;
  },
  async 'zscaler-zia'(u) {
    const auth = u.auth as Record<string, string>;
    const timestamp = String(Date.now());
    const login = await fetch(`${u.baseUrlOverride}/authenticatedSession`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey: obfuscateApiKey(auth.apiKey as string, timestamp), username: auth.username, password: auth.password, timestamp }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const res = await fetch(`${u.baseUrlOverride}/users`, { headers: { cookie } });
    expect(res.status).toBe(200);
    return (await res.json()) as unknown[];
  },
};

const LIVE_USERS = { 'zuora-rest': ZUORA_REST_LIVE_USERS.length, 'zuora-oneid': ONEID_LIVE_USERS.length, 'zscaler-zia': ZIA_LIVE_USERS.length };

describe.each(['zuora-rest', 'zuora-oneid', 'zscaler-zia'] as const)('scim-bridge simulator --upstream %s --json', (upstream) => {
  it('prints {baseUrl, upstream} first, a block the configuration schema accepts, whose credentials open the seeded tenant', async () => {
    const sim = await startSimulatorProcess(upstream, ['--seed-profile', 'live', '--seed-users', '2']);
    running.push(sim.process);
    expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.controlUrl).toBe(`${sim.baseUrl}/__sim`);

    const parsed = upstreamConfigSchema.safeParse(sim.upstream);
    expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
    expect(sim.upstream.type).toBe(upstream);

    const users = await listUsersWith[upstream]?.(sim.upstream as Block);
    expect(users).toHaveLength(LIVE_USERS[upstream] + 2);

    // The control surface answers too, and the logins above are in its call log.
    const calls = (await (await fetch(`${sim.controlUrl}/calls`)).json()) as { calls: unknown[] };
    expect(calls.calls.length).toBeGreaterThanOrEqual(2);
    expect(await sim.process.stop()).toBe(0);
  });
});

describe('scim-bridge simulator', () => {
  it('without --json, prints the URL, the control surface, the credentials and a pasteable block (ZIA: explicit deactivation)', async () => {
    const cli = startCli(['simulator', '--upstream', 'zscaler-zia', '--port', '0', '--seed-users', '3']);
    running.push(cli);
    const first = await cli.line();
    expect(first).toMatch(/^zscaler-zia simulator at http:\/\/127\.0\.0\.1:\d+ \(seed profile plain, 3 users\)/);
    await cli.line((l) => l === 'serving until Ctrl-C');
    const lines = cli.lines();
    expect(lines.some((l) => /^control surface: http:\/\/127\.0\.0\.1:\d+\/__sim /.test(l))).toBe(true);
    expect(lines.some((l) => /^ {2}apiKey: \S{12,}$/.test(l))).toBe(true);
    const block = JSON.parse(lines.slice(lines.indexOf('{'), lines.indexOf('}') + 1).join('\n')) as Record<string, unknown>;
    expect(upstreamConfigSchema.safeParse(block).success).toBe(true);
    // The plain organization has a `Disabled Users` group: deactivation moves users there instead of deleting them.
    expect(block.deactivation).toEqual({ mode: 'group', disabledGroup: 'Disabled Users' });
    await cli.stop();
  });

  it('refuses an unknown upstream or seed profile with a message on stderr and exit code 2 (a usage error)', async () => {
    const bad = startCli(['simulator', '--upstream', 'zuora-soap']);
    running.push(bad);
    expect(await bad.exitCode()).toBe(2);
    expect(bad.stderr()).toMatch(/--upstream zuora-soap: choose one of zuora-rest, zuora-oneid, zscaler-zia/);

    const profile = startCli(['simulator', '--upstream', 'zuora-rest', '--seed-profile', 'busy']);
    running.push(profile);
    expect(await profile.exitCode()).toBe(2);
    expect(profile.stderr()).toMatch(/--seed-profile busy: choose one of plain, live/);
  });
});

describe('scim-bridge sandbox', () => {
  it("names its simulator's URL and control surface in the ready message and seeds a live tenant when asked", async () => {
    const cli = startCli(['sandbox', '--upstream', 'zscaler-zia', '--port', '0', '--seed-profile', 'live', '--seed-users', '0']);
    running.push(cli);
    const ready = JSON.parse(await cli.line((l) => l.includes('sandbox ready'))) as Record<string, unknown>;
    expect(ready.simulatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.simulatorControlUrl).toBe(`${String(ready.simulatorUrl)}/__sim`);
    expect(ready.seedProfile).toBe('live');
    // Piped, the ready block is this one JSON line: the admin console and its token, the mapping in effect.
    expect(ready.adminConsoleUrl).toBe(`${String(ready.scimUrl).replace(/\/scim\/v2$/, '')}/admin/console`);
    expect(ready.adminToken).toMatch(/^\S{20,}$/);
    expect(ready.mapping).toEqual(expect.arrayContaining([expect.stringMatching(/^no department → \S+ \(the default department\)$/)]));
    const state = (await (await fetch(`${String(ready.simulatorControlUrl)}/state`)).json()) as { groups: Array<{ name: string }> };
    expect(state.groups.map((g) => g.name)).toContain('Security Team - SSL Inspection Bypass');
    expect(await cli.stop()).toBe(0);
  });

  it('provisions from a simulated Google Workspace directory: one sync at start, its summary, the people upstream', async () => {
    const cli = startCli(['sandbox', '--upstream', 'zuora-rest', '--port', '0', '--seed-users', '0', '--source', 'google-workspace', '--seed-directory', '12']);
    running.push(cli);
    const summary = JSON.parse(await cli.line((l) => l.includes('google-workspace synced'))) as { msg: string };
    expect(summary.msg).toBe('google-workspace synced: 12 created, 0 updated, 0 removed, 2 groups written, 0 failed');
    const ready = JSON.parse(await cli.line((l) => l.includes('sandbox ready'))) as Record<string, string>;
    expect(ready.source).toBe('google-workspace');
    expect(ready.sourceControlUrl).toBe(`${ready.sourceUrl}/__sim`);
    const directory = (await (await fetch(`${ready.sourceControlUrl}/state`)).json()) as { users: Array<{ primaryEmail: string }> };
    expect(directory.users).toHaveLength(12);

    // Through the sandbox, as an IdP would look: the upstream simulator holds every person of the directory.
    const res = await fetch(`${ready.scimUrl}/Users?count=100`, { headers: { authorization: `Bearer ${ready.bearerToken}` } });
    expect(res.status).toBe(200);
    const listed = ((await res.json()) as { Resources: Array<{ userName: string }> }).Resources.map((u) => u.userName.toLowerCase());
    expect(listed).toEqual(expect.arrayContaining(directory.users.map((u) => u.primaryEmail.toLowerCase())));
    expect(await cli.stop()).toBe(0);
  });

  it('refuses --source without a value or naming no known source, with exit code 2 and the sources listed', async () => {
    for (const args of [['--source'], ['--source', '--seed-directory', '5'], ['--source', 'okta']]) {
      const bad = startCli(['sandbox', '--port', '0', ...args]);
      running.push(bad);
      expect(await bad.exitCode()).toBe(2);
      expect(bad.stderr()).toMatch(/--source (\(missing\)|okta): choose one of google-workspace/);
    }
  });
});
