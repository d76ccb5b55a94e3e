import { afterAll, describe, expect, it } from 'vitest';
import { sandboxReadyFields, sandboxReadyText, EXAMPLE_USER, READY_MESSAGE } from '../../src/cli/sandbox-ready.js';
import { startSandboxCommand } from '../../src/cli/sandbox-command.js';
import { startSandbox, type Sandbox } from '../../src/sandbox.js';
import { captureLogs } from '../support/captured-logs.js';

/*
 * Issue 14 item 4: what `npm start` prints is enough to use the sandbox. For each upstream, the ready block names the
 * mapping its tenant runs with (expected names read from that tenant's configuration, not restated here); and, as a
 * person would with curl and a browser, over plain HTTP: a user created with the printed IdP token shows up, as its
 * create, in the audit log of the printed console URL, signed in with the printed admin token.
 */

const running: Sandbox[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.close()));
});

const start = async (upstream: 'zuora-rest' | 'zuora-oneid' | 'zscaler-zia'): Promise<Sandbox> => {
  const sb = await startSandbox({ upstream, host: '127.0.0.1', port: 0, token: undefined, seedUsers: 1, logger: false });
  running.push(sb);
  return sb;
};

const upstreamOf = (sb: Sandbox) => sb.upstreamConfig;

/** The value of a `Set-Cookie` line's cookie named `name`. */
const cookieFrom = (res: Response, name: string): string | undefined =>
  res.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith(`${name}=`));

/** A browser's sign-in at the printed console URL: the form's CSRF token and cookie (double submit), then the admin token. */
async function signIn(consoleUrl: string, adminToken: string): Promise<{ status: number; cookie: string | undefined }> {
  const form = await fetch(`${consoleUrl}/sign-in`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const formCookie = cookieFrom(form, 'scim-bridge-console-sign-in') ?? '';
  const res = await fetch(`${consoleUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: formCookie, origin: new URL(consoleUrl).origin },
    body: new URLSearchParams({ _csrf: csrf, token: adminToken }).toString(),
  });
  return { status: res.status, cookie: cookieFrom(res, 'scim-bridge-console') };
}

const seeding = (upstream: string) => ({ upstream, seedUsers: 1, seedProfile: 'plain' });

describe('the sandbox ready block names the mapping in effect', () => {
  it('zuora-rest: each role and group with its profile, and the default profile', async () => {
    const sb = await start('zuora-rest');
    const upstream = upstreamOf(sb);
    if (upstream.type !== 'zuora-rest') throw new Error(upstream.type);
    const text = sandboxReadyText(sb, seeding('zuora-rest'));
    const { roles, groups } = upstream.profiles;
    expect(Object.keys(roles).length + Object.keys(groups).length).toBeGreaterThan(0);
    for (const [role, profile] of Object.entries(roles)) expect(text).toContain(`role ${role} → profile ${profile}`);
    for (const [group, profile] of Object.entries(groups)) expect(text).toContain(`group ${group} → profile ${profile}`);
    expect(text).toContain(`no mapped role or group → profile ${upstream.profiles.default} (the default)`);
  });

  it('zuora-oneid: the admin roles and the admin groups', async () => {
    const sb = await start('zuora-oneid');
    const upstream = upstreamOf(sb);
    if (upstream.type !== 'zuora-oneid') throw new Error(upstream.type);
    const text = sandboxReadyText(sb, seeding('zuora-oneid'));
    expect(upstream.adminRoles.length * upstream.adminGroups.length).toBeGreaterThan(0);
    expect(text).toContain(`admin roles → OneID ADMIN: ${upstream.adminRoles.join(', ')}`);
    expect(text).toContain(`admin groups → OneID ADMIN: ${upstream.adminGroups.join(', ')}`);
  });

  it("zscaler-zia: the simulator's departments and groups, and the default department", async () => {
    const sb = await start('zscaler-zia');
    const upstream = upstreamOf(sb);
    if (upstream.type !== 'zscaler-zia') throw new Error(upstream.type);
    const text = sandboxReadyText(sb, seeding('zscaler-zia'));
    const state = sb.simulator.state() as { departments: Array<{ name: string }>; groups: Array<{ name: string }> };
    expect(state.departments.length * state.groups.length).toBeGreaterThan(0);
    const line = (start: string) => text.split('\n').find((l) => l.trim().startsWith(start)) ?? '';
    for (const d of state.departments) expect(line('departments:')).toContain(d.name);
    for (const g of state.groups) expect(line('groups:')).toContain(g.name);
    expect(text).toContain(`no department → ${String(upstream.defaultDepartment)} (the default department)`);
  });
});

describe('the printed URLs and tokens work (curl, then a browser)', () => {
  it('a user created with the printed bearer token is in the audit log the printed console URL and admin token show', async () => {
    const sb = await start('zuora-rest');
    const text = sandboxReadyText(sb, seeding('zuora-rest'));
    const printed = (label: string) => new RegExp(`^ {2}${label} +(\\S+)`, 'm').exec(text)?.[1] ?? '';
    const scimUrl = printed('SCIM URL');
    const bearer = printed('IdP bearer token');
    const consoleUrl = printed('Admin console');
    const adminToken = printed('Admin token');
    const auditUrl = printed('Audit log');
    expect(consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/admin\/console$/);
    expect(adminToken).not.toBe(bearer);
    // Piped, the same in one JSON line's fields.
    expect(sandboxReadyFields(sb, seeding('zuora-rest'))).toMatchObject({
      scimUrl,
      bearerToken: bearer,
      adminConsoleUrl: consoleUrl,
      adminToken,
      adminAuditUrl: auditUrl,
    });
    expect(text).toContain(READY_MESSAGE);

    // curl -X POST $SCIM_URL/Users -H "Authorization: Bearer $TOKEN": the example the block prints.
    const created = await fetch(`${scimUrl}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify(EXAMPLE_USER),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    // The IdP token does not open the console; the admin token does.
    expect((await signIn(consoleUrl, bearer)).cookie).toBeUndefined();
    const session = await signIn(consoleUrl, adminToken);
    expect(session.status).toBe(303);
    expect(session.cookie).toBeDefined();

    const page = await fetch(auditUrl, { headers: { cookie: session.cookie ?? '' } });
    expect(page.status).toBe(200);
    const entries = (await page.text()).split('<article class="entry">').slice(1);
    const create = entries.find((e) => e.includes(EXAMPLE_USER.userName) && /\bcreateUser\b/.test(e));
    expect(create, 'the create entry of the curl user').toBeDefined();
    expect(create).toContain(id);
    // Its upstream effect: the Zuora call the create made.
    expect(create).toMatch(/<code>POST [^<]*\/v1\/users/);
  });
});

describe('scim-bridge sandbox says it is ready: a block on a terminal, one JSON line piped', () => {
  const ioFor = (outIsTerminal: boolean) => {
    const out: string[] = [];
    const logs = captureLogs('info');
    return { out, logs, io: { env: {}, out: (line: string) => out.push(line), outIsTerminal, logger: logs.logger } };
  };
  const args = ['--upstream', 'zuora-rest', '--port', '0', '--seed-users', '0', '--source', 'google-workspace', '--seed-directory', '3'];

  it('on a terminal: the block on the output, with the source, and no ready log line', async () => {
    const { out, logs, io } = ioFor(true);
    const sb = await startSandboxCommand(args, io);
    running.push(sb);
    expect(out).toHaveLength(1);
    const block = out[0] ?? '';
    expect(block).toContain(`${READY_MESSAGE}: scim-bridge on a zuora-rest simulator`);
    for (const value of [sb.scimUrl, sb.token, sb.consoleUrl, sb.adminToken, sb.simulatorUrl, sb.controlUrl, sb.source?.url, sb.source?.controlUrl]) {
      expect(block).toContain(value);
    }
    expect(block).toMatch(/^ {2}Source +\S+ {2}\(google-workspace, 3 people\)$/m);
    expect(logs.lines().filter((l) => l.msg?.startsWith(READY_MESSAGE))).toEqual([]);
  });

  it('piped: nothing on the output, the ready log line carries every field', async () => {
    const { out, logs, io } = ioFor(false);
    const sb = await startSandboxCommand(args, io);
    running.push(sb);
    expect(out).toEqual([]);
    const ready = logs.lines().filter((l) => l.msg?.startsWith(READY_MESSAGE));
    expect(ready).toHaveLength(1);
    expect(ready[0]).toMatchObject({
      scimUrl: sb.scimUrl,
      bearerToken: sb.token,
      adminConsoleUrl: sb.consoleUrl,
      adminToken: sb.adminToken,
      mapping: sb.mapping,
      sourceUrl: sb.source?.url,
      seededDirectory: 3,
    });
  });
});
