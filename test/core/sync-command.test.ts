import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZuoraRestSimulator, type ZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { syncCommand } from '../../src/cli/sync-command.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import type { SourceUser } from '../../src/sources/identity-source.js';
import { fakeDirectory } from '../support/fakes/fake-source.js';
import { TEST_REGISTRY } from '../support/test-registry.js';
import { PROFILES, TOKEN } from '../support/zuora-rest-harness.js';

/*
 * `scim-bridge sync`: one pass from each tenant's identity source, as an operator runs it. `--dry-run` prints the
 * plan and writes nothing; a removal over the caps is refused (exit 1, nothing written) until
 * `--apply --allow-mass-deactivation`. The fake directory stands in for Google Workspace (registered like it).
 */

let sim: ZuoraRestSimulator;
let dir: string;
let config: string;
const directory = fakeDirectory(`sync-command-${process.pid}`);

async function sync(...args: string[]) {
  const lines: string[] = [];
  const progress: string[] = [];
  const io: CliIo = {
    env: {},
    out: (l) => lines.push(l),
    logger: pino({ level: 'silent' }),
    registry: TEST_REGISTRY,
    progress: { update: (l) => progress.push(l), done: () => undefined },
  };
  const code = await syncCommand(['--config', config, ...args], io);
  return { code, reports: lines.map((l) => JSON.parse(l) as Record<string, unknown>), progress };
}

const person = (sourceId: string, login: string): SourceUser => ({
  sourceId,
  user: {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: login,
    name: { givenName: 'G', familyName: 'F' },
    emails: [{ value: login, type: 'work', primary: true }],
    active: true,
  },
});
const tenantWrites = () => sim.writes().filter((w) => !w.route.startsWith('/oauth')).length;

beforeAll(async () => {
  sim = createZuoraRestSimulator({ seedProfile: 'live' });
  const url = await sim.listen(0);
  dir = mkdtempSync(join(tmpdir(), 'scim-bridge-sync-'));
  config = join(dir, 'config.json');
  const tenant = (id: string, source?: Record<string, unknown>) => ({
    id,
    idpTokens: [{ label: 'okta', sha256: hashToken(`${TOKEN}-${id}`) }],
    upstream: { type: 'zuora-rest', baseUrlOverride: url, clientId: sim.clientId, clientSecret: sim.clientSecret, profiles: PROFILES },
    reconcile: { intervalSeconds: 0 },
    ...(source ? { source } : {}),
  });
  const raw = {
    store: { type: 'sqlite', path: join(dir, 'store.db') },
    tenants: [
      tenant('default', { type: 'fake-directory', directory: `sync-command-${process.pid}`, caps: { maxPercent: 25, maxCount: 100 } }),
      tenant('other'),
    ],
  };
  writeFileSync(config, JSON.stringify(raw));
  directory.users = Array.from({ length: 8 }, (_, i) => person(`${i}`, `person${i}@example.com`));
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scim-bridge sync', () => {
  it('--dry-run prints the plan and writes nothing', async () => {
    sim.resetCalls();
    const { code, reports } = await sync('--dry-run');
    expect(code).toBe(0);
    expect(reports).toEqual([
      expect.objectContaining({ tenant: 'default', ok: true, dryRun: true, applied: false, planned: expect.objectContaining({ creates: 8 }) }),
    ]);
    expect((reports[0]?.plan as { creates: { userName: string }[] }).creates.map((c) => c.userName)).toContain('person0@example.com');
    expect(tenantWrites()).toBe(0);
  });

  it('applies the plan, then a removal over the caps is refused until the operator confirms it', async () => {
    const first = await sync('--apply');
    expect(first).toMatchObject({ code: 0, reports: [{ tenant: 'default', ok: true, applied: true, created: 8 }] });
    // Progress on standard error, counted from the requests the sync makes.
    expect(first.progress[0]).toBe('sync default: reading the source');
    expect(first.progress).toContainEqual(expect.stringMatching(/^sync default: \d+ requests? to zuora-rest$/));

    directory.users = directory.users.slice(0, 5);
    sim.resetCalls();
    const refused = await sync();
    expect(refused.code).toBe(1);
    expect(refused.reports[0]).toMatchObject({ ok: false, applied: false, refused: expect.stringMatching(/would deactivate 3 of 8/) });
    expect(tenantWrites()).toBe(0);

    const confirmed = await sync('--apply', '--allow-mass-deactivation');
    expect(confirmed).toMatchObject({ code: 0, reports: [{ ok: true, applied: true, removed: 3 }] });
    expect(tenantWrites()).toBe(3);
  });

  it('refuses what cannot be meant: a dry run that applies, a tenant without a source', async () => {
    await expect(sync('--dry-run', '--allow-mass-deactivation')).rejects.toThrow(/--dry-run writes nothing/);
    await expect(sync('--tenant', 'other')).rejects.toThrow(/tenant other has no identity source/);
    await expect(sync('--tenant', 'nobody')).rejects.toThrow(/--tenant nobody is not configured/);
  });
});
