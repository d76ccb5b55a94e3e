import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ConfigError } from '../../../src/config/load-config.js';
import { loadStoreConfigFile } from '../../../src/config/load-store-config.js';

const DB_PASSWORD = 'pg-password-s3cr3t-value';

let dir: string;
let files = 0;
const file = (text: string, ext = 'yaml'): string => {
  const path = join(dir, `config-${++files}.${ext}`);
  writeFileSync(path, text);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scim-bridge-store-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Everything but the store leans on variables the store commands do not have. */
const TENANTS = `tenants:
  - id: acme
    idpTokens: [{ label: okta, sha256: "\${OKTA_HASH}" }]
    upstream: { type: zuora-rest, clientId: c, clientSecret: "\${ZUORA_CLIENT_SECRET}" }
  - id: globex
    upstream: { type: zscaler-zia, apiKeyFile: /nonexistent/zia-key }
  - { misspelt: true }
`;

describe('loadStoreConfigFile', () => {
  it("resolves the store section's references (variables and *File keys) and nothing else", () => {
    const secretFile = join(dir, 'database-url');
    writeFileSync(secretFile, `postgres://bridge:${DB_PASSWORD}@db:5432/scim\n`);
    const path = file(`store:\n  type: postgres\n  connectionStringFile: "\${DB_URL_FILE_PATH}"\n  schema: bridge\n${TENANTS}`);
    const loaded = loadStoreConfigFile(path, { DB_URL_FILE_PATH: secretFile });
    expect(loaded).toEqual({
      store: { type: 'postgres', connectionString: `postgres://bridge:${DB_PASSWORD}@db:5432/scim`, schema: 'bridge', preparedStatements: true },
      tenantIds: ['acme', 'globex'],
    });
  });

  it('gives the default store when the file has none, from JSON as from YAML', () => {
    const path = file(JSON.stringify({ tenants: [{ id: 'acme', upstream: { clientSecret: '${UNSET}' } }] }), 'json');
    expect(loadStoreConfigFile(path, {})).toEqual({ store: { type: 'sqlite', path: './data/scim-bridge.db' }, tenantIds: ['acme'] });
  });

  it('refuses an unset reference or an invalid store, naming the field under store and never a value', () => {
    const unset = file(`store: { type: sqlite, path: "\${STORE_DIR}/x.db" }\n${TENANTS}`);
    expect(() => loadStoreConfigFile(unset, {})).toThrow(/store\.path: environment variable STORE_DIR/);
    const invalid = file(`store: { type: postgres, connectionString: "postgres://u:${DB_PASSWORD}@h/d", schema: "Not Valid" }\n`);
    let error: unknown;
    try {
      loadStoreConfigFile(invalid, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/store\.schema/);
    expect((error as Error).message).not.toContain(DB_PASSWORD);
  });

  it('reports a syntax error by position only, never quoting the text around it', () => {
    const yaml = file(`store:\n  type: sqlite\n  path: "${DB_PASSWORD}\n    : [\n`);
    expect(() => loadStoreConfigFile(yaml, {})).toThrow(ConfigError);
    expect(() => loadStoreConfigFile(yaml, {})).not.toThrow(new RegExp(DB_PASSWORD));
    const json = file(`{"store": {"path": "${DB_PASSWORD}",}}`, 'json');
    expect(() => loadStoreConfigFile(json, {})).toThrow(/not valid JSON/);
    expect(() => loadStoreConfigFile(json, {})).not.toThrow(new RegExp(DB_PASSWORD));
    expect(() => loadStoreConfigFile(join(dir, 'missing.yaml'), {})).toThrow(/cannot read configuration .*ENOENT/);
  });
});
