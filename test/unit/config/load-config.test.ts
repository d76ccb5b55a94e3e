import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ConfigError, loadConfigFile, parseConfig } from '../../../src/config/load-config.js';

const SECRET = 'zuora-client-secret-s3cr3t-value';
const HASH = 'a'.repeat(64);

const JSON_CONFIG = {
  server: { port: 9090, patchResponse: 'resource' },
  tenants: [
    {
      id: 'acme',
      idpTokens: [{ label: 'okta', sha256: HASH }],
      upstream: {
        type: 'zuora-rest',
        baseUrlOverride: 'https://zuora.test',
        clientId: 'client-1',
        clientSecret: '${ZUORA_SECRET}',
        profiles: { roles: { admin: 'Administrator' }, default: 'Standard User' },
      },
    },
  ],
};

const YAML_CONFIG = `# the same configuration, as an operator would write it in YAML
server:
  port: 9090
  patchResponse: resource
tenants:
  - id: acme
    idpTokens:
      - label: okta
        sha256: ${HASH}
    upstream:
      type: zuora-rest
      baseUrlOverride: https://zuora.test
      clientId: client-1
      clientSecret: \${ZUORA_SECRET}
      profiles:
        roles: { admin: Administrator }
        default: Standard User
`;

let dir: string;
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const errorOf = (run: () => unknown): ConfigError => {
  try {
    run();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scim-bridge-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loading a configuration file', () => {
  it('reads YAML (.yaml and .yml) and JSON into the same configuration', () => {
    const env = { ZUORA_SECRET: SECRET };
    const fromJson = loadConfigFile(write('bridge.json', JSON.stringify(JSON_CONFIG)), env);
    const fromYaml = loadConfigFile(write('bridge.yaml', YAML_CONFIG), env);
    const fromYml = loadConfigFile(write('bridge.yml', YAML_CONFIG), env);

    expect(fromYaml).toEqual(fromJson);
    expect(fromYml).toEqual(fromJson);
    expect(fromJson.server.port).toBe(9090);
    expect(fromJson.tenants[0]?.upstream).toMatchObject({ type: 'zuora-rest', clientSecret: SECRET });
  });

  it('refuses a file whose extension names no supported format', () => {
    const path = write('bridge.toml', 'port = 1');
    expect(errorOf(() => loadConfigFile(path, {})).message).toContain('.yaml, .yml or .json');
  });

  it('names the file it cannot read', () => {
    const path = join(dir, 'missing.yaml');
    expect(errorOf(() => loadConfigFile(path, {})).message).toBe(`cannot read configuration ${path} (ENOENT)`);
  });
});

describe('errors name the field', () => {
  it('names the field whose environment variable is not set', () => {
    expect(errorOf(() => parseConfig(JSON_CONFIG, {})).message).toBe(
      'tenants[0].upstream.clientSecret: environment variable ZUORA_SECRET (or ZUORA_SECRET_FILE) is not set',
    );
  });

  it('names the field whose secret file cannot be read', () => {
    const missing = join(dir, 'no-such-secret');
    const raw = { ...JSON_CONFIG, server: { metricsToken: `\${file:${missing}}` } };
    expect(errorOf(() => parseConfig(raw, { ZUORA_SECRET: SECRET })).message).toBe(`server.metricsToken: cannot read secret file ${missing} (ENOENT)`);
  });

  it('lists every offending field of an invalid configuration by its path', () => {
    const tenant = JSON_CONFIG.tenants[0]!;
    const raw = {
      server: { port: 70_000, patchResponse: 'sometimes' },
      tenants: [{ ...tenant, id: 'Not A Slug', idpTokens: [{ label: 'okta', sha256: 'nothex' }], upstream: { ...tenant.upstream, clientId: '' } }],
    };
    const lines = errorOf(() => parseConfig(raw, { ZUORA_SECRET: SECRET })).message.split('\n');

    expect(lines[0]).toBe('invalid configuration:');
    const paths = lines.slice(1).map((l) => l.trim().split(':')[0]);
    expect(paths.sort()).toEqual(
      ['server.port', 'server.patchResponse', 'tenants[0].id', 'tenants[0].idpTokens[0].sha256', 'tenants[0].upstream.clientId'].sort(),
    );
  });

  it('a tenant needs an IdP token unless it has a source to provision from, named with the other problems', () => {
    const tenant = JSON_CONFIG.tenants[0]!;
    const { idpTokens: _, ...noTokens } = tenant;
    const lines = errorOf(() => parseConfig({ tenants: [{ ...noTokens, upstream: { ...tenant.upstream, clientId: '' } }] }, { ZUORA_SECRET: SECRET })).message;
    expect(lines).toMatch(/tenants\[0\]\.idpTokens: at least one IdP token is needed, unless the tenant has a `source`/);
    expect(lines).toMatch(/tenants\[0\]\.upstream\.clientId/);
    expect(errorOf(() => parseConfig({ tenants: [{ ...tenant, idpTokens: [] }] }, { ZUORA_SECRET: SECRET })).message).toMatch(/idpTokens: at least one/);
  });
});

describe('secrets never appear in a ConfigError', () => {
  it('keeps a substituted secret out of validation errors, even where the secret is the invalid value', () => {
    const tenant = JSON_CONFIG.tenants[0]!;
    const raw = {
      server: { port: '${ZUORA_SECRET}', metricsToken: '${SHORT_TOKEN}', publicBaseUrl: '${ZUORA_SECRET}' },
      logLevel: '${ZUORA_SECRET}',
      tenants: [{ ...tenant, id: '${ZUORA_SECRET}', idpTokens: [{ label: 'okta', sha256: '${ZUORA_SECRET}' }] }],
    };
    const message = errorOf(() => parseConfig(raw, { ZUORA_SECRET: SECRET, SHORT_TOKEN: 'tiny-secret' })).message;

    expect(message).toContain('server.metricsToken');
    expect(message).toContain('logLevel');
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain('tiny-secret');
  });

  it('reports where a JSON syntax error is, by line and column', () => {
    const path = write('bridge.json', '{\n  "tenants": [{"id": "acme",, }]\n}');
    expect(errorOf(() => loadConfigFile(path, {})).message).toBe(`${path}:2:29: not valid JSON`);
  });

  it('keeps a secret that is itself the JSON syntax error out of the error', () => {
    // V8 quotes the text around an unexpected token: here, the unquoted secret.
    const path = write('bridge.json', `{"tenants": [{"clientSecret": ${SECRET}}]}`);
    const message = errorOf(() => loadConfigFile(path, {})).message;

    expect(message).toMatch(/not valid JSON$/);
    expect(message).not.toContain(SECRET);
  });

  it("keeps a secret on a YAML syntax error's line out of the error, giving line and column instead", () => {
    // The yaml package prints the offending line under its message.
    const path = write('bridge.yaml', `tenants:\n  - clientSecret: ${SECRET}: oops\n`);
    const message = errorOf(() => loadConfigFile(path, {})).message;

    expect(message).toMatch(/bridge\.yaml:2:\d+: not valid YAML \([A-Z_]+\)$/);
    expect(message).not.toContain(SECRET);
  });
});
