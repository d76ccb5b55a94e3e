import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { hashToken } from '../../src/core/idp-credentials.js';
import { serializeError } from '../../src/logging.js';
import { createRedisClient } from '../../src/redis-client.js';
import type { Bridge } from '../../src/runtime.js';
import { createBridge } from '../../src/runtime.js';
import { captureLogs } from '../support/captured-logs.js';
import { startCli } from '../support/cli-process.js';
import { scimClient } from '../support/scim-client.js';
import { PROFILES, TOKEN, user } from '../support/zuora-rest-harness.js';
import { createZuoraRestSimulator, type ZuoraRestSimulator } from '@scim-bridge/simulators/zuora-rest';

/**
 * Connection URLs hold passwords. Whatever is wrong with one (malformed, unreachable), the password reaches neither
 * a log line nor an error: issue 11 found a malformed REDIS_URL logged whole at start-up.
 */
const PW = 'pw-7d1e5b9c-secret';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scim-bridge-url-secrets-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TENANT = {
  id: 'default',
  idpTokens: [{ label: 'idp', sha256: hashToken(TOKEN) }],
  // Never reached: the configuration is refused first.
  upstream: { type: 'zuora-rest', baseUrlOverride: 'http://127.0.0.1:9', clientId: 'c', clientSecret: 'client-secret-value', profiles: PROFILES },
  reconcile: { onStart: false, intervalSeconds: 0 },
};

function configFile(name: string, extra: Record<string, unknown>): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify({ server: { port: 0 }, store: { type: 'sqlite', path: join(dir, `${name}.db`) }, tenants: [TENANT], ...extra }));
  return path;
}

/** A TCP port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('a malformed connection URL given to the CLI', () => {
  it.each([
    ['serve', 'REDIS_URL', `redis://:${PW}@127.0.0.1:notaport`, 'redis.url: not a Redis URL'],
    ['serve', 'REDIS_URL', `rediss//:${PW}@127.0.0.1`, 'redis.url: not a Redis URL'],
    ['serve', 'DATABASE_URL', `postgres://bridge:${PW}@[bad/test`, 'store.connectionString: not a PostgreSQL connection URL'],
    ['audit', 'DATABASE_URL', `postgres//bridge:${PW}@127.0.0.1/test`, 'store.connectionString: not a PostgreSQL connection URL'],
  ])(
    '%s with %s=%s stops with the setting named and the password nowhere',
    async (command, variable, url, named) => {
      const extra = variable === 'REDIS_URL' ? { redis: { url: '${REDIS_URL}' } } : { store: { type: 'postgres', connectionString: '${DATABASE_URL}' } };
      const cli = startCli([command, '--config', configFile(`${command}-${variable}-${url.length}`, extra)], { [variable]: url });
      expect(await cli.exitCode()).toBe(1);
      const everything = `${cli.lines().join('\n')}\n${cli.stderr()}`;
      expect(everything).toContain(named);
      expect(everything).not.toContain(PW);
    },
    60_000,
  );
});

describe('an unreachable Redis whose URL holds a password', () => {
  let sim: ZuoraRestSimulator;
  let bridge: Bridge | undefined;
  beforeAll(async () => {
    sim = createZuoraRestSimulator();
  });
  afterEach(async () => {
    await bridge?.close();
    bridge = undefined;
  });
  afterAll(async () => sim.close());

  it('the bridge serves, says Redis is unavailable, and never logs the password', async () => {
    const simUrl = await sim.listen(0);
    const logs = captureLogs();
    const url = `redis://:${PW}@127.0.0.1:${await closedPort()}/0`;
    const config = parseConfig(
      {
        store: { type: 'sqlite', path: ':memory:' },
        redis: { url },
        tenants: [{ ...TENANT, upstream: { ...TENANT.upstream, baseUrlOverride: simUrl, clientId: sim.clientId, clientSecret: sim.clientSecret } }],
      },
      {},
    );
    bridge = await createBridge(config, { logger: logs.logger });
    await bridge.app.ready();
    // The rate limit falls back to serving while Redis is away.
    await scimClient(bridge).post('/Users', user('redis-away@example.com')).expect(201);
    await waitFor(() => logs.text().includes('redis unavailable'));
    const warning = logs.lines().find((l) => l.msg?.startsWith('redis unavailable'));
    expect(warning).toMatchObject({ err: { code: 'ECONNREFUSED' } });
    expect(logs.text()).not.toContain(PW);
  });
});

describe('what ioredis says of a URL it cannot use is logged without the password', () => {
  it('a URL ioredis takes for a socket path: every connection error quotes it, redacted in the log', async () => {
    const logs = captureLogs();
    // Configuration refuses this URL; the client redacts anyway, whichever way a URL reaches it.
    const client = createRedisClient(`rediss//:${PW}@127.0.0.1`, logs.logger);
    try {
      await waitFor(() => logs.text().includes('redis unavailable'));
    } finally {
      client.disconnect();
    }
    expect(logs.lines().find((l) => l.msg?.startsWith('redis unavailable'))).toMatchObject({ err: { code: 'ENOENT', address: '//[redacted]@127.0.0.1' } });
    expect(logs.text()).not.toContain(PW);
  });

  it('a URL ioredis cannot parse: the error is a ConfigError that names the setting only', () => {
    expect(() => createRedisClient(`redis://:${PW}@127.0.0.1:notaport`, undefined)).toThrow(/^redis\.url: not a Redis URL \(the value is not shown/);
  });

  it("Node's invalid-URL error carries the input whole; the log's error serializer redacts it", () => {
    let thrown: unknown;
    try {
      new URL(`redis://:${PW}@127.0.0.1:notaport`);
    } catch (e) {
      thrown = e;
    }
    expect(JSON.stringify(thrown, ['input'])).toContain(PW);
    const logs = captureLogs();
    logs.logger.fatal({ err: thrown }, 'start-up failed');
    logs.logger.error(thrown as Error);
    expect(logs.text()).not.toContain(PW);
    expect(logs.lines()[0]).toMatchObject({ err: { input: 'redis://[redacted]@127.0.0.1:notaport' } });
    expect(JSON.stringify(serializeError(thrown))).not.toContain(PW);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (const started = Date.now(); !condition(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
  }
}
