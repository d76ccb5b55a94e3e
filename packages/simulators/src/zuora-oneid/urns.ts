/** Schema and message URNs used by Zuora OneID SCIM (docs/upstreams/zuora-oneid.md §3, §4; RFC 7643 §8.7, RFC 7644 §3). */
export const URN = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  userExtension: 'urn:zuora:scim:schemas:1.0:UserExtension',
  groupExtension: 'urn:zuora:scim:schemas:1.0:GroupExtension',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
} as const;

/** Where the SCIM API lives on `one.zuora.com`. */
export const SCIM_PREFIX = '/scim/v2';
/** The OneID token endpoint (`https://one.zuora.com/oauth2/token`, docs/upstreams/zuora-oneid.md §1). */
export const TOKEN_PATH = '/oauth2/token';
/** The simulator's own control surface (shared by every simulator); not part of any Zuora API. */
export { CONTROL_PREFIX } from '../control-routes.js';
