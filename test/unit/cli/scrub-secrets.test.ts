import { describe, expect, it } from 'vitest';
import type { TenantConfig } from '../../../src/config/config-schema.js';
import { scrubSecrets } from '../../../src/cli/tenant-upstream.js';

/*
 * What `doctor` and the start-up check print about a tenant never echoes a secret of its configuration: the upstream's,
 * and the identity source's, whose key is a JSON document with the private key inside it.
 */

const PRIVATE_KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';
const KEY_JSON = JSON.stringify({ type: 'service_account', client_email: 'bridge@acme.iam.gserviceaccount.com', private_key: PRIVATE_KEY });

const tenant = {
  id: 'acme',
  upstream: { type: 'zuora-rest', clientId: 'client-1', clientSecret: 'upstream-secret-value' },
  source: { type: 'google-workspace', key: KEY_JSON },
} as unknown as TenantConfig;

describe('scrubSecrets', () => {
  it("redacts the upstream's secrets, the source's key, and the private key inside that key, but not the service account's email", () => {
    const said = scrubSecrets(`upstream-secret-value / ${KEY_JSON} / ${PRIVATE_KEY} / bridge@acme.iam.gserviceaccount.com`, tenant);
    expect(said).not.toContain('upstream-secret-value');
    expect(said).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
    expect(said).toBe('[redacted] / [redacted] / [redacted] / bridge@acme.iam.gserviceaccount.com');
  });
});
