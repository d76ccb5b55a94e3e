import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { startServe } from '../../src/cli/serve-command.js';
import { ConfigError } from '../../src/config/load-config.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { createLogger } from '../../src/logging.js';
import type { Bridge } from '../../src/runtime.js';
import { createZuoraRestSimulator, type ZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';
import { PROFILES, TOKEN } from '../support/zuora-rest-harness.js';
import { readinessAdminTokens, readyz } from '../support/readiness.js';

let sim: ZuoraRestSimulator;
let simUrl: string;
let dir: string;
let files = 0;
let bridge: Bridge | undefined;

beforeAll(async () => {
  sim = createZuoraRestSimulator();
  simUrl = await sim.listen(0);
  dir = mkdtempSync(join(tmpdir(), 'scim-bridge-serve-'));
});
afterEach(async () => {
  await bridge?.close();
  bridge = undefined;
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const tenant = (id: string, upstream: Record<string, unknown> = {}) => ({
  id,
  idpTokens: [{ label: `${id}-idp`, sha256: hashToken(`${TOKEN}-${id}`) }],
  upstream: { type: 'zuora-rest', baseUrlOverride: simUrl, clientId: sim.clientId, clientSecret: sim.clientSecret, profiles: PROFILES, ...upstream },
  reconcile: { onStart: false, intervalSeconds: 0 },
});

function configFile(tenants: unknown[]): string {
  const path = join(dir, `config-${++files}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      server: { host: '127.0.0.1', port: 0 },
      store: { type: 'sqlite', path: join(dir, `store-${files}.db`) },
      adminTokens: readinessAdminTokens,
      tenants,
    }),
  );
  return path;
}

/** The CLI's io with its log lines kept, as JSON objects. */
function io(): CliIo & { logs: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    env: {},
    out: () => undefined,
    logger: createLogger('info', stream),
    logs: () =>
      lines
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** pino's number for `warn`. */
const WARN = 40;
const misspelt = { ...PROFILES, default: 'Standard Usr' };

describe('serve checks every tenant mapping against its upstream before it starts', () => {
  it('refuses a mapping that names a missing profile, listing the profiles there are, and starts nothing', async () => {
    const config = configFile([tenant('fine'), tenant('mapped', { profiles: misspelt })]);
    sim.resetCalls();
    const error = await startServe(['--config', config], io()).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('serve: the mapping of "mapped" names what the upstream lacks:');
    expect(message).toContain(
      '  tenants[1].upstream.profiles.default: this Zuora tenant has no profile "Standard Usr" (did you mean "Standard User"?); it has "Administrator", "Standard User", "Read Only", "Billing Clerk"',
    );
    expect(message).toContain('--allow-degraded');
    // The check reads one profile list per tenant and writes nothing.
    expect(sim.count('GET', '/v1/user-profiles')).toBe(2);
    expect(sim.calls().filter((c) => c.method !== 'GET' && c.route !== '/oauth/token')).toEqual([]);
  });

  it('with --allow-degraded starts, logs a warning per problem, and /readyz names the tenant not ready with its problems', async () => {
    const cli = io();
    const precedence = [...PROFILES.precedence, 'Ghost'];
    const config = configFile([tenant('fine'), tenant('mapped', { profiles: { ...misspelt, precedence } })]);
    bridge = await startServe(['--config', config, '--allow-degraded'], cli);

    const warnings = cli.logs().filter((l) => l.level === WARN && l.tenant === 'mapped');
    expect(warnings.map((w) => w.setting)).toEqual(['profiles.default', 'profiles.precedence[4]']);
    expect(String(warnings[0]?.msg)).toContain('tenants[1].upstream.profiles.default: this Zuora tenant has no profile "Standard Usr"');

    const ready = await readyz(bridge.app);
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
    expect(ready.body.tenants?.fine).toMatchObject({ ready: true, upstream: 'zuora-rest' });
    expect(ready.body.tenants?.mapped).toMatchObject({
      ready: false,
      upstream: 'zuora-rest',
      mappingProblems: [expect.stringContaining('"Standard Usr"'), expect.stringContaining('"Ghost"')],
    });
  });

  it('starts when an upstream cannot be reached, and says so', async () => {
    const cli = io();
    const unreachable = tenant('offline', { baseUrlOverride: 'http://127.0.0.1:9', retry: { maxAttempts: 1 }, profiles: misspelt });
    bridge = await startServe(['--config', configFile([tenant('fine'), unreachable])], cli);

    const said = cli.logs().find((l) => l.level === WARN && l.tenant === 'offline');
    expect(said).toMatchObject({ kind: 'unavailable', msg: expect.stringContaining('upstream cannot be read at start') });
    expect(JSON.stringify(cli.logs())).not.toContain(sim.clientSecret);
    const ready = await readyz(bridge.app);
    expect(ready.status).toBe(200);
    expect(ready.body.tenants?.offline).toMatchObject({ ready: true });
  });
});
