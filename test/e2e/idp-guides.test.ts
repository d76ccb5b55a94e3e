import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox.js';
import { guideExchanges, replay, type GuideVariables } from '../support/guide-exchanges.js';

/*
 * Issue 14 item 5: every request shape an IdP guide promises works. Each guide (docs/idp/<idp>.md) holds the requests
 * its IdP sends, each followed by the bridge's answer; this replays them in the guide's order against a sandbox of
 * its own (a clean tenant per guide) and checks each answer. The requests are read from the guide itself, so editing
 * a guide edits its test. `covers` names the steps each guide must keep, so a request cannot silently leave a guide.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface GuideSpec {
  file: string;
  /** Request lines (method and path, query decoded) the guide must replay. */
  covers: RegExp[];
}

const GUIDES: GuideSpec[] = [
  {
    file: 'docs/idp/okta.md',
    covers: [
      /^GET \/scim\/v2\/Users\?startIndex=1&count=2$/,
      /^GET \/scim\/v2\/Users\?filter=userName eq "[^"]+"&startIndex=1&count=100$/,
      /^POST \/scim\/v2\/Users$/,
      /^PUT \/scim\/v2\/Users\/\{\w+\}$/,
      /^PATCH \/scim\/v2\/Users\/\{\w+\}$/,
      /^GET \/scim\/v2\/Groups\?filter=displayName eq "[^"]+"&startIndex=1&count=100$/,
      /^POST \/scim\/v2\/Groups$/,
      /^PATCH \/scim\/v2\/Groups\/\{\w+\}$/,
      /^PUT \/scim\/v2\/Groups\/\{\w+\}$/,
      /^curl GET \$SCIM\/Users/,
    ],
  },
  {
    file: 'docs/idp/entra-id.md',
    covers: [
      /^GET \/scim\/v2\/Users\?filter=userName eq "[0-9a-f-]{36}"$/,
      /^POST \/scim\/v2\/Users$/,
      /^PATCH \/scim\/v2\/Users\/\{\w+\}$/,
      /^DELETE \/scim\/v2\/Users\/\{\w+\}$/,
      /^GET \/scim\/v2\/Groups\?excludedAttributes=members&filter=displayName eq "[^"]+"$/,
      /^POST \/scim\/v2\/Groups$/,
      /^PATCH \/scim\/v2\/Groups\/\{\w+\}$/,
      /^DELETE \/scim\/v2\/Groups\/\{\w+\}$/,
      /^curl GET \$SCIM\/Users\?filter=/,
    ],
  },
  {
    file: 'docs/idp/onelogin.md',
    covers: [
      /^GET \/scim\/v2\/Users\?count=1$/,
      /^POST \/scim\/v2\/Users$/,
      /^PUT \/scim\/v2\/Users\/\{\w+\}$/,
      /^PATCH \/scim\/v2\/Users\/\{\w+\}$/,
      /^DELETE \/scim\/v2\/Users\/\{\w+\}$/,
      /^POST \/scim\/v2\/Groups$/,
      /^PATCH \/scim\/v2\/Groups\/\{\w+\}$/,
    ],
  },
  {
    file: 'docs/idp/jumpcloud.md',
    covers: [
      /^GET \/scim\/v2\/Users$/,
      /^GET \/scim\/v2\/Users\?filter=userName eq "[^"]+"$/,
      /^POST \/scim\/v2\/Users$/,
      /^PATCH \/scim\/v2\/Users\/\{\w+\}$/,
      /^DELETE \/scim\/v2\/Users\/\{\w+\}$/,
      /^POST \/scim\/v2\/Groups$/,
      /^PATCH \/scim\/v2\/Groups\/\{\w+\}$/,
      /^DELETE \/scim\/v2\/Groups\/\{\w+\}$/,
    ],
  },
  {
    file: 'docs/idp/ping.md',
    covers: [
      /^GET \/scim\/v2\/Users\?filter=username Eq "[^"]+"$/,
      /^POST \/scim\/v2\/Users$/,
      /^PUT \/scim\/v2\/Users\/\{\w+\}$/,
      /^DELETE \/scim\/v2\/Users\/\{\w+\}$/,
      /^GET \/scim\/v2\/Groups$/,
      /^GET \/scim\/v2\/Groups\?startIndex=\d+&count=\d+$/,
      /^POST \/scim\/v2\/Groups$/,
      /^PATCH \/scim\/v2\/Groups\/\{\w+\}$/,
      /^PUT \/scim\/v2\/Groups\/\{\w+\}$/,
    ],
  },
  {
    file: 'docs/idp/curl.md',
    covers: [
      /^curl GET \$SCIM\/ServiceProviderConfig$/,
      /^curl POST \$SCIM\/Users$/,
      /^curl GET \$SCIM\/Users\?filter=/,
      /^curl PATCH \$SCIM\/Users\/\$ALICE_ID$/,
      /^curl POST \$SCIM\/Groups$/,
      /^curl PATCH \$SCIM\/Groups\/\$FINANCE_ID$/,
      /^curl DELETE \$SCIM\/Users\/\$ALICE_ID$/,
    ],
  },
];

for (const guide of GUIDES) {
  const markdown = readFileSync(resolve(ROOT, guide.file), 'utf8');
  const exchanges = guideExchanges(markdown);

  describe(`${guide.file}: the requests it shows, replayed against the sandbox`, () => {
    let sandbox: Sandbox;
    const vars: GuideVariables = new Map();

    beforeAll(async () => {
      sandbox = await startSandbox({ upstream: 'zuora-rest', host: '127.0.0.1', port: 0, token: undefined, seedUsers: 0, logger: false });
      vars.set('TOKEN', sandbox.token);
      vars.set('SCIM', sandbox.scimUrl);
    });
    afterAll(async () => {
      await sandbox?.close();
    });

    it('shows every step its IdP takes', () => {
      const titles = exchanges.map((x) => x.title);
      expect(guide.covers.filter((step) => !titles.some((t) => step.test(t))).map(String)).toEqual([]);
    });

    for (const exchange of exchanges) {
      it(`line ${exchange.line}: ${exchange.title} → ${exchange.answer.status}`, async () => {
        const origin = new URL(sandbox.scimUrl).origin;
        const { problems } = await replay(exchange, origin, vars);
        expect(problems).toEqual([]);
      });
    }
  });
}
