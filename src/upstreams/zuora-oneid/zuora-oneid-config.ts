import { z } from 'zod';
import { transportConfigShape } from '../http/transport-config.js';

/** OneID's production host (docs/upstreams/zuora-oneid.md §1); the staging host `https://one.stg.na.zuora.com` also appears there. */
export const ONEID_PRODUCTION_BASE_URL = 'https://one.zuora.com';

const caseInsensitiveNames = z.array(z.string().min(1)).default([]);

export const zuoraOneIdConfigSchema = z.strictObject({
  type: z.literal('zuora-oneid'),
  /** Host of the token endpoint (`{baseUrl}/oauth2/token`) and of SCIM (`{baseUrl}/scim/v2`). */
  baseUrl: z.url().default(ONEID_PRODUCTION_BASE_URL),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** The OneID organization: the UserExtension/GroupExtension `organizationId` every write must carry (docs/upstreams/zuora-oneid.md §4). */
  organizationId: z.string().min(1),
  /** Multi-entity tokens valid for more than one entity only (docs/upstreams/zuora-oneid.md §2): sent as `Zuora-Entity-Ids`. */
  entityId: z.string().min(1).optional(),
  /** Filled when the IdP sends none: OneID requires both on create (createAUser). */
  preferredLanguage: z.string().min(1).default('en'),
  locale: z.string().min(1).default('en-US'),
  /** IdP role values that make a user a OneID `ADMIN` (Organization Admin); compared case-insensitively. */
  adminRoles: caseInsensitiveNames,
  /** IdP group display names whose members are OneID `ADMIN`s; compared case-insensitively. */
  adminGroups: caseInsensitiveNames,
  /** The OneID `externalId` (the federated id SSO users log in with): the IdP's externalId (else the userName), or always the userName. */
  externalIdSource: z.enum(['idp', 'userName']).default('idp'),
  /** How OneID reads `startIndex` on `GET /Groups`: a page number as documented (getListGroups), or the RFC item index. */
  groupsStartIndex: z.enum(['page', 'item']).default('page'),
  /** Users per list page (OneID honours up to 1000). */
  usersPageSize: z.number().int().min(1).max(1000).default(100),
  /** Groups per list page (OneID: default 10, max 100). */
  groupsPageSize: z.number().int().min(1).max(100).default(100),
  /** Request bodies over this many bytes are gzipped (OneID compresses responses over 1000 bytes, docs/upstreams/zuora-oneid.md §2). */
  compressRequestsOverBytes: z.number().int().min(0).default(1000),
  /** Wait before asking again when OneID says a request with the same Idempotency-Key is still in flight (409). */
  inFlightRetryMs: z.number().int().min(0).default(1000),
  ...transportConfigShape,
});

export type ZuoraOneIdConfig = z.infer<typeof zuoraOneIdConfigSchema>;

export const oneIdBaseUrl = (c: Pick<ZuoraOneIdConfig, 'baseUrl'>): string => c.baseUrl.replace(/\/+$/, '');
