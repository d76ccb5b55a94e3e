import { verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { scopesFor } from '../../../../src/sources/google-workspace/directory-client.js';
import { DIRECTORY_READ_SCOPES, ORG_UNIT_READ_SCOPE, signAssertion } from '../../../../src/sources/google-workspace/jwt-bearer-auth.js';
import { readServiceAccountKey } from '../../../../src/sources/google-workspace/service-account-key.js';
import { testServiceAccountKey } from './test-key.js';

const EMAIL = 'bridge-reader@acme-project.iam.gserviceaccount.com';
const KEY = testServiceAccountKey(EMAIL);
const reading = readServiceAccountKey(KEY.json);
if (!reading.ok) throw new Error(reading.problem);
const key = reading.key;
const TOKEN_URL = 'https://oauth2.googleapis.com/token';
const NOW = Date.UTC(2026, 11, 7, 13, 0, 0);

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('the JWT-bearer assertion (RFC 7523)', () => {
  it('is signed RS256 by the service account key: the public key verifies it, another key does not', () => {
    const jwt = signAssertion({ key, scopes: DIRECTORY_READ_SCOPES, tokenUrl: TOKEN_URL }, NOW);
    const [header, claims, signature] = jwt.split('.') as [string, string, string];
    expect(decode(header)).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'k1' });
    const input = Buffer.from(`${header}.${claims}`);
    expect(verify('sha256', input, KEY.publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
    expect(verify('sha256', input, testServiceAccountKey().publicKey, Buffer.from(signature, 'base64url'))).toBe(false);
  });

  it('claims the service account, the read-only scopes, the token endpoint and one hour from now', () => {
    const jwt = signAssertion({ key, scopes: DIRECTORY_READ_SCOPES, tokenUrl: TOKEN_URL }, NOW);
    expect(decode(jwt.split('.')[1] as string)).toEqual({
      iss: EMAIL,
      scope: [
        'https://www.googleapis.com/auth/admin.directory.user.readonly',
        'https://www.googleapis.com/auth/admin.directory.group.readonly',
        'https://www.googleapis.com/auth/admin.directory.group.member.readonly',
      ].join(' '),
      aud: TOKEN_URL,
      iat: NOW / 1000,
      exp: NOW / 1000 + 3600,
    });
  });

  it('names the admin to act as in `sub` only when a subject is configured', () => {
    const jwt = signAssertion({ key, scopes: DIRECTORY_READ_SCOPES, tokenUrl: TOKEN_URL, subject: 'admin@acme.example' }, NOW);
    expect(decode(jwt.split('.')[1] as string).sub).toBe('admin@acme.example');
  });

  it('asks for the org unit scope only when org units scope the source, and never for a write scope', () => {
    expect(scopesFor({})).not.toContain(ORG_UNIT_READ_SCOPE);
    expect(scopesFor({ orgUnits: ['/Engineering'] })).toContain(ORG_UNIT_READ_SCOPE);
    expect(scopesFor({ orgUnits: ['/Engineering'] }).every((s) => s.endsWith('.readonly'))).toBe(true);
  });
});

describe('a service account key', () => {
  it('is refused when its private key is not RSA, naming the account', () => {
    const ec = JSON.stringify({ ...JSON.parse(KEY.json), private_key: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n' });
    const r = readServiceAccountKey(ec);
    expect(r).toEqual({ ok: false, problem: expect.stringContaining(EMAIL) as string });
  });
});
