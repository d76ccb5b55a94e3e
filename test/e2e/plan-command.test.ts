import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { planCommand } from '../../src/cli/plan-command.js';
import { reconcileCommand } from '../../src/cli/reconcile-command.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createBridge } from '../../src/runtime.js';
import { parseConfig } from '../../src/config/load-config.js';
import { openStore } from '../../src/runtime.js';
import { createZuoraRestSimulator, type ZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { tenantWrites, wireOf } from '../support/audit-coverage.js';
import { scimClient } from '../support/scim-client.js';
import { PROFILES, TOKEN, user } from '../support/zuora-rest-harness.js';

/*
 * `scim-bridge plan` and `reconcile --apply` as an operator runs them against a live tenant: a plan of a freshly
 * adopted tenant is empty; a console edit to a user the IdP wrote shows as drift (current → intended); `reconcile`
 * without `--apply` writes nothing; `--apply --enforce-drift` writes exactly the one PUT the plan showed, audited as
 * actor `cli`.
 */

let sim: ZuoraRestSimulator;
let dir: string;
let config: string;
let store: { type: 'sqlite'; path: string };

async function run(command: (args: string[], io: CliIo) => Promise<number>, args: string[]) {
  const lines: string[] = [];
  const progress: string[] = [];
  const io: CliIo = {
    env: {},
    out: (l) => lines.push(l),
    logger: pino({ level: 'silent' }),
    progress: { update: (l) => progress.push(l), done: () => undefined },
  };
  const code = await command(args, io);
  return { code, lines, progress };
}

const puts = () => sim.count('PUT', '/v1/users/:id');
/** Writes that could change the tenant (a token request changes nothing). */
const tenantWriteCount = () => tenantWrites(sim.writes(), wireOf('zuora-rest')).length;

beforeAll(async () => {
  sim = createZuoraRestSimulator({ seedProfile: 'live' });
  const url = await sim.listen(0);
  dir = mkdtempSync(join(tmpdir(), 'scim-bridge-plan-'));
  store = { type: 'sqlite', path: join(dir, 'store.db') };
  const raw = {
    store,
    tenants: [
      {
        id: 'default',
        idpTokens: [{ label: 'okta', sha256: hashToken(TOKEN) }],
        upstream: { type: 'zuora-rest', baseUrlOverride: url, clientId: sim.clientId, clientSecret: sim.clientSecret, profiles: PROFILES },
        reconcile: { intervalSeconds: 0 },
      },
    ],
  };
  config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify(raw));
  // The IdP's side: the bridge adopts the tenant, then creates one admin through SCIM.
  const bridge = await createBridge(parseConfig(raw, {}), { logger: false });
  await bridge.reconcileAll();
  await bridge.app.ready();
  await scimClient(bridge)
    .post('/Users', user('new.admin@example.com', { roles: [{ value: 'admin' }] }))
    .expect(201);
  await bridge.close();
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scim-bridge plan and reconcile --apply', () => {
  it('plan: no changes on a tenant just adopted, and progress per page', async () => {
    const before = tenantWriteCount();
    const { code, lines, progress } = await run(planCommand, ['--config', config]);
    expect(code).toBe(0);
    expect(lines).toContain('  no changes');
    expect(progress.some((p) => /plan default: page 1, \d+ users read/.test(p))).toBe(true);
    expect(tenantWriteCount()).toBe(before);
  });

  it('plan shows a console edit as drift; reconcile writes nothing; reconcile --apply --enforce-drift writes one PUT as actor cli', async () => {
    const admin = sim.users().find((u) => u.username === 'new.admin@example.com')!;
    sim.consoleEditUser(admin.id, { profileId: 'p-readonly' });
    const writes = tenantWriteCount();

    const plan = await run(planCommand, ['--config', config, '--json']);
    expect(plan.code).toBe(0);
    const [tenantPlan] = plan.lines.map(
      (l) =>
        JSON.parse(l) as { items: { kind: string; userName: string; willWrite: boolean; changes: { attribute: string; before: unknown; after: unknown }[] }[] },
    );
    expect(tenantPlan?.items).toEqual([expect.objectContaining({ kind: 'drift', userName: 'new.admin@example.com', willWrite: false })]);
    expect(tenantPlan?.items[0]?.changes).toContainEqual({ attribute: 'upstream.profile', before: 'Read Only', after: 'Administrator' });
    const text = await run(planCommand, ['--config', config, '--enforce-drift']);
    expect(text.lines.join('\n')).toMatch(/WRITE +drift +new\.admin@example\.com[\s\S]*upstream\.profile +Read Only +Administrator/);

    const dry = await run(reconcileCommand, ['--config', config]);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.lines[0] ?? '{}')).toMatchObject({ applied: false, drift: { count: 1, enforced: 0 } });
    expect(tenantWriteCount()).toBe(writes);

    const putsBefore = puts();
    const applied = await run(reconcileCommand, ['--config', config, '--apply', '--enforce-drift']);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.lines[0] ?? '{}')).toMatchObject({ applied: true, drift: { count: 1, enforced: 1, failed: 0 } });
    expect(puts()).toBe(putsBefore + 1);
    expect(sim.getUser(admin.id)?.profileId).toBe('p-admin');

    const opened = await openStore(store);
    try {
      const [entry] = await opened.audit.query({ tenant: 'default', actor: 'cli' });
      expect(entry).toMatchObject({ operation: 'enforceDrift', resourceName: 'new.admin@example.com', upstreamId: admin.id, status: 200 });
      expect(entry?.changes).toContainEqual({ attribute: 'upstream.profile', before: 'Read Only', after: 'Administrator' });
    } finally {
      await opened.close();
    }
    // Nothing left to do.
    expect((await run(planCommand, ['--config', config])).lines).toContain('  no changes');
  });

  it('refuses --enforce-drift without --apply, naming what to run first', async () => {
    await expect(run(reconcileCommand, ['--config', config, '--enforce-drift'])).rejects.toThrow(/needs --apply/);
  });
});
