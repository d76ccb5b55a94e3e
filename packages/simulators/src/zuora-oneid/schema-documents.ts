import { URN } from './urns.js';

/*
 * The four Schema resources of `GET /Schemas` (getSchemaOfScim: `totalResults:4`; gettheschemaofspecificscim names
 * their ids). Attribute definitions follow RFC 7643 §7 and the samples (`userName` required, caseExact false,
 * uniqueness server; `addresses` is listed although OneID keeps no address). Descriptions of the Zuora extension
 * attributes are [INF].
 */

type Attribute = Record<string, unknown>;

function attr(name: string, type: string, description: string, extra: Partial<Attribute> = {}): Attribute {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: type === 'boolean',
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...extra,
  };
}

const complex = (name: string, description: string, subAttributes: Attribute[], extra: Partial<Attribute> = {}) =>
  attr(name, 'complex', description, { subAttributes, multiValued: true, caseExact: true, ...extra });

const TYPE = attr('type', 'string', "A label indicating the attribute's function; e.g., 'work' or 'home'.", {
  canonicalValues: ['other', 'work', 'home'],
});
const PRIMARY = attr('primary', 'boolean', "A Boolean value indicating the 'primary' or preferred attribute value.");

const USER_ATTRIBUTES: Attribute[] = [
  attr('userName', 'string', "User's username", { required: true, returned: 'always', uniqueness: 'server' }),
  complex(
    'name',
    "The components of the user's name.",
    ['formatted', 'familyName', 'givenName'].map((n) => attr(n, 'string', `The ${n} name component.`)),
    { multiValued: false },
  ),
  attr('displayName', 'string', "User's display name"),
  attr('preferredLanguage', 'string', "User's preferred language.", { required: true }),
  attr('locale', 'string', "User's locale.", { required: true }),
  attr('active', 'boolean', "A Boolean value indicating the User's administrative status.", { required: true }),
  complex(
    'emails',
    'E-mail addresses for the user.',
    [attr('value', 'string', 'The e-mail address.'), attr('display', 'string', 'A human readable name.'), TYPE, PRIMARY],
    { required: true },
  ),
  complex(
    'addresses',
    'Physical mailing addresses for this User.',
    ['country', 'formatted', 'locality', 'postalCode', 'region', 'streetAddress'].map((n) => attr(n, 'string', `The ${n} component.`)).concat([PRIMARY, TYPE]),
  ),
  complex(
    'groups',
    'Groups the user belongs to.',
    [attr('value', 'string', 'The group id.', { mutability: 'readOnly' }), attr('display', 'string', 'The group name.', { mutability: 'readOnly' })],
    { mutability: 'readOnly' },
  ),
  complex(
    'roles',
    'Roles assigned to the user: ADMIN or USER.',
    [attr('value', 'string', 'ADMIN or USER.', { canonicalValues: ['ADMIN', 'USER'] }), attr('display', 'string', 'The role name.')],
    { required: true },
  ),
];

const GROUP_ATTRIBUTES: Attribute[] = [
  attr('displayName', 'string', 'Name of the group.', { required: true }),
  complex('members', 'Users in the group.', [
    attr('value', 'string', 'The user id.', { mutability: 'immutable' }),
    attr('display', 'string', 'The user name.', { mutability: 'readOnly' }),
  ]),
];

const USER_EXTENSION_ATTRIBUTES: Attribute[] = [
  attr('organizationId', 'string', 'The OneID organization of the user.', { required: true, caseExact: true, mutability: 'immutable' }),
  attr('status', 'string', 'ACTIVE, INACTIVE or PENDING_ACTIVATION.', {
    mutability: 'readOnly',
    canonicalValues: ['ACTIVE', 'INACTIVE', 'PENDING_ACTIVATION'],
  }),
  attr('ssoEnabled', 'boolean', 'Whether the user signs in through SSO.'),
  attr('region', 'string', 'The region of the organization: US or EU.', { mutability: 'readOnly' }),
];

const GROUP_EXTENSION_ATTRIBUTES: Attribute[] = [
  attr('description', 'string', 'Description of the group.'),
  attr('organizationId', 'string', 'The OneID organization of the group.', { required: true, caseExact: true, mutability: 'immutable' }),
  attr('active', 'boolean', 'Whether the group exists.', { mutability: 'readOnly' }),
];

const SCHEMAS: ReadonlyArray<{ id: string; name: string; description: string; attributes: Attribute[] }> = [
  { id: URN.user, name: 'User', description: 'User Account', attributes: USER_ATTRIBUTES },
  { id: URN.group, name: 'Group', description: 'Group', attributes: GROUP_ATTRIBUTES },
  { id: URN.userExtension, name: 'UserExtension', description: 'Zuora OneID user extension', attributes: USER_EXTENSION_ATTRIBUTES },
  { id: URN.groupExtension, name: 'GroupExtension', description: 'Zuora OneID group extension', attributes: GROUP_EXTENSION_ATTRIBUTES },
];

export const SCHEMA_IDS: readonly string[] = SCHEMAS.map((s) => s.id);

/** One Schema resource, `meta.location` under `base` (e.g. `http://host/scim/v2`); `undefined` for an unknown id. */
export function schemaDocument(id: string, base: string): Record<string, unknown> | undefined {
  const schema = SCHEMAS.find((s) => s.id === id);
  if (!schema) return undefined;
  return { schemas: [URN.schema], ...structuredClone(schema), meta: { resourceType: 'Schema', location: `${base}/Schemas/${schema.id}` } };
}
