import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startServe } from '../../src/cli/serve-command.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createLogger } from '../../src/logging.js';
import type { Bridge } from '../../src/runtime.js';
import { createZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { PROFILES, TOKEN } from '../support/zuora-rest-harness.js';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/*
 * `reconcile.onStart` decides whether `serve` rebuilds a tenant's index from its upstream at start-up. Off, a tenant
 * still serves (from the index it has) and is reconciled on its schedule only.
 */
describe('serve reconciles at start-up exactly the tenants configured to', () => {
  it('adopts the upstream users of an onStart tenant and leaves the index of the other alone', async () => {
    const sim = createZuoraRestSimulator();
    const simUrl = await sim.listen(0);
    closers.push(() => sim.close());
    sim.seedUsers(5);
    const dir = mkdtempSync(join(tmpdir(), 'scim-bridge-onstart-'));
    closers.push(() => rmSync(dir, { recursive: true, force: true }));
    const tenant = (id: string, onStart: boolean) => ({
      id,
      idpTokens: [{ label: `${id}-idp`, sha256: hashToken(`${TOKEN}-${id}`) }],
      upstream: { type: 'zuora-rest', baseUrlOverride: simUrl, clientId: sim.clientId, clientSecret: sim.clientSecret, profiles: PROFILES },
      reconcile: { onStart, intervalSeconds: 0 },
    });
    const config = join(dir, 'config.json');
    // The tenant left alone comes first: tenants are reconciled one after another, so once the second has been,
    // the first would have been too.
    writeFileSync(
      config,
      JSON.stringify({
        server: { host: '127.0.0.1', port: 0 },
        store: { type: 'sqlite', path: join(dir, 'store.db') },
        tenants: [tenant('off', false), tenant('on', true)],
      }),
    );
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logs = () =>
      lines
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    const bridge: Bridge = await startServe(['--config', config], { env: {}, out: () => undefined, logger: createLogger('info', stream) });
    closers.push(() => bridge.close());

    await vi.waitFor(
      () =>
        expect(
          logs()
            .filter((l) => l.msg === 'reconciled user index')
            .map((l) => l.tenant),
        ).toEqual(['on']),
      { timeout: 10_000 },
    );
    expect(await bridge.store.users.countLive('on')).toBe(5);
    expect(await bridge.store.users.countLive('off')).toBe(0);
  });
});
