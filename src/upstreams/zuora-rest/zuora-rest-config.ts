import { z } from 'zod';
import { transportConfigShape } from '../http/transport-config.js';

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

const profileMapping = z.strictObject({
  /** SCIM role value → Zuora profile name or id. */
  roles: z.record(z.string(), z.string()).default({}),
  /** SCIM group displayName → Zuora profile name or id. */
  groups: z.record(z.string(), z.string()).default({}),
  /** Profile names or ids, strongest first: which one wins when several roles/groups match. */
  precedence: z.array(z.string()).default([]),
  /** Profile name or id a user gets when nothing matches. Every Zuora user must hold exactly one profile. */
  default: z.string().min(1),
});

export const zuoraRestConfigSchema = z
  .strictObject({
    type: z.literal('zuora-rest'),
    dataCentre: z.enum(Object.keys(ZUORA_DATA_CENTRES) as [ZuoraDataCentre, ...ZuoraDataCentre[]]).optional(),
    /** Any other base URL (the sandbox simulator, a proxy). Explicit by design. */
    baseUrlOverride: z.url().optional(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    /** Multi-entity tenants only (docs/upstreams/zuora-oneid.md §2): sent as `Zuora-Entity-Ids`. */
    entityId: z.string().optional(),
    /**
     * The guide's paths (seed 000); Zuora's public OpenAPI does not document them (docs/upstreams/zuora-rest.md §0), so they can
     * be moved without a code change.
     */
    paths: z
      .strictObject({
        token: z.string().default('/oauth/token'),
        users: z.string().default('/v1/users'),
        profiles: z.string().default('/v1/user-profiles'),
      })
      .default({ token: '/oauth/token', users: '/v1/users', profiles: '/v1/user-profiles' }),
    /** DELETE from the IdP: deactivate (status Inactive, history kept; default) or delete irreversibly. */
    deleteMode: z.enum(['deactivate', 'delete']).default('deactivate'),
    profiles: profileMapping,
    /** Page size for reading every user (the API's maximum is 40). */
    pageSize: z.number().int().min(1).max(40).default(40),
    ...transportConfigShape,
  })
  .refine((c) => c.dataCentre !== undefined || c.baseUrlOverride !== undefined, {
    message: 'set dataCentre (one of the Zuora data centres) or baseUrlOverride',
    path: ['dataCentre'],
  });

export type ZuoraRestConfig = z.infer<typeof zuoraRestConfigSchema>;
export type ZuoraProfileMapping = z.infer<typeof profileMapping>;

export const zuoraRestBaseUrl = (c: ZuoraRestConfig): string =>
  (c.baseUrlOverride ?? ZUORA_DATA_CENTRES[c.dataCentre as ZuoraDataCentre]).replace(/\/+$/, '');
