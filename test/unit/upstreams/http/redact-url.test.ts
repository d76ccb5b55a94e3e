import { describe, expect, it } from 'vitest';
import { redactUrlCredentials } from '../../../../src/upstreams/http/redact.js';

const PW = 's3cretPW';

describe('redactUrlCredentials', () => {
  it.each([
    ['redis://:s3cretPW@cache:6379/0', 'redis://[redacted]@cache:6379/0'],
    ['rediss://default:s3cretPW@cache.example.com', 'rediss://[redacted]@cache.example.com'],
    ['postgresql://bridge:s3cretPW@db:5432/scim?sslmode=require', 'postgresql://[redacted]@db:5432/scim?sslmode=require'],
    ['postgres://bridge@db/scim?password=s3cretPW&sslmode=require', 'postgres://[redacted]@db/scim?password=[redacted]&sslmode=require'],
    // A lone userinfo is redacted too: some clients read `redis://secret@host` as a password.
    ['redis://s3cretPW@cache', 'redis://[redacted]@cache'],
    ['redis://cache:6379?password=s3cretPW', 'redis://cache:6379?password=[redacted]'],
    ['postgres://db/scim?sslpassword=s3cretPW', 'postgres://db/scim?sslpassword=[redacted]'],
  ])('a URL that parses: %s', (url, redacted) => {
    expect(redactUrlCredentials(url)).toBe(redacted);
  });

  it.each([
    // A port that is not a number, an unencoded "/" or "#" or "@" in the password, an unclosed IPv6 bracket.
    ['redis://:s3cretPW@127.0.0.1:notaport', 'redis://[redacted]@127.0.0.1:notaport'],
    ['redis://:s3cr/etPW@cache:6379', 'redis://[redacted]@cache:6379'],
    ['postgres://u:s3c#retPW@db/scim', 'postgres://[redacted]@db/scim'],
    ['redis://:s3c@retPW@cache', 'redis://[redacted]@cache'],
    ['redis://user:s3cretPW@[bad', 'redis://[redacted]@[bad'],
    // A URL missing its colon, as ioredis quotes it in a socket error.
    ['connect ENOENT //:s3cretPW@127.0.0.1', 'connect ENOENT //[redacted]@127.0.0.1'],
  ])('a malformed URL: %s', (url, redacted) => {
    expect(redactUrlCredentials(url)).toBe(redacted);
  });

  it('finds every URL inside a longer text, quoted or not', () => {
    const text = `could not use "redis://:${PW}@a:1" nor postgres://u:${PW}@b/db; see https://example.com/docs`;
    const out = redactUrlCredentials(text);
    expect(out).not.toContain(PW);
    expect(out).toBe('could not use "redis://[redacted]@a:1" nor postgres://[redacted]@b/db; see https://example.com/docs');
  });

  it('leaves URLs without credentials as they are, an address in a path included', () => {
    for (const text of [
      'https://zuora.test/v1/users/amy@example.com/accessible-entities',
      'file:///work/src/runtime.ts:12:3',
      'plain text, no URL',
      '/tmp/redis.sock',
    ]) {
      expect(redactUrlCredentials(text)).toBe(text);
    }
  });
});
