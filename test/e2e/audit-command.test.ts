import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCommand } from '../../src/cli/audit-command.js';
import { ConfigError } from '../../src/config/load-config.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { openStore } from '../../src/runtime.js';
import type { AuditEntry } from '../../src/store/store.js';

const UUID_KIM = '3f2a9c1e-0b7d-4c55-9e8a-6f1d2b3c4d5e';
const LEAKED = 'hunter2-plain-text-password';

/**
 * A configuration as an operator has it: the upstream's secret comes from the environment, and the store's path
 * from a variable of its own. The audit command is run without the upstream's variable.
 */
function configFile(dir: string, name: string, format: 'json' | 'yaml' = 'json'): string {
  const config = {
    store: { type: 'sqlite', path: '${AUDIT_STORE_DIR}/store.db' },
    tenants: ['acme', 'globex'].map((id) => ({
      id,
      idpTokens: [{ label: `${id}-okta`, sha256: hashToken(`token-${id}`) }],
      upstream: { type: 'zuora-rest', baseUrlOverride: 'http://127.0.0.1:9', clientId: 'bridge', clientSecret: '${ZUORA_CLIENT_SECRET}' },
    })),
  };
  const path = join(dir, `${name}.${format}`);
  const yaml = `store:\n  type: sqlite\n  path: "\${AUDIT_STORE_DIR}/store.db"\ntenants:\n  - id: acme\n    upstream: { type: zuora-rest, clientSecret: "\${ZUORA_CLIENT_SECRET}" }\n`;
  writeFileSync(path, format === 'json' ? JSON.stringify(config) : yaml);
  return path;
}

const at = (h: number, m = 0) => new Date(Date.UTC(2024, 2, 1, h, m)).toISOString();

function entry(requestId: string, props: Partial<AuditEntry>): AuditEntry {
  return {
    tenant: 'acme',
    at: at(9),
    requestId,
    actor: 'acme-okta',
    operation: 'replaceUser',
    resourceType: 'User',
    resourceId: UUID_KIM,
    status: 200,
    upstreamCalls: [],
    detail: undefined,
    ...props,
  };
}

const ENTRIES: AuditEntry[] = [
  entry('r-create', {
    at: at(9),
    operation: 'createUser',
    status: 201,
    resourceName: 'Kim.Lee@Example.com',
    upstreamId: '8a8082c4',
    upstreamCalls: ['POST /v1/users 201 31ms'],
    changes: [
      { attribute: 'userName', before: null, after: 'Kim.Lee@Example.com' },
      { attribute: 'password', before: null, after: '[redacted]' },
    ],
    upstreamState: { profile: 'Standard User', status: 'Active' },
  }),
  entry('r-patch', {
    at: at(10),
    operation: 'patchUser',
    status: 204,
    resourceName: 'Kim.Lee@Example.com',
    upstreamId: '8a8082c4',
    upstreamCalls: ['GET /v1/users/8a8082c4 200 8ms', 'PUT /v1/users/8a8082c4 200 12ms'],
    changes: [
      { attribute: 'title', before: 'Engineer', after: 'Staff Engineer' },
      // Recorded in the clear by a path that forgot to redact: the command must not show it.
      { attribute: 'password', before: null, after: LEAKED },
      { attribute: 'name.familyName', before: 'Lee', after: 'x'.repeat(200) },
    ],
    upstreamState: { profile: 'Administrator', status: 'Active', apiToken: LEAKED },
  }),
  entry('r-repair', {
    at: at(11),
    actor: 'repair',
    operation: 'repairDerived',
    resourceName: 'kim.lee@example.com',
    upstreamCalls: ['PUT /v1/users/8a8082c4 200 9ms'],
  }),
  entry('r-group', { at: at(12), operation: 'createGroup', resourceType: 'Group', resourceId: 'g-1', resourceName: 'Payroll\u001b[31m Admins', status: 201 }),
  entry('r-globex', { tenant: 'globex', at: at(13), actor: 'globex-okta', resourceName: 'kim.lee@example.com', resourceId: 'u-9' }),
];

let dir: string;
let config: string;
let env: Record<string, string>;

/** Run the command as the CLI would, without any upstream secret in the environment; stdout and stderr collected. */
async function audit(args: string[], options: { terminal?: boolean; config?: string } = {}) {
  const out: string[] = [];
  const notes: string[] = [];
  const code = await auditCommand(['--config', options.config ?? config, ...args], {
    env,
    out: (line) => out.push(line),
    note: (line) => notes.push(line),
    ...(options.terminal === undefined ? {} : { outIsTerminal: options.terminal }),
    logger: pino({ level: 'silent' }),
  });
  return { code, out, notes };
}
const requestIds = (lines: string[]) => lines.map((l) => (JSON.parse(l) as AuditEntry).requestId);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scim-bridge-audit-cli-'));
  env = { AUDIT_STORE_DIR: dir };
  config = configFile(dir, 'config');
  const store = await openStore({ type: 'sqlite', path: join(dir, 'store.db') });
  for (const e of ENTRIES) await store.audit.append(e);
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scim-bridge audit', () => {
  it('reads the store with the upstream secret unset, resolving only the store section (JSON and YAML files)', async () => {
    expect(env.ZUORA_CLIENT_SECRET).toBeUndefined();
    const { code, out } = await audit(['--format', 'json']);
    expect(code).toBe(0);
    expect(requestIds(out)).toEqual(['r-globex', 'r-group', 'r-repair', 'r-patch', 'r-create']);
    expect(requestIds((await audit(['--format', 'json', '--tenant', 'acme'], { config: configFile(dir, 'config', 'yaml') })).out)).toHaveLength(4);
  });

  it("still needs the store section's own references, and names the field when one is unset", async () => {
    const saved = env;
    env = {};
    try {
      await expect(audit([])).rejects.toThrow(/store\.path: environment variable AUDIT_STORE_DIR/);
    } finally {
      env = saved;
    }
  });

  it('prints JSON Lines off a terminal, one whole entry per line, and a table on one', async () => {
    const json = await audit(['--tenant', 'acme', '--limit', '4'], { terminal: false });
    const patch = json.out.map((l) => JSON.parse(l) as AuditEntry).find((e) => e.requestId === 'r-patch');
    expect(patch).toMatchObject({ resourceName: 'Kim.Lee@Example.com', upstreamId: '8a8082c4', status: 204 });
    expect(patch?.changes?.[0]).toEqual({ attribute: 'title', before: 'Engineer', after: 'Staff Engineer' });
    expect(patch?.changes?.[2]?.after).toBe('x'.repeat(200));
    const table = await audit(['--tenant', 'acme'], { terminal: true });
    expect(table.out[0]).toMatch(/^TIME\s+ACTOR\s+OPERATION\s+RESOURCE\s+STATUS\s+CHANGES\s+UPSTREAM STATE\s+CALLS$/);
  });

  it('shows each entry as a table row: time, actor, operation, name and id, status, changes, upstream state, calls', async () => {
    const { out } = await audit(['--tenant', 'acme', '--format', 'table']);
    expect(out).toHaveLength(5);
    const patch = out.find((l) => l.includes('patchUser')) ?? '';
    expect(patch).toMatch(/^2024-03-01T10:00:00Z\s+acme-okta\s+patchUser\s+/);
    expect(patch).toContain(`Kim.Lee@Example.com (${UUID_KIM})`);
    expect(patch).toMatch(/\s204\s/);
    expect(patch).toContain('title: Engineer → Staff Engineer; password: null → [redacted]; name.familyName: Lee → xxxxx');
    expect(patch).toContain('profile=Administrator status=Active apiToken=[redacted]');
    expect(patch).toContain('GET /v1/users/8a8082c4 200 8ms, PUT /v1/users/8a8082c4 200 12ms');
    // The 200-character name is cut short; every cell of the row lines up under its heading.
    expect(patch).not.toContain('x'.repeat(40));
    expect(patch).toContain('…');
    const heading = out[0] ?? '';
    for (const [column, text] of [
      ['RESOURCE', 'Kim.Lee'],
      ['CHANGES', 'title:'],
      ['CALLS', 'GET /v1'],
    ] as const) {
      expect(patch.indexOf(text)).toBe(heading.indexOf(column));
    }
    expect(out.find((l) => l.includes('repairDerived'))).toMatch(
      /\brepair\s+repairDerived\s+kim\.lee@example\.com \(3f2a9c1e-.*\)\s+200\s+-\s+-\s+PUT \/v1\/users/,
    );
  });

  it('adds a tenant column when no tenant is named, and shows control characters in a name as �', async () => {
    const { out } = await audit(['--format', 'table']);
    expect(out[0]).toMatch(/^TENANT\s+TIME\s+ACTOR/);
    expect(out[1]).toMatch(/^globex\s+2024-03-01T13:00:00Z\s+globex-okta/);
    const group = out.find((l) => l.includes('createGroup')) ?? '';
    expect(group).toContain('Payroll\ufffd[31m Admins (g-1)');
    expect(out.join('\n')).not.toContain('\u001b');
  });

  it('never prints a secret, whatever the format, even one recorded in the clear', async () => {
    for (const format of ['json', 'table']) {
      const { out } = await audit(['--format', format]);
      expect(out.join('\n')).not.toContain(LEAKED);
      expect(out.join('\n')).not.toContain('hunter2');
    }
  });

  it('filters by actor exactly, and by user (userName or displayName) case-insensitively, with the other filters', async () => {
    const json = async (...args: string[]) => requestIds((await audit(['--format', 'json', ...args])).out);
    expect(await json('--actor', 'repair')).toEqual(['r-repair']);
    expect(await json('--actor', 'REPAIR')).toEqual([]);
    expect(await json('--user', 'KIM.LEE@example.com')).toEqual(['r-globex', 'r-repair', 'r-patch', 'r-create']);
    expect(await json('--user', 'kim.lee@example.com', '--tenant', 'acme', '--actor', 'acme-okta')).toEqual(['r-patch', 'r-create']);
    expect(await json('--user', 'payroll\u001b[31m admins')).toEqual(['r-group']);
    expect(await json('--user', 'kim.lee@example.com', '--until', at(10), '--limit', '5')).toEqual(['r-create']);
    expect(await json('--user', 'kim', '--resource', UUID_KIM)).toEqual([]);
  });

  it('says `no entries` when nothing matches: on stdout for a table, on stderr beside empty JSON Lines; exit 0', async () => {
    const table = await audit(['--actor', 'nobody'], { terminal: true });
    expect(table).toEqual({ code: 0, out: ['no entries'], notes: [] });
    const json = await audit(['--actor', 'nobody', '--format', 'json'], { terminal: true });
    expect(json).toEqual({ code: 0, out: [], notes: ['no entries'] });
  });

  it('refuses an unknown format, a tenant the configuration lacks and an empty filter, naming the flag', async () => {
    await expect(audit(['--format', 'yaml'])).rejects.toThrow(/--format must be one of table, json/);
    await expect(audit(['--tenant', 'initech'])).rejects.toThrow(ConfigError);
    await expect(audit(['--tenant', 'initech'])).rejects.toThrow(/initech is not a tenant of .* \(acme, globex\)/);
    await expect(audit(['--user', ''])).rejects.toThrow(/--user: /);
    await expect(audit(['--actor', ''])).rejects.toThrow(/--actor: /);
  });
});
