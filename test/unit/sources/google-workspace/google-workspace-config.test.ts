import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { ConfigError, parseConfig } from '../../../../src/config/load-config.js';
import { googleWorkspaceConfigSchema } from '../../../../src/sources/google-workspace/google-workspace-config.js';
import { testServiceAccountKey } from './test-key.js';

const EMAIL = 'bridge-reader@acme-project.iam.gserviceaccount.com';
const KEY = testServiceAccountKey(EMAIL);
/** A line of the PEM body: if it shows in a message, key material leaked. */
const KEY_MATERIAL = KEY.pem.split('\n')[1] as string;

const dir = mkdtempSync(join(tmpdir(), 'gw-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const tenant = (source: Record<string, unknown>) => ({
  tenants: [
    {
      id: 'acme',
      idpTokens: [{ label: 'okta', sha256: 'a'.repeat(64) }],
      upstream: { type: 'zuora-rest', baseUrlOverride: 'https://zuora.test', clientId: 'c', clientSecret: 'secret-value', profiles: { default: 'Standard' } },
      source: { type: 'google-workspace', ...source },
    },
  ],
});

const errorOf = (run: () => unknown): ConfigError => {
  try {
    run();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('the google-workspace source configuration', () => {
  it('takes the key from a file and fills the documented defaults', () => {
    const config = parseConfig(tenant({ keyFile: file('key.json', KEY.json) }), {});
    expect(config.tenants[0]?.source).toMatchObject({
      type: 'google-workspace',
      key: KEY.json,
      customer: 'my_customer',
      intervalSeconds: 600,
      deletion: 'deactivate',
      maxDeactivationPercent: 10,
      queriesPerMinute: 2000,
    });
  });

  it('takes the key by environment reference, with a subject, org units and a query', () => {
    const config = parseConfig(
      tenant({ key: '${GOOGLE_KEY}', subject: 'admin@acme.example', orgUnits: ['/Engineering'], query: 'isSuspended=false', maxDeactivations: 25 }),
      { GOOGLE_KEY: KEY.json },
    );
    expect(config.tenants[0]?.source).toMatchObject({ subject: 'admin@acme.example', orgUnits: ['/Engineering'], maxDeactivations: 25 });
  });

  it('refuses a key file that is no key, naming the file, never the content', () => {
    const path = file('notes.txt', 'this is not json');
    const message = errorOf(() => parseConfig(tenant({ keyFile: path }), {})).message;
    expect(message).toContain(`tenants[0].source.keyFile (${path})`);
    expect(message).toContain('not JSON');
    expect(message).not.toContain('this is not json');
  });

  it('refuses a key whose private key is broken, naming the service account and never the key material', () => {
    const broken = JSON.stringify({ ...JSON.parse(KEY.json), private_key: KEY.pem.replace(/[A-Za-z]{20}/, 'x') });
    const message = errorOf(() => parseConfig(tenant({ key: '${GOOGLE_KEY}' }), { GOOGLE_KEY: broken })).message;
    expect(message).toContain('tenants[0].source.key');
    expect(message).toContain(EMAIL);
    expect(message).not.toContain(KEY_MATERIAL);
    expect(message).not.toContain('BEGIN');
  });

  it('refuses a JSON that is not a service account key (an OAuth client file)', () => {
    const message = errorOf(() => parseConfig(tenant({ key: JSON.stringify({ installed: { client_id: 'x' } }) }), {})).message;
    expect(message).toContain('not a service account key');
  });

  it.each([
    [{ unknown: 1 }, 'unknown key'],
    [{ deletion: 'purge' }, 'deletion'],
    [{ orgUnits: ['Engineering'] }, 'starts with /'],
    [{ groups: ['eng@acme.example'], query: 'isAdmin=false' }, 'not both'],
    [{ maxDeactivationPercent: 150 }, 'maxDeactivationPercent'],
    [{ subject: 'not-an-email' }, 'subject'],
  ])('refuses %j', (extra, expected) => {
    const message = errorOf(() => parseConfig(tenant({ key: KEY.json, ...extra }), {})).message;
    expect(message).toContain(expected);
    expect(message).not.toContain(KEY_MATERIAL);
  });

  it('describes every key, for the configuration reference', () => {
    const shape = googleWorkspaceConfigSchema.shape;
    const undocumented = Object.entries(shape)
      .filter(([name, s]) => name !== 'type' && !(s as { description?: string }).description)
      .map(([name]) => name);
    expect(undocumented).toEqual([]);
  });
});
