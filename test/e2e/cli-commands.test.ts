import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditCommand } from '../../src/cli/audit-command.js';
import type { CliIo } from '../../src/cli/cli-io.js';
import { doctorCommand } from '../../src/cli/doctor-command.js';
import { reconcileCommand } from '../../src/cli/reconcile-command.js';
import { ConfigError } from '../../src/config/load-config.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { openStore } from '../../src/runtime.js';
import { createGoogleWorkspaceSimulator, READONLY_DIRECTORY_SCOPES } from '@scim-bridge/simulators/google-workspace';
import { createZscalerZiaSimulator } from '@scim-bridge/simulators/zscaler-zia';
import { createZuoraRestSimulator, type ZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { PROFILES, TOKEN } from '../support/zuora-rest-harness.js';

const WRONG_SECRET = 'not-the-secret-of-this-client-0000';

let sim: ZuoraRestSimulator;
let simUrl: string;
let dir: string;
let files = 0;

/** Run a command as the CLI would, its stdout lines collected. */
async function run(command: (args: string[], io: CliIo) => Promise<number>, args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await command(args, { env: {}, out: (line) => lines.push(line), logger: pino({ level: 'silent' }) });
  return { code, lines };
}

const tenant = (id: string, upstream: Record<string, unknown> = {}) => ({
  id,
  idpTokens: [{ label: `${id}-idp`, sha256: hashToken(`${TOKEN}-${id}`) }],
  upstream: { type: 'zuora-rest', baseUrlOverride: simUrl, clientId: sim.clientId, clientSecret: sim.clientSecret, profiles: PROFILES, ...upstream },
  reconcile: { onStart: false, intervalSeconds: 0 },
});

/** A configuration file on disk, as an operator passes it with `--config`. */
function configFile(tenants: unknown[], extra: Record<string, unknown> = {}): string {
  const path = join(dir, `config-${++files}.json`);
  writeFileSync(path, JSON.stringify({ store: { type: 'sqlite', path: join(dir, `store-${files}.db`) }, tenants, ...extra }));
  return path;
}

beforeAll(async () => {
  sim = createZuoraRestSimulator();
  simUrl = await sim.listen(0);
  dir = mkdtempSync(join(tmpdir(), 'scim-bridge-cli-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scim-bridge doctor', () => {
  it('marks a tenant whose upstream refuses its client secret ✗ unauthorized, the good one ✓, and exits 1', async () => {
    const config = configFile([tenant('good'), tenant('bad', { clientSecret: WRONG_SECRET })]);
    const { code, lines } = await run(doctorCommand, ['--config', config]);
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/^✓ configuration/);
    const row = (id: string) => lines.find((l) => l.startsWith(`${id} `)) ?? '';
    expect(row('good')).toMatch(/^good\s+zuora-rest\s+✓$/);
    expect(row('bad')).toMatch(/^bad\s+zuora-rest\s+✗\s+credentials \(unauthorized\): \S/);
    const output = lines.join('\n');
    expect(output).not.toContain(WRONG_SECRET);
    expect(output).not.toContain(sim.clientSecret);
  });

  it('exits 0 when every tenant reaches its upstream and every mapped profile exists', async () => {
    const { code, lines } = await run(doctorCommand, ['--config', configFile([tenant('one'), tenant('two')])]);
    expect(code).toBe(0);
    expect(lines.filter((l) => l.includes('✗'))).toEqual([]);
    expect(lines.filter((l) => /^(one|two) .*✓$/.test(l))).toHaveLength(2);
  });

  it('reports a profile the mapping names but the Zuora tenant lacks as a mapping problem, listing the profiles there are', async () => {
    const profiles = { ...PROFILES, default: 'No Such Profile' };
    const { code, lines } = await run(doctorCommand, ['--config', configFile([tenant('mapped', { profiles })])]);
    expect(code).toBe(1);
    expect(lines.find((l) => l.startsWith('mapped '))).toMatch(
      /✗\s+mapping \(missing profile\): tenants\[0\]\.upstream\.profiles\.default: this Zuora tenant has no profile "No Such Profile"; it has "Administrator", "Standard User", "Read Only", "Billing Clerk"$/,
    );
  });

  it('lists every problem of every tenant in one run: a missing profile, a missing department, a missing group link target', async () => {
    const zia = createZscalerZiaSimulator({ domains: 'any' });
    const ziaUrl = await zia.listen(0);
    try {
      const ziaTenant = {
        id: 'zia',
        idpTokens: [{ label: 'zia-idp', sha256: hashToken(`${TOKEN}-zia`) }],
        upstream: {
          type: 'zscaler-zia',
          baseUrlOverride: `${ziaUrl}${zia.apiPrefix}`,
          auth: { mode: 'legacy', username: zia.username, password: zia.password, apiKey: zia.apiKey },
          defaultDepartment: 'Enginering',
          deactivation: { mode: 'group', disabledGroup: 'Disabled Users' },
          groupLinks: { 'All Sales': 'Sales', 'Support Team': 'Support' },
        },
        reconcile: { onStart: false, intervalSeconds: 0 },
      };
      const rest = tenant('rest', { profiles: { ...PROFILES, roles: { ...PROFILES.roles, auditor: 'Auditors' } } });
      const { code, lines } = await run(doctorCommand, ['--config', configFile([rest, tenant('fine'), ziaTenant])]);

      expect(code).toBe(1);
      const problems = lines.filter((l) => l.includes('✗'));
      expect(problems).toHaveLength(3);
      expect(problems[0]).toMatch(
        /^rest\s+zuora-rest\s+✗\s+mapping \(missing profile\): tenants\[0\]\.upstream\.profiles\.roles\.auditor: .*"Auditors".*it has "Administrator"/,
      );
      expect(problems[1]).toMatch(
        /^zia\s+zscaler-zia\s+✗\s+mapping \(missing department\): tenants\[2\]\.upstream\.defaultDepartment: ZIA has no department "Enginering" \(did you mean "Engineering"\?\); it has "Engineering", "Finance", "Sales", "Marketing"$/,
      );
      expect(problems[2]).toMatch(
        /^zia\s+zscaler-zia\s+✗\s+mapping \(missing group\): tenants\[2\]\.upstream\.groupLinks\["Support Team"\]: ZIA has no group "Support"; it has "Engineering", "Finance", "Sales", "Disabled Users"$/,
      );
      expect(lines.filter((l) => /^fine\s.*✓$/.test(l))).toHaveLength(1);
      // Looking is all doctor does: besides signing in and out, nothing but reads reached ZIA.
      expect(zia.calls().filter((c) => c.method !== 'GET' && c.route !== `${zia.apiPrefix}/authenticatedSession`)).toEqual([]);
      expect(zia.count('GET', `${zia.apiPrefix}/departments`)).toBe(1);
      expect(zia.count('GET', `${zia.apiPrefix}/groups`)).toBe(1);
    } finally {
      await zia.close();
    }
  });

  it("reads one page of a tenant's Google Workspace source: its own key ✓; another service account's key, or a missing scope, ✗ naming it; exit 1", async () => {
    const google = createGoogleWorkspaceSimulator({ seed: { users: 5, groups: 1 } });
    const googleUrl = await google.listen(0, '127.0.0.1');
    try {
      const key = google.serviceAccountKey();
      // The same service account's name on a key Google never issued to it: the signature check refuses the grant.
      const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const withSource = (id: string, keyJson: object) => ({
        ...tenant(id),
        source: {
          type: 'google-workspace',
          key: JSON.stringify(keyJson),
          subject: google.adminEmail(),
          baseUrlOverride: googleUrl,
          retry: { baseDelayMs: 1, maxDelayMs: 5 },
        },
      });
      const config = configFile([withSource('keyed', key), withSource('forged', { ...key, private_key: stranger })]);
      const { code, lines } = await run(doctorCommand, ['--config', config]);

      expect(code).toBe(1);
      const rows = (id: string) => lines.filter((l) => l.startsWith(`${id} `));
      // Each tenant keeps its upstream row and gains one for its source.
      expect(rows('keyed')).toEqual([expect.stringMatching(/^keyed\s+zuora-rest\s+✓$/), expect.stringMatching(/^keyed\s+google-workspace \(source\)\s+✓$/)]);
      expect(rows('forged')[0]).toMatch(/^forged\s+zuora-rest\s+✓$/);
      expect(rows('forged')[1]).toMatch(/^forged\s+google-workspace \(source\)\s+✗\s+credentials \(unauthorized\): /);
      expect(rows('forged')[1]).toContain(key.client_email);
      const output = lines.join('\n');
      for (const secret of [key.private_key, stranger]) {
        for (const line of secret.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))) expect(output).not.toContain(line);
      }
      // Only the good key was granted a token, and it read one page of users.
      expect(google.calls().filter((c) => c.route.endsWith('/users'))).toHaveLength(1);

      // Domain-wide delegation that lacks one of the scopes the bridge asks for: the token is refused, and doctor says so.
      google.setGrantedScopes(READONLY_DIRECTORY_SCOPES.filter((scope) => !scope.endsWith('group.member.readonly')));
      const narrowed = await run(doctorCommand, ['--config', configFile([withSource('keyed', key)])]);
      expect(narrowed.code).toBe(1);
      const sourceRow = narrowed.lines.find((l) => l.includes('(source)')) ?? '';
      expect(sourceRow).toMatch(/^keyed\s+google-workspace \(source\)\s+✗\s+credentials \(unauthorized\): /);
      expect(sourceRow).toContain(key.client_email);
      expect(sourceRow).toContain('unauthorized_client');
    } finally {
      await google.close();
    }
  });

  it('reports invalid configuration with the field named, without reaching any upstream', async () => {
    const before = sim.count('POST', '/oauth/token');
    const { code, lines } = await run(doctorCommand, ['--config', configFile([{ ...tenant('good'), id: 'Not Valid' }])]);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^✗ configuration: .*tenants\[0\]\.id: /s);
    expect(sim.count('POST', '/oauth/token')).toBe(before);
  });
});

describe('scim-bridge reconcile', () => {
  it('builds the index from the upstream once and prints each tenant report; a second run finds nothing new', async () => {
    sim.seedUsers(4);
    const config = configFile([tenant('acme')]);
    const first = await run(reconcileCommand, ['--config', config]);
    expect(first.code).toBe(0);
    const seen = JSON.parse(first.lines[0] ?? '{}') as { tenant: string; ok: boolean; seen: number; added: number };
    expect(first.lines).toHaveLength(1);
    expect(seen).toMatchObject({ tenant: 'acme', ok: true, added: seen.seen });
    expect(seen.seen).toBeGreaterThanOrEqual(4);
    const second = await run(reconcileCommand, ['--config', config]);
    expect(JSON.parse(second.lines[0] ?? '{}')).toMatchObject({ tenant: 'acme', ok: true, seen: seen.seen, added: 0, removed: 0 });
  });

  it('runs only the named tenant, and exits 1 with the error kind when that tenant upstream refuses the bridge', async () => {
    const config = configFile([tenant('fine'), tenant('locked', { clientSecret: WRONG_SECRET })]);
    const only = await run(reconcileCommand, ['--config', config, '--tenant', 'fine']);
    expect(only.code).toBe(0);
    expect(only.lines.map((l) => (JSON.parse(l) as { tenant: string }).tenant)).toEqual(['fine']);
    const all = await run(reconcileCommand, ['--config', config]);
    expect(all.code).toBe(1);
    expect(all.lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      expect.objectContaining({ tenant: 'fine', ok: true }),
      { tenant: 'locked', ok: false, error: { kind: 'unauthorized', message: expect.any(String) } },
    ]);
    expect(all.lines.join('\n')).not.toContain(WRONG_SECRET);
  });

  it('refuses a tenant the configuration does not have', async () => {
    await expect(run(reconcileCommand, ['--config', configFile([tenant('fine')]), '--tenant', 'nobody'])).rejects.toThrow(ConfigError);
  });
});

describe('scim-bridge audit', () => {
  let config: string;
  beforeEach(async () => {
    config = configFile([tenant('acme')]);
    const store = await openStore({ type: 'sqlite', path: join(dir, `store-${files}.db`) });
    const at = (h: number) => new Date(Date.UTC(2024, 2, 1, h)).toISOString();
    for (const [t, h, id] of [
      ['acme', 9, 'u-1'],
      ['acme', 10, 'u-2'],
      ['globex', 11, 'u-1'],
      ['acme', 12, 'u-1'],
    ] as const) {
      await store.audit.append({
        tenant: t,
        at: at(h),
        requestId: `r-${h}`,
        actor: 'okta',
        operation: 'replaceUser',
        resourceType: 'User',
        resourceId: id,
        status: 200,
        upstreamCalls: [],
        detail: undefined,
      });
    }
    await store.close();
  });

  const hours = (lines: string[]) => lines.map((l) => (JSON.parse(l) as { at: string }).at.slice(11, 13));

  it('prints the store entries newest first, one JSON line each', async () => {
    const { code, lines } = await run(auditCommand, ['--config', config]);
    expect(code).toBe(0);
    expect(hours(lines)).toEqual(['12', '11', '10', '09']);
  });

  it('filters by tenant, resource and time, and limits', async () => {
    expect(hours((await run(auditCommand, ['--config', config, '--tenant', 'acme', '--resource', 'u-1'])).lines)).toEqual(['12', '09']);
    expect(hours((await run(auditCommand, ['--config', config, '--since', '2024-03-01T10:00:00Z', '--until', '2024-03-01T12:00:00Z'])).lines)).toEqual([
      '11',
      '10',
    ]);
    expect(hours((await run(auditCommand, ['--config', config, '--limit', '1'])).lines)).toEqual(['12']);
  });

  it('refuses an out-of-range limit or a date without a zone before opening the store', async () => {
    await expect(run(auditCommand, ['--config', config, '--limit', '1001'])).rejects.toThrow(/limit/);
    await expect(run(auditCommand, ['--config', config, '--since', '2024-03-01'])).rejects.toThrow(/since/);
  });
});
