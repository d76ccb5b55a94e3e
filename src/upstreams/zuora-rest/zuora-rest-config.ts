import { z } from 'zod';
import { BASE_URL_OVERRIDE_TEXT, clientCredentialsShape, transportConfigShape } from '../http/transport-config.js';

/**
 * Zuora REST data centres (docs/upstreams/zuora-rest.md §1, Zuora's OpenAPI `servers`). The base URL is a choice among these;
 * any other host needs `baseUrlOverride`, so a typo cannot send credentials somewhere unexpected.
 */
export const ZUORA_DATA_CENTRES = {
  'us-prod-cloud1': 'https://rest.na.zuora.com',
  'us-prod-cloud2': 'https://rest.zuora.com',
  'us-sandbox-cloud1': 'https://rest.sandbox.na.zuora.com',
  'us-sandbox-cloud2': 'https://rest.apisandbox.zuora.com',
  'us-central-sandbox': 'https://rest.test.zuora.com',
  'eu-prod': 'https://rest.eu.zuora.com',
  'eu-sandbox': 'https://rest.sandbox.eu.zuora.com',
  'eu-central-sandbox': 'https://rest.test.eu.zuora.com',
  'ap-prod': 'https://rest.ap.zuora.com',
  'ap-central-sandbox': 'https://rest.test.ap.zuora.com',
} as const;

export type ZuoraDataCentre = keyof typeof ZUORA_DATA_CENTRES;

const profileMapping = z
  .strictObject({
    roles: z.record(z.string(), z.string()).default({}).describe('SCIM role value → Zuora profile name or id.'),
    groups: z.record(z.string(), z.string()).default({}).describe('SCIM group displayName → Zuora profile name or id.'),
    precedence: z.array(z.string()).default([]).describe('Profile names or ids, strongest first: which one wins when several roles or groups match.'),
    default: z
      .string()
      .min(1)
      .describe(
        'Profile name or id a user the bridge creates gets when no role or group matches, and a user gets when it loses its last mapped role or group. A user with no mapped input otherwise keeps the profile Zuora holds.',
      ),
  })
  .describe('Which Zuora profile a user holds; every Zuora user holds exactly one.');

/** The tenant `upstream` block of `type: "zuora-rest"`; each key's `.describe()` is its configuration reference text. */
export const zuoraRestConfigSchema = z
  .strictObject({
    type: z.literal('zuora-rest'),
    dataCentre: z
      .enum(Object.keys(ZUORA_DATA_CENTRES) as [ZuoraDataCentre, ...ZuoraDataCentre[]])
      .optional()
      .describe('The Zuora REST data centre (docs/upstreams/zuora-rest.md §1): picks the base URL. Set this or `baseUrlOverride`.'),
    baseUrlOverride: z.url().optional().describe(BASE_URL_OVERRIDE_TEXT),
    ...clientCredentialsShape,
    entityId: z.string().optional().describe('Multi-entity tenants only (docs/upstreams/zuora-oneid.md §2): sent as `Zuora-Entity-Ids`.'),
    // The guide's paths (seed 000).
    paths: z
      .strictObject({
        token: z.string().default('/oauth/token').describe('OAuth token endpoint (cached and refreshed before expiry).'),
        users: z.string().default('/v1/users').describe('Users endpoint.'),
        profiles: z.string().default('/v1/user-profiles').describe('User-profiles endpoint.'),
      })
      .default({ token: '/oauth/token', users: '/v1/users', profiles: '/v1/user-profiles' })
      .describe(
        "The user-management paths. Zuora's public OpenAPI does not document them (docs/upstreams/zuora-rest.md §0), so they can be moved without a code change.",
      ),
    deleteMode: z
      .enum(['deactivate', 'delete'])
      .default('deactivate')
      .describe("What an IdP's DELETE does upstream: `deactivate` (status Inactive, history kept) or `delete` (irreversible)."),
    profiles: profileMapping,
    pageSize: z.number().int().min(1).max(40).default(40).describe("Page size when reading every user (the API's maximum is 40)."),
    ...transportConfigShape,
  })
  .refine((c) => c.dataCentre !== undefined || c.baseUrlOverride !== undefined, {
    message: 'set dataCentre (one of the Zuora data centres) or baseUrlOverride',
    path: ['dataCentre'],
  });

export type ZuoraRestConfig = z.infer<typeof zuoraRestConfigSchema>;
export type ZuoraProfileMapping = z.infer<typeof profileMapping>;

export const zuoraRestBaseUrl = (c: ZuoraRestConfig): string => (c.baseUrlOverride ?? ZUORA_DATA_CENTRES[c.dataCentre as ZuoraDataCentre]).replace(/\/+$/, '');
