import { z } from 'zod';
import { postgresConnectionString, redisUrl } from './connection-urls.js';
import { REGISTRY, type Registry } from '../registry.js';
import { DEFAULT_REQUEST_LIMITS } from '../http/normalise/limits.js';
import { DEFAULT_SERVER_TIMEOUTS } from '../http/server-timeouts.js';

/**
 * The whole configuration, validated once at start-up. Nothing below main.ts/cli.ts reads the environment;
 * everything arrives through this schema. Bad configuration stops start-up with the field's path named.
 * Each field's `.describe()` text is its entry in the README's configuration reference (`npm run config:reference`).
 */

const idpToken = z.strictObject({
  label: z.string().min(1).describe('A name for logs and the audit log.'),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'a hex SHA-256 digest (64 hex characters)')
    .describe('Hex SHA-256 of the bearer token (`scim-bridge token create` prints both). Tokens themselves are never stored.'),
});

export type { UpstreamConfig } from '../registry.js';

const noSourceRegistered = z
  .never({ error: 'no identity source is registered in this build' })
  .describe('A directory the bridge reads and provisions from (none is registered in this build).');

/** A tenant's schema: its `upstream` (and `source`) blocks are the registry's (src/registry.ts), the one list of them. */
const tenantSchemaOf = (registry: Registry) =>
  z
    .strictObject({
      id: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes')
        .describe('Tenant name, in `/t/{tenant}/scim/v2`, logs and the audit log.'),
      idpTokens: z
        .array(idpToken)
        .default([])
        .describe(
          'Bearer tokens the IdP may use, by hash; several at once for rotation. A token is valid for its tenant only. At least one, unless the tenant is fed by its `source` alone.',
        ),
      upstream: registry.upstreamConfigSchema,
      source: (registry.sourceConfigSchema ?? noSourceRegistered).optional(),
      lists: z
        .strictObject({
          defaultCount: z.number().int().min(1).default(100).describe('Page size of a list without `count` (RFC 7644 §3.4.2.4).'),
          maxCount: z.number().int().min(1).default(1000).describe('The largest page a list answers, whatever `count` asks.'),
        })
        .default({ defaultCount: 100, maxCount: 1000 })
        .describe('Paging of `GET /Users` and `GET /Groups`.'),
      userReads: z
        .enum(['upstream', 'index'])
        .default('upstream')
        .describe('`upstream`: `GET /Users/{id}` reads the upstream (one call, always fresh). `index`: from the local index (no call).'),
      reconcile: z
        .strictObject({
          onStart: z.boolean().default(true).describe('Rebuild the user index from the upstream at start-up.'),
          intervalSeconds: z.number().int().min(0).default(900).describe('How often the user index is rebuilt from the upstream (0: only at start).'),
        })
        .default({ onStart: true, intervalSeconds: 900 })
        .describe('The reconciler, which keeps the local index equal to the upstream.'),
      drift: z
        .enum(['report', 'enforce'])
        .default('report')
        .describe(
          "A user changed in the upstream's console after the bridge wrote it is drift. `report`: the reconciler counts and lists it (logs, `scim-bridge plan`) and writes nothing. `enforce`: it writes the bridge's last write back, audited.",
        ),
      replayWindowSeconds: z
        .number()
        .int()
        .min(0)
        .default(300)
        .describe("How long a create's answer is replayed to an IdP retrying the same request (`Idempotency-Key`)."),
    })
    // A tenant nobody could write to is a mistake; one fed by a directory the bridge reads needs no IdP (issue 13).
    .refine((t) => t.idpTokens.length > 0 || t.source !== undefined, {
      message: 'at least one IdP token is needed, unless the tenant has a `source` to provision from',
      path: ['idpTokens'],
      // Checked even when other fields of the tenant are wrong, so that every problem is named at once.
      when: (payload) => Array.isArray((payload.value as { idpTokens?: unknown }).idpTokens),
    });

const requestLimits = z
  .strictObject({
    patchOperations: z
      .number()
      .int()
      .min(1)
      .default(DEFAULT_REQUEST_LIMITS.patchOperations)
      .describe('Operations one PATCH may carry; more: 400 `tooMany`, nothing applied.'),
    valuesPerAttribute: z
      .number()
      .int()
      .min(1)
      .default(DEFAULT_REQUEST_LIMITS.valuesPerAttribute)
      .describe(
        "Values one request (PATCH, POST or PUT) may send for one multi-valued attribute, e.g. a group's `members`, over all its operations; more: 400 `tooMany`, nothing applied. Raise it for an IdP that writes bigger groups whole.",
      ),
  })
  .default(DEFAULT_REQUEST_LIMITS)
  .describe('How much one request may ask (RFC 7643 §5 has no ServiceProviderConfig field for these).');

const serverTimeouts = z
  .strictObject({
    headersMs: z
      .number()
      .int()
      .min(1)
      .default(DEFAULT_SERVER_TIMEOUTS.headersMs)
      .describe("Time a client has to send a request's headers, from connecting or from its previous request; then 408 and the connection is closed."),
    requestMs: z
      .number()
      .int()
      .min(1)
      .default(DEFAULT_SERVER_TIMEOUTS.requestMs)
      .describe('Time a client has to send a whole request, headers and body; then 408 and the connection is closed. At least `headersMs`.'),
    keepAliveMs: z
      .number()
      .int()
      .min(1)
      .default(DEFAULT_SERVER_TIMEOUTS.keepAliveMs)
      .describe(
        "An idle keep-alive connection is closed after this long without a new request. Keep it above a load balancer's idle timeout (60 s on AWS ALB) so the balancer closes first.",
      ),
    idleSocketMs: z
      .number()
      .int()
      .min(1)
      .default(DEFAULT_SERVER_TIMEOUTS.idleSocketMs)
      .describe(
        'A connection with no traffic either way for this long is closed, whatever it waits for (a client that stopped reading its answer). Keep it above the longest request, upstream calls included.',
      ),
  })
  .refine((t) => t.headersMs <= t.requestMs, { message: 'headersMs must not be longer than requestMs', path: ['headersMs'] })
  .default(DEFAULT_SERVER_TIMEOUTS)
  .describe("How long the bridge waits for a client (Fastify's defaults wait forever); a real IdP stays far below each.");

const sqliteStore = z.strictObject({
  type: z.literal('sqlite'),
  path: z.string().min(1).describe('SQLite database file (WAL; created with its directory).'),
});

const postgresStore = z.strictObject({
  type: z.literal('postgres'),
  connectionString: postgresConnectionString.describe(
    'PostgreSQL connection URL, `postgresql://user:password@host:5432/database` with special characters percent-encoded (a secret: use `connectionStringFile` or `${DATABASE_URL}`). A malformed one is refused at start-up without being quoted.',
  ),
  schema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .optional()
    .describe("PostgreSQL schema for the tables; the search path's default when unset."),
  maxConnections: z.number().int().min(1).optional().describe("Size of the connection pool; the driver's default when unset."),
  preparedStatements: z
    .boolean()
    .default(true)
    .describe(
      "Prepare the store's statements once per connection (PostgreSQL then parses and plans each once). Set `false` behind a transaction-mode pooler that cannot keep them (PgBouncer before 1.21, or without `max_prepared_statements`).",
    ),
});

/** The whole configuration, for the upstreams and sources of `registry`. */
export const configSchemaOf = (registry: Registry) =>
  z.strictObject({
    server: z
      .strictObject({
        host: z.string().default('127.0.0.1').describe('Address to listen on (`0.0.0.0` in a container).'),
        port: z.number().int().min(0).max(65535).default(8080).describe('Port to listen on.'),
        publicBaseUrl: z
          .url()
          .optional()
          .describe("External base URL behind a proxy, e.g. `https://scim.example.com`, used in `meta.location`; from the request's Host when unset."),
        bodyLimitBytes: z.number().int().min(1024).default(1_048_576).describe('Larger request bodies get 413.'),
        patchResponse: z
          .enum(['noContent', 'resource'])
          .default('noContent')
          .describe(
            'PATCH answers 204 (RFC 7644 §3.5.2 allows it; Entra prefers it) or 200 with the `resource`. With `attributes=` a PATCH always answers 200 with the resource.',
          ),
        metricsToken: z.string().min(16).optional().describe('When set, `/metrics` asks for this bearer token (a secret: use `metricsTokenFile` or `${ENV}`).'),
        limits: requestLimits,
        timeouts: serverTimeouts,
      })
      .default({
        host: '127.0.0.1',
        port: 8080,
        bodyLimitBytes: 1_048_576,
        patchResponse: 'noContent',
        limits: DEFAULT_REQUEST_LIMITS,
        timeouts: DEFAULT_SERVER_TIMEOUTS,
      })
      .describe('The HTTP listener.'),
    store: z
      .discriminatedUnion('type', [sqliteStore, postgresStore])
      .default({ type: 'sqlite', path: './data/scim-bridge.db' })
      .describe('The embedded default, SQLite in a file; or PostgreSQL, which several replicas share (migrated at start-up).'),
    rateLimit: z
      .strictObject({
        max: z.number().int().min(1).default(1200).describe('Requests per IdP credential per window; over it: 429 with an integer `Retry-After`.'),
        timeWindowMs: z.number().int().min(1000).default(60_000).describe('The rate-limit window.'),
      })
      .default({ max: 1200, timeWindowMs: 60_000 })
      .describe('Per-credential rate limit of SCIM requests.'),
    redis: z
      .strictObject({
        url: redisUrl.describe(
          'Redis URL, `redis://[[user]:password@]host[:port][/db]` or `rediss://` for TLS, or a Unix socket path (may hold a password: use `urlFile` or `${REDIS_URL}`). A malformed one is refused at start-up without being quoted.',
        ),
        keyPrefix: z.string().default('scim-bridge:').describe('Prefix of every key the bridge writes.'),
      })
      .optional()
      .describe("Shared state for several replicas: per-credential rate limits and upstream budgets (ZIA's hourly limits)."),
    adminTokens: z
      .array(idpToken)
      .min(1)
      .optional()
      .describe(
        'Operator tokens for the admin API (`GET /admin/audit`) and the admin console (`/admin`), by hash as for `idpTokens` (`scim-bridge token create`). An IdP token never opens them; without any admin token neither is exposed (404).',
      ),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level (`LOG_LEVEL` overrides).'),
    tenants: z.array(tenantSchemaOf(registry)).min(1).describe('The tenants this process serves, each with its own tokens, upstream and state.'),
  });

/** The configuration of the bridge as it ships (src/registry.ts's `REGISTRY`). */
export const configSchema = configSchemaOf(REGISTRY);
/** The tenant `upstream` block of the bridge as it ships. */
export const upstreamConfigSchema = REGISTRY.upstreamConfigSchema;

export type BridgeConfig = z.infer<typeof configSchema>;
export type TenantConfig = BridgeConfig['tenants'][number];
