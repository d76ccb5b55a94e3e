import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { encodeTarget, guideExchanges, mismatches, substitute } from '../support/guide-exchanges.js';

/*
 * The reader of the IdP guides' request blocks (test/support/guide-exchanges.ts), which test/e2e/idp-guides.test.ts
 * replays: a misread block would make that test pass on something the guide does not say.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fence = (lang: string, text: string) => `\`\`\`${lang}\n${text}\n\`\`\``;

describe('guideExchanges', () => {
  it('pairs each http request block with the answer block after it, and skips other blocks', () => {
    const md = [
      fence('json', '{"not": "replayed"}'),
      fence('http', 'PATCH /scim/v2/Users/{aliceId}\nContent-Type: application/scim+json\n\n{"Operations": []}'),
      fence('http', 'HTTP/1.1 204 No Content'),
      fence('http', 'GET /scim/v2/Users?filter=userName eq "a"'),
      fence('http', 'HTTP/1.1 200 OK\nContent-Type: application/scim+json\n\n{ "totalResults": 0 }'),
    ].join('\n\n');
    const [patch, get] = guideExchanges(md);
    expect(patch?.request).toEqual({
      method: 'PATCH',
      target: '/scim/v2/Users/{aliceId}',
      headers: [['Content-Type', 'application/scim+json']],
      body: '{"Operations": []}',
      impliesToken: true,
    });
    expect(patch?.answer).toEqual({ status: 204, headers: [], body: undefined });
    expect(get?.answer).toEqual({ status: 200, headers: [['Content-Type', 'application/scim+json']], body: { totalResults: 0 } });
    expect(get?.line).toBe(16);
  });

  it('refuses a request without its answer', () => {
    expect(() => guideExchanges(fence('http', 'GET /scim/v2/Users'))).toThrow(/without the answer/);
  });

  it('reads a curl command as a shell would: quotes, continuations, -G with --data-urlencode, single-quoted $ kept', () => {
    const cmd = ['curl -sS -X PATCH "$SCIM/Groups/$GID" \\', '  -H "Authorization: Bearer $TOKEN" \\', `  -d '{"value": "'"$UID"'", "$ref": null}'`].join('\n');
    const [x] = guideExchanges(`${fence('sh', cmd)}\n${fence('http', 'HTTP/1.1 204 No Content')}`);
    expect(x?.request.method).toBe('PATCH');
    expect(x?.request.target).toBe('$SCIM/Groups/$GID');
    expect(x?.request.headers).toEqual([['Authorization', 'Bearer $TOKEN']]);
    expect(x?.request.impliesToken).toBe(false);
    const vars = new Map([
      ['UID', 'u-1'],
      ['ref', 'must-not-expand'],
    ]);
    // `$UID` stood between double quotes (expanded); `$ref` inside single quotes (left alone).
    expect(substitute(x?.request.body ?? '', vars).replaceAll('\uE000', '$')).toBe('{"value": "u-1", "$ref": null}');

    const [g] = guideExchanges(`${fence('sh', `curl -G "$SCIM/Users" --data-urlencode 'filter=userName eq "a b"'`)}\n${fence('http', 'HTTP/1.1 200 OK')}`);
    expect(g?.request).toMatchObject({ method: 'GET', target: '$SCIM/Users?filter=userName eq "a b"' });
  });
});

describe('encodeTarget and mismatches', () => {
  it('percent-encodes each query value as an IdP sends it', () => {
    expect(encodeTarget('/scim/v2/Users?filter=userName eq "a+b@x.com"&count=1&aadOptscim062020')).toBe(
      '/scim/v2/Users?filter=userName%20eq%20%22a%2Bb%40x.com%22&count=1&aadOptscim062020',
    );
  });

  it('matches the keys shown, arrays whole, null as no value, and binds a placeholder once', () => {
    const vars = new Map<string, string>();
    expect(mismatches({ id: '{a}', members: [{ value: '{a}' }], title: null }, { id: 'x1', members: [{ value: 'x1', display: 'd' }], extra: 1 }, vars)).toEqual(
      [],
    );
    expect(vars.get('a')).toBe('x1');
    expect(mismatches({ id: '{a}' }, { id: 'x2' }, vars)).toEqual(['$.id: expected "x1", got "x2"']);
    expect(mismatches({ members: [] }, { members: [{ value: 'x1' }] }, vars)).toHaveLength(1);
    expect(mismatches({ title: null }, { title: 'CFO' }, vars)).toEqual(['$.title: expected no value, got "CFO"']);
  });
});

describe('docs/idp', () => {
  it('every guide that shows requests is replayed by test/e2e/idp-guides.test.ts', () => {
    const replayed = readFileSync(join(ROOT, 'test/e2e/idp-guides.test.ts'), 'utf8');
    const guides = readdirSync(join(ROOT, 'docs/idp')).filter((f) => f.endsWith('.md'));
    const withRequests = guides.filter((f) => guideExchanges(readFileSync(join(ROOT, 'docs/idp', f), 'utf8')).length > 0);
    expect(withRequests.length).toBeGreaterThanOrEqual(6);
    expect(withRequests.filter((f) => !replayed.includes(`'docs/idp/${f}'`))).toEqual([]);
  });
});
