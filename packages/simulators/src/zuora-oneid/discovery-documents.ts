import { URN } from './urns.js';

/**
 * `GET /ServiceProviderConfig` as documented (gettheserviceproviderconfig): patch and bulk supported (bulk 1000
 * operations, payload 10000), filter with maxResults 100, no changePassword/sort/etag, and the two OAuth schemes.
 */
export function serviceProviderConfig(base: string, bulkMaxOperations: number): Record<string, unknown> {
  return {
    schemas: [URN.serviceProviderConfig],
    patch: { supported: true },
    bulk: { supported: true, maxOperations: bulkMaxOperations, maxPayloadSize: 10000 },
    filter: { supported: true, maxResults: 100 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        name: 'Client Credentials',
        description: 'The client credentials can be used as an authorization grant when the client is acting on its own behalf.\n',
        specUri: 'https://www.rfc-editor.org/rfc/rfc6749#section-4.4',
        type: 'oauth2',
        primary: true,
      },
      {
        name: 'Authorization Grant',
        description: "An authorization grant is a credential representing the resource owner's authorization.\n",
        specUri: 'https://www.rfc-editor.org/rfc/rfc6749#section-4.1',
        type: 'oauth2',
        primary: false,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  };
}

const RESOURCE_TYPES = [
  { id: 'User', name: 'User', description: 'SCIM 2.0 User', endpoint: '/v2/Users', schema: URN.user, extension: URN.userExtension },
  { id: 'Group', name: 'Group', description: 'SCIM 2.0 Group', endpoint: '/v2/Groups', schema: URN.group, extension: URN.groupExtension },
] as const;

export const RESOURCE_TYPE_IDS: readonly string[] = RESOURCE_TYPES.map((t) => t.id);

/**
 * A ResourceType as documented (getaspecificresourcetype): note `endpoint:"/v2/Users"` (not `/Users`) and the
 * extension marked `required:true`.
 */
export function resourceTypeDocument(id: string, base: string): Record<string, unknown> | undefined {
  const type = RESOURCE_TYPES.find((t) => t.id === id);
  if (!type) return undefined;
  return {
    schemas: [URN.resourceType],
    id: type.id,
    name: type.name,
    description: type.description,
    endpoint: type.endpoint,
    schema: type.schema,
    schemaExtensions: [{ schema: type.extension, required: true }],
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/${type.id}` },
  };
}
