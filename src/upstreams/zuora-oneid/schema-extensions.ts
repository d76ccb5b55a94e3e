import { bool, str, type SchemaDefinition } from '../../scim/schemas/index.js';
import { GROUP_EXTENSION, USER_EXTENSION } from './oneid-wire.js';

/**
 * Zuora's UserExtension (docs/upstreams/zuora-oneid.md §4; `GET /Schemas/urn:zuora:scim:schemas:1.0:UserExtension`). For IdPs the
 * bridge serves `organizationId` as read-only: it fills it from the tenant's config on every write.
 */
export const oneIdUserExtension: SchemaDefinition = {
  id: USER_EXTENSION,
  name: 'UserExtension',
  description: 'Zuora OneID user extension',
  attributes: [
    str('organizationId', { mutability: 'readOnly', caseExact: true, description: 'The OneID organization; filled by the bridge' }),
    str('status', { mutability: 'readOnly', canonicalValues: ['ACTIVE', 'INACTIVE', 'PENDING_ACTIVATION'], description: 'OneID account status' }),
    bool('ssoEnabled', { description: 'Whether the user signs in through SSO with its federated id (externalId)' }),
    str('region', { mutability: 'readOnly', canonicalValues: ['US', 'EU'], description: 'Data region of the organization' }),
  ],
};

/** Zuora's GroupExtension (docs/upstreams/zuora-oneid.md §4): `{description, organizationId, active}`. */
export const oneIdGroupExtension: SchemaDefinition = {
  id: GROUP_EXTENSION,
  name: 'GroupExtension',
  description: 'Zuora OneID group extension',
  attributes: [
    str('description', { description: 'What the group is for' }),
    str('organizationId', { mutability: 'readOnly', caseExact: true, description: 'The OneID organization; filled by the bridge' }),
    bool('active', { mutability: 'readOnly', description: 'false once OneID has removed the group' }),
  ],
};
