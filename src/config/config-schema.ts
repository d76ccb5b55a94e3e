import { z } from 'zod';
import { zscalerZiaConfigSchema } from '../upstreams/zscaler-zia/zscaler-zia-config.js';
import { zuoraOneIdConfigSchema } from '../upstreams/zuora-oneid/zuora-oneid-config.js';
import { zuoraRestConfigSchema } from '../upstreams/zuora-rest/zuora-rest-config.js';

/**
 * The whole configuration, validated once at start-up. Nothing below main.ts/cli.ts reads the environment;
 * everything arrives through this schema. Bad configuration stops start-up with the field's path named.
 */

const idpToken = z.object({
  /** A name for logs and the audit log. */
  label: z.string().min(1),
  /** Hex SHA-256 of the bearer token (`scim-bridge token create` prints both). Tokens themselves are never stored. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/i, 'a hex SHA-256 digest (64 hex characters)'),
});

export const upstreamConfigSchema = z.discriminatedUnion('type', [zuoraRestConfigSchema, zuoraOneIdConfigSchema, zscalerZiaConfigSchema]);

export const tenantConfigSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes'),
  idpTokens: z.array(idpToken).min(1),
  upstream: upstreamConfigSchema,
  lists: z.object({ defaultCount: z.number().int().min(1).default(100), maxCount: z.number().int().min(1).default(1000) }).default({ defaultCount: 100, maxCount: 1000 }),
  /** `upstream`: GET /Users/{id} reads the upstream (one call, always fresh). `index`: from the local index. */
  userReads: z.enum(['upstream', 'index']).default('upstream'),
  reconcile: z.object({ onStart: z.boolean().default(true), intervalSeconds: z.number().int().min(0).default(900) }).default({ onStart: true, intervalSeconds: 900 }),
  /** How long a create's answer is replayed to an IdP retrying the same request. */
  replayWindowSeconds: z.number().int().min(0).default(300),
});

export const configSchema = z.object({
  server: z
    .object({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(8080),
      /** External base URL when behind a proxy, e.g. `https://scim.example.com`. */
      publicBaseUrl: z.url().optional(),
      bodyLimitBytes: z.number().int().min(1024).default(1_048_576),
      patchResponse: z.enum(['noContent', 'resource']).default('noContent'),
      /** When set, `/metrics` asks for this bearer token (use `${file:…}` or `${ENV}`). */
      metricsToken: z.string().min(16).optional(),
    })
    .default({ host: '127.0.0.1', port: 8080, bodyLimitBytes: 1_048_576, patchResponse: 'noContent' }),
  /** The embedded default, SQLite in a file; or PostgreSQL, which several replicas share. */
  store: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('sqlite'), path: z.string().min(1) }),
      z.object({
        type: z.literal('postgres'),
        connectionString: z.string().min(1),
        schema: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional(),
        maxConnections: z.number().int().min(1).optional(),
      }),
    ])
    .default({ type: 'sqlite', path: './data/scim-bridge.db' }),
  rateLimit: z.object({ max: z.number().int().min(1).default(1200), timeWindowMs: z.number().int().min(1000).default(60_000) }).default({ max: 1200, timeWindowMs: 60_000 }),
  /** Shared state for several replicas: per-credential rate limits and upstream budgets (ZIA's hourly limits). */
  redis: z.object({ url: z.string().min(1), keyPrefix: z.string().default('scim-bridge:') }).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  tenants: z.array(tenantConfigSchema).min(1),
});

export type BridgeConfig = z.infer<typeof configSchema>;
export type TenantConfig = z.infer<typeof tenantConfigSchema>;
export type UpstreamConfig = z.infer<typeof upstreamConfigSchema>;
