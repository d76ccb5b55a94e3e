import { z } from 'zod';
import { clientCredentialsShape, transportConfigShape } from '../http/transport-config.js';

/** OneID's production host (docs/upstreams/zuora-oneid.md §1); the staging host `https://one.stg.na.zuora.com` also appears there. */
export const ONEID_PRODUCTION_BASE_URL = 'https://one.zuora.com';

const caseInsensitiveNames = z.array(z.string().min(1)).default([]);

/** The tenant `upstream` block of `type: "zuora-oneid"`; each key's `.describe()` is its configuration reference text. */
export const zuoraOneIdConfigSchema = z.strictObject({
  type: z.literal('zuora-oneid'),
  baseUrl: z
    .url()
    .default(ONEID_PRODUCTION_BASE_URL)
    .describe('Host of the token endpoint (`{baseUrl}/oauth2/token`, `admin` scope) and of SCIM (`{baseUrl}/scim/v2`); e.g. `https://one.stg.na.zuora.com`.'),
  ...clientCredentialsShape,
  organizationId: z
    .string()
    .min(1)
    .describe('The OneID organization: the UserExtension/GroupExtension `organizationId` every write carries (docs/upstreams/zuora-oneid.md §4).'),
  entityId: z
    .string()
    .min(1)
    .optional()
    .describe('Multi-entity tokens valid for more than one entity only (docs/upstreams/zuora-oneid.md §2): sent as `Zuora-Entity-Ids`.'),
  // OneID requires both on create (createAUser).
  preferredLanguage: z.string().min(1).default('en').describe('Filled when the IdP sends none: OneID requires it on create.'),
  locale: z.string().min(1).default('en-US').describe('Filled when the IdP sends none: OneID requires it on create.'),
  adminRoles: caseInsensitiveNames.describe(
    'IdP role values that make a user a OneID `ADMIN`; compared case-insensitively. A user with no admin role or group keeps the role OneID holds; a new user, or one losing its last admin role or group, is `USER`.',
  ),
  adminGroups: caseInsensitiveNames.describe('IdP group display names whose members are OneID `ADMIN`s; compared case-insensitively.'),
  externalIdSource: z
    .enum(['idp', 'userName'])
    .default('idp')
    .describe("The OneID `externalId` (the federated id SSO users log in with): the IdP's externalId, else the userName (`idp`); or always the `userName`."),
  groupsStartIndex: z
    .enum(['page', 'item'])
    .default('page')
    .describe('How OneID reads `startIndex` on `GET /Groups`: a `page` number as documented (getListGroups), or the RFC `item` index.'),
  usersPageSize: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .describe('Users per list page when the reconciler reads everything (OneID honours up to 1000).'),
  groupsPageSize: z.number().int().min(1).max(100).default(100).describe('Groups per list page (OneID: default 10, max 100).'),
  // OneID compresses responses over 1000 bytes.
  compressRequestsOverBytes: z
    .number()
    .int()
    .min(0)
    .default(1000)
    .describe('Request bodies over this many bytes are sent gzipped (docs/upstreams/zuora-oneid.md §2).'),
  inFlightRetryMs: z
    .number()
    .int()
    .min(0)
    .default(1000)
    .describe('Wait before asking again when OneID answers 409: a request with the same Idempotency-Key is still in flight.'),
  ...transportConfigShape,
});

export type ZuoraOneIdConfig = z.infer<typeof zuoraOneIdConfigSchema>;

export const oneIdBaseUrl = (c: Pick<ZuoraOneIdConfig, 'baseUrl'>): string => c.baseUrl.replace(/\/+$/, '');
