import type { JsonObject } from './resource.js';
import type { AttributeDefinition, ResourceSchema, SchemaDefinition } from './schemas/index.js';

/** Discovery documents (RFC 7644 §4, RFC 7643 §5–§7), rendered from the schema definitions the bridge enforces. */

export const SERVICE_PROVIDER_CONFIG_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
export const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

export interface ServiceProviderFeatures {
  maxResults: number;
  maxPayloadBytes: number;
  documentationUri?: string;
}

export function serviceProviderConfig(baseUrl: string, f: ServiceProviderFeatures): JsonObject {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    ...(f.documentationUri ? { documentationUri: f.documentationUri } : {}),
    patch: { supported: true },
    // Bulk (RFC 7644 §3.7) is not offered: no IdP in scope uses it, and upstream writes are the scarce resource.
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: f.maxResults },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'Authentication with a bearer token issued to the identity provider by the bridge operator',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceType(baseUrl: string, rs: ResourceSchema): JsonObject {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: rs.resourceType,
    name: rs.resourceType,
    endpoint: rs.endpoint,
    description: rs.resourceType === 'User' ? 'User Account' : 'Group',
    schema: rs.core.id,
    schemaExtensions: rs.extensions.map((e) => ({ schema: e.schema.id, required: e.required })),
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${rs.resourceType}` },
  };
}

const renderAttribute = (a: AttributeDefinition): JsonObject => {
  const out: JsonObject = {
    name: a.name,
    type: a.type,
    multiValued: a.multiValued,
    description: a.description,
    required: a.required,
    caseExact: a.caseExact,
    mutability: a.mutability,
    returned: a.returned,
    uniqueness: a.uniqueness,
  };
  if (a.canonicalValues) out.canonicalValues = a.canonicalValues;
  if (a.referenceTypes) out.referenceTypes = a.referenceTypes;
  if (a.subAttributes) out.subAttributes = a.subAttributes.map(renderAttribute);
  return out;
};

export function schemaDocument(baseUrl: string, s: SchemaDefinition): JsonObject {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: s.id,
    name: s.name,
    description: s.description,
    attributes: s.attributes.map(renderAttribute),
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${s.id}` },
  };
}

/** Every schema of the given resource types, each once, core schemas first. */
export function allSchemas(resourceSchemas: ResourceSchema[]): SchemaDefinition[] {
  const seen = new Map<string, SchemaDefinition>();
  for (const rs of resourceSchemas) seen.set(rs.core.id, rs.core);
  for (const rs of resourceSchemas) for (const e of rs.extensions) seen.set(e.schema.id, e.schema);
  return [...seen.values()];
}
