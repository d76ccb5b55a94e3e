import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/config/load-config.js';
import { loadStoreConfigFile } from '../../../src/config/load-store-config.js';

const PW = 's3cretPW-9f2c';
const TENANT = {
  id: 'acme',
  idpTokens: [{ label: 'okta', sha256: 'a'.repeat(64) }],
  upstream: { type: 'zuora-rest', baseUrlOverride: 'https://zuora.test', clientId: 'c', clientSecret: 's', profiles: { default: 'Standard User' } },
};

const withRedis = (url: string) => ({ redis: { url: '${REDIS_URL}' }, tenants: [TENANT], env: { REDIS_URL: url } });
const withPostgres = (url: string) => ({ store: { type: 'postgres', connectionString: '${DATABASE_URL}' }, tenants: [TENANT], env: { DATABASE_URL: url } });

function refusal({ env, ...raw }: { env: Record<string, string> } & Record<string, unknown>): string {
  try {
    parseConfig(raw, env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).message;
  }
  throw new Error('the configuration was accepted');
}

describe('connection URLs are validated, and never quoted when refused', () => {
  it.each([
    `redis://:${PW}@127.0.0.1:notaport`,
    `redis://user:${PW}@[bad`,
    `rediss//:${PW}@127.0.0.1`,
    `redis://:${PW}@127.0.0.1:6379/abc`,
    `http://:${PW}@127.0.0.1:6379`,
    `:${PW}@127.0.0.1:6379`,
  ])('a malformed REDIS_URL: %s', (url) => {
    const message = refusal(withRedis(url));
    expect(message).toMatch(/redis\.url: (not a Redis URL|the database in a Redis URL is a number)/);
    expect(message).not.toContain(PW);
  });

  it.each([
    `postgres://bridge:${PW}@127.0.0.1:notaport/scim`,
    `postgres://bridge:${PW}@[bad/scim`,
    `postgres//bridge:${PW}@127.0.0.1/scim`,
    `mysql://bridge:${PW}@127.0.0.1/scim`,
    `host=127.0.0.1 password=${PW}`,
  ])('a malformed DATABASE_URL: %s', (url) => {
    const message = refusal(withPostgres(url));
    expect(message).toContain('store.connectionString: not a PostgreSQL connection URL');
    expect(message).not.toContain(PW);
  });

  it('the store-only loader of `scim-bridge audit` refuses it the same way', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scim-bridge-urls-'));
    try {
      const file = join(dir, 'config.json');
      writeFileSync(file, JSON.stringify({ store: { type: 'postgres', connectionString: '${DATABASE_URL}' } }));
      expect(() => loadStoreConfigFile(file, { DATABASE_URL: `postgres://u:${PW}@db:notaport/scim` })).toThrow(ConfigError);
      try {
        loadStoreConfigFile(file, { DATABASE_URL: `postgres://u:${PW}@db:notaport/scim` });
      } catch (e) {
        expect((e as Error).message).toContain('store.connectionString: not a PostgreSQL connection URL');
        expect((e as Error).message).not.toContain(PW);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('other URL settings (zod `z.url()`) are refused without being quoted too', () => {
    const url = `https://ops:${PW}@[bad`;
    const message = refusal({ server: { publicBaseUrl: url }, tenants: [{ ...TENANT, upstream: { ...TENANT.upstream, baseUrlOverride: url } }], env: {} });
    expect(message).toContain('server.publicBaseUrl: Invalid URL');
    expect(message).toContain('tenants[0].upstream.baseUrlOverride: Invalid URL');
    expect(message).not.toContain(PW);
  });

  it.each([
    'redis://127.0.0.1:6379',
    `redis://:${PW}@cache:6379/2`,
    `rediss://default:${encodeURIComponent('p@ss/w#rd')}@cache.example.com`,
    '/var/run/redis/redis.sock',
  ])('accepts a usable Redis URL: %s', (url) => {
    const { env, ...raw } = withRedis(url);
    expect(parseConfig(raw, env).redis?.url).toBe(url);
  });

  it.each([
    'postgres://127.0.0.1:5432/test',
    `postgresql://bridge:${encodeURIComponent('p@ss/w#rd')}@db.example.com/scim?sslmode=verify-full`,
    'postgres://bridge@/scim',
    'socket://bridge@/var/run/postgresql?db=scim',
    '/var/run/postgresql scim',
  ])('accepts a usable PostgreSQL URL: %s', (url) => {
    const { env, ...raw } = withPostgres(url);
    const store = parseConfig(raw, env).store;
    expect(store.type === 'postgres' && store.connectionString).toBe(url);
  });
});
