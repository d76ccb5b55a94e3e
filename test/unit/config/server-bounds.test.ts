import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/config/load-config.js';

const tenant = {
  id: 'acme',
  idpTokens: [{ label: 'okta', sha256: 'a'.repeat(64) }],
  upstream: { type: 'zuora-rest', baseUrlOverride: 'https://zuora.test', clientId: 'c', clientSecret: 's', profiles: { default: 'Standard User' } },
};

const configError = (server: Record<string, unknown>): ConfigError => {
  try {
    parseConfig({ server, tenants: [tenant] }, {});
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected the configuration to be refused');
};

describe('server.limits and server.timeouts', () => {
  it('default to bounds a real IdP never reaches, without any server key', () => {
    const config = parseConfig({ tenants: [tenant] }, {});
    expect(config.server.limits).toEqual({ patchOperations: 1000, valuesPerAttribute: 1000 });
    expect(config.server.timeouts).toEqual({ headersMs: 10_000, requestMs: 30_000, keepAliveMs: 72_000, idleSocketMs: 300_000 });
  });

  it('fill in the keys not given', () => {
    const config = parseConfig({ server: { limits: { patchOperations: 50 }, timeouts: { requestMs: 60_000 } }, tenants: [tenant] }, {});
    expect(config.server.limits).toEqual({ patchOperations: 50, valuesPerAttribute: 1000 });
    expect(config.server.timeouts).toMatchObject({ headersMs: 10_000, requestMs: 60_000 });
  });

  it('refuse a headers timeout longer than the request timeout (Node would not start), and zero limits', () => {
    expect(configError({ timeouts: { headersMs: 5_000, requestMs: 1_000 } }).message).toContain('server.timeouts.headersMs');
    expect(configError({ limits: { valuesPerAttribute: 0 } }).message).toContain('server.limits.valuesPerAttribute');
  });
});
