import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ConfigError } from '../../../src/config/config-error.js';
import { resolveSecretReferences } from '../../../src/config/secret-references.js';

let dir: string;
const secretFile = (name: string, contents: string): string => {
  const path = join(dir, name);
  writeFileSync(path, contents);
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
  dir = mkdtempSync(join(tmpdir(), 'scim-bridge-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('XFile keys (the Docker/Kubernetes secrets convention)', () => {
  it("replaces clientSecretFile by clientSecret holding the file's trimmed contents", () => {
    const path = secretFile('client-secret', '  s3cr3t-from-a-mounted-file\n');
    const raw = { tenants: [{ upstream: { clientId: 'c1', clientSecretFile: path } }] };

    expect(resolveSecretReferences(raw, {})).toEqual({ tenants: [{ upstream: { clientId: 'c1', clientSecret: 's3cr3t-from-a-mounted-file' } }] });
  });

  it('works for any string key, at any depth, with ${NAME} in the path', () => {
    secretFile('password', 'zia-password');
    secretFile('db-url', 'postgres://bridge:pw@db/bridge');
    const raw = { store: { connectionStringFile: '${SECRETS}/db-url' }, auth: { passwordFile: '${SECRETS}/password' } };

    expect(resolveSecretReferences(raw, { SECRETS: dir })).toEqual({
      store: { connectionString: 'postgres://bridge:pw@db/bridge' },
      auth: { password: 'zia-password' },
    });
  });

  it('refuses X and XFile together, naming the field and neither value', () => {
    const path = secretFile('api-key', 'the-key-in-the-file');
    const raw = { tenants: [{ upstream: { auth: { apiKey: 'the-inline-key', apiKeyFile: path } } }] };
    const message = errorOf(() => resolveSecretReferences(raw, {})).message;

    expect(message).toBe('tenants[0].upstream.auth.apiKey: give either apiKey or apiKeyFile, not both');
  });

  it('names the field whose secret file cannot be read', () => {
    const missing = join(dir, 'absent');
    expect(errorOf(() => resolveSecretReferences({ server: { metricsTokenFile: missing } }, {})).message).toBe(
      `server.metricsTokenFile: cannot read secret file ${missing} (ENOENT)`,
    );
  });

  it('leaves alone keys that are not camelCase XFile names with a string value', () => {
    const raw = { File: 'x', logFile: 3, groups: { 'Payroll File': 'Billing Clerk', AuditFile: 'Auditor' } };
    expect(resolveSecretReferences(raw, {})).toEqual(raw);
  });
});

describe('${NAME} and ${file:/path}', () => {
  it('takes NAME from the environment, or from the file NAME_FILE names', () => {
    const path = secretFile('token', 'metrics-token-from-file\n');
    expect(resolveSecretReferences({ a: 'Bearer ${TOKEN}' }, { TOKEN: 'from-env' })).toEqual({ a: 'Bearer from-env' });
    expect(resolveSecretReferences({ a: 'Bearer ${TOKEN}' }, { TOKEN_FILE: path })).toEqual({ a: 'Bearer metrics-token-from-file' });
  });

  it('refuses NAME and NAME_FILE both set, naming the field and the variables', () => {
    const path = secretFile('token', 'from-file');
    expect(errorOf(() => resolveSecretReferences({ server: { metricsToken: '${TOKEN}' } }, { TOKEN: 'from-env', TOKEN_FILE: path })).message).toBe(
      'server.metricsToken: set either environment variable TOKEN or TOKEN_FILE, not both',
    );
  });

  it('inserts a secret literally: a value containing ${…} is not substituted again', () => {
    const path = secretFile('odd', 'pa${HOME}ss');
    expect(resolveSecretReferences({ a: '${file:' + path + '}', b: '${ODD}' }, { ODD: 'x${HOME}y', HOME: '/root' })).toEqual({
      a: 'pa${HOME}ss',
      b: 'x${HOME}y',
    });
  });
});
