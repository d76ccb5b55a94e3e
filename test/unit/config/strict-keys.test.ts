import { describe, expect, it } from 'vitest';

import { ConfigError, parseConfig } from '../../../src/config/load-config.js';
import { nearestName } from '../../../src/config/nearest-name.js';

const HASH = 'b'.repeat(64);
const SECRET = 'read-from-a-secret-file';

const zuoraRest = {
  type: 'zuora-rest',
  baseUrlOverride: 'https://zuora.test',
  clientId: 'client-1',
  clientSecret: 'client-secret-1',
  profiles: { roles: { admin: 'Administrator' }, groups: { Auditors: 'Read Only' }, default: 'Standard User' },
  timeouts: { requestMs: 5000 },
  retry: { maxAttempts: 2 },
};
const zia = {
  type: 'zscaler-zia',
  baseUrlOverride: 'https://zia.test/api/v1',
  auth: { mode: 'legacy', username: 'admin@example.com', password: 'admin-password', apiKey: 'abcdefghijkl' },
  deactivation: { mode: 'group', disabledGroup: 'Disabled Users' },
  activation: { debounceMs: 100, maxDelayMs: 1000 },
};
const oneId = { type: 'zuora-oneid', clientId: 'c', clientSecret: 's', organizationId: 'org-1' };

/** A valid configuration of two tenants: Zuora REST first, ZIA second; PostgreSQL for a store with nested keys. */
const valid = () => ({
  server: { port: 9090 },
  store: { type: 'postgres', connectionString: 'postgres://db.test/scim' },
  rateLimit: { max: 10 },
  tenants: [
    {
      id: 'acme',
      idpTokens: [{ label: 'okta', sha256: HASH }],
      upstream: structuredClone(zuoraRest),
      lists: { maxCount: 50 },
      reconcile: { intervalSeconds: 0 },
    },
    { id: 'globex', idpTokens: [{ label: 'entra', sha256: HASH }], upstream: structuredClone(zia) },
  ],
});

type Place = Record<string | number, unknown>;

/** The object at `path` of a configuration, to change in place. */
function at(config: Place, path: (string | number)[]): Place {
  let target = config;
  for (const segment of path) target = target[segment] as Place;
  return target;
}

/** The configuration with `key: value` added to the object at `path` (written the way the error names it). */
function withKey(path: (string | number)[], key: string, value: unknown = 1): Place {
  const config: Place = valid();
  at(config, path)[key] = value;
  return config;
}

/** The configuration with `from` renamed to `to` in the object at `path`. */
function renamed(path: (string | number)[], from: string, to: string, value: unknown): Place {
  const config: Place = valid();
  const target = at(config, path);
  delete target[from];
  target[to] = value;
  return config;
}

function messageOf(raw: unknown): string {
  try {
    parseConfig(raw, {}, () => SECRET);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('unknown keys are refused, at every depth, with the key they most likely meant', () => {
  const cases: [where: string, path: (string | number)[], typo: string, meant: string][] = [
    ['root', [], 'tenant', 'tenants'],
    ['server', ['server'], 'prot', 'port'],
    ['store (a union variant)', ['store'], 'conectionString', 'connectionString'],
    ['rateLimit', ['rateLimit'], 'timeWindow', 'timeWindowMs'],
    ['a tenant', ['tenants', 0], 'userRead', 'userReads'],
    ['an IdP token in a list', ['tenants', 0, 'idpTokens', 0], 'sha265', 'sha256'],
    ['lists', ['tenants', 0, 'lists'], 'maxcount', 'maxCount'],
    ['reconcile', ['tenants', 0, 'reconcile'], 'intervalSecond', 'intervalSeconds'],
    ['upstream (Zuora REST)', ['tenants', 0, 'upstream'], 'deleteMod', 'deleteMode'],
    ['profiles', ['tenants', 0, 'upstream', 'profiles'], 'precedense', 'precedence'],
    ['timeouts', ['tenants', 0, 'upstream', 'timeouts'], 'conectMs', 'connectMs'],
    ['retry', ['tenants', 0, 'upstream', 'retry'], 'maxAttempt', 'maxAttempts'],
    ['upstream (ZIA)', ['tenants', 1, 'upstream'], 'deactivaton', 'deactivation'],
    ['upstream.auth', ['tenants', 1, 'upstream', 'auth'], 'apikey', 'apiKey'],
    ['deactivation', ['tenants', 1, 'upstream', 'deactivation'], 'disabledGrup', 'disabledGroup'],
    ['activation', ['tenants', 1, 'upstream', 'activation'], 'debounce', 'debounceMs'],
  ];
  const pathText = (path: (string | number)[], key: string) =>
    [...path, key].map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');

  it.each(cases)('%s', (_where, path, typo, meant) => {
    const lines = messageOf(withKey(path, typo)).split('\n');
    expect(lines[0]).toBe('invalid configuration:');
    expect(lines.slice(1)).toEqual([`  ${pathText(path, typo)}: unknown key; did you mean "${meant}"?`]);
  });

  it("the upstream of another type: a OneID key names OneID's keys", () => {
    const raw = withKey(['tenants', 0], 'upstream', { ...oneId, adminRole: ['admin'] });
    expect(messageOf(raw)).toContain('tenants[0].upstream.adminRole: unknown key; did you mean "adminRoles"?');
  });

  it('lists every problem in one error: unknown keys beside invalid values', () => {
    const raw = withKey(['tenants', 1, 'upstream'], 'deactivaton', { mode: 'group' });
    at(raw, ['server']).port = 70_000;
    at(raw, ['tenants', 0]).replayWindow = 10;
    const lines = messageOf(raw)
      .split('\n')
      .slice(1)
      .map((l) => l.trim());
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^server\.port: /),
        'tenants[0].replayWindow: unknown key; did you mean "replayWindowSeconds"?',
        'tenants[1].upstream.deactivaton: unknown key; did you mean "deactivation"?',
      ]),
    );
    expect(lines).toHaveLength(3);
  });

  it('lists the valid keys when no key is close', () => {
    expect(messageOf(withKey(['rateLimit'], 'burst'))).toContain('rateLimit.burst: unknown key; valid keys here: max, timeWindowMs');
  });

  it('names map keys that are not identifiers in brackets', () => {
    const raw = withKey(['tenants', 0, 'upstream', 'profiles', 'groups'], 'Billing Team', 7);
    expect(messageOf(raw)).toContain('tenants[0].upstream.profiles.groups["Billing Team"]: ');
  });
});

describe('the XFile secret convention is not an unknown key', () => {
  it('accepts clientSecretFile, passwordFile and connectionStringFile where the plain key is valid', () => {
    const raw = renamed(['tenants', 0, 'upstream'], 'clientSecret', 'clientSecretFile', '/run/secrets/zuora');
    delete at(raw, ['tenants', 1, 'upstream', 'auth']).password;
    at(raw, ['tenants', 1, 'upstream', 'auth']).passwordFile = '/run/secrets/zia';
    raw.store = { type: 'postgres', connectionStringFile: '/run/secrets/db' };
    const dbUrl = `postgres://bridge:${SECRET}@db.test/scim`;
    const config = parseConfig(raw, {}, (path) => (path === '/run/secrets/db' ? dbUrl : SECRET));
    expect(config.tenants[0]?.upstream).toMatchObject({ clientSecret: SECRET });
    expect(config.store).toMatchObject({ connectionString: dbUrl });
  });

  it('names a misspelt XFile key as written, and suggests the XFile key', () => {
    const raw = renamed(['tenants', 0, 'upstream'], 'clientSecret', 'clientSecreFile', '/run/secrets/zuora');
    const message = messageOf(raw);
    expect(message).toContain('tenants[0].upstream.clientSecreFile: unknown key; did you mean "clientSecretFile"?');
    expect(message).toContain('tenants[0].upstream.clientSecret: required (string)');
    expect(message).not.toContain(SECRET);
  });
});

describe('ZIA deactivation is chosen explicitly', () => {
  it('refuses a ZIA upstream without deactivation, naming both choices and what each does', () => {
    const raw: Place = valid();
    delete at(raw, ['tenants', 1, 'upstream']).deactivation;
    const message = messageOf(raw);
    expect(message).toMatch(/tenants\[1\]\.upstream\.deactivation: required, choose one: /);
    expect(message).toContain('{"mode": "group", "disabledGroup": "<ZIA group>"} keeps the ZIA user');
    expect(message).toContain('{"mode": "delete"} deletes the ZIA user');
  });

  it('refuses a mode that is neither, and group mode without its group', () => {
    const raw = withKey(['tenants', 1, 'upstream'], 'deactivation', { mode: 'disable' });
    expect(messageOf(raw)).toMatch(/tenants\[1\]\.upstream\.deactivation\.mode: choose one: \{"mode": "group"/);
    at(raw, ['tenants', 1, 'upstream']).deactivation = { mode: 'group' };
    expect(messageOf(raw)).toContain('tenants[1].upstream.deactivation.disabledGroup: required with mode "group"');
  });

  it('takes either choice as given', () => {
    const raw: Place = valid();
    expect(parseConfig(raw, {}).tenants[1]?.upstream).toMatchObject({ deactivation: { mode: 'group', disabledGroup: 'Disabled Users' } });
    at(raw, ['tenants', 1, 'upstream']).deactivation = { mode: 'delete' };
    expect(parseConfig(raw, {}).tenants[1]?.upstream).toMatchObject({ deactivation: { mode: 'delete' } });
  });
});

describe('nearestName', () => {
  it('finds a transposition, a missing letter and a different case', () => {
    expect(nearestName('mdoe', ['mode', 'disabledGroup'])).toBe('mode');
    expect(nearestName('deactivaton', ['deactivation', 'activation'])).toBe('deactivation');
    expect(nearestName('ClientSecret', ['clientId', 'clientSecret'])).toBe('clientSecret');
  });

  it('suggests the key a name begins when a unit or suffix was left off', () => {
    expect(nearestName('replayWindow', ['replayWindowSeconds', 'reconcile'])).toBe('replayWindowSeconds');
  });

  it('suggests nothing for a name unlike every candidate, or too short to tell', () => {
    expect(nearestName('burst', ['max', 'timeWindowMs'])).toBeUndefined();
    expect(nearestName('x', ['id'])).toBeUndefined();
    expect(nearestName('anything', [])).toBeUndefined();
  });
});
