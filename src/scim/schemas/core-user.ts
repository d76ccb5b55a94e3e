import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../resource.js';
import { bool, complex, multiValued, ref, str, type SchemaDefinition } from './attribute.js';

/** RFC 7643 §4.1: the core User schema, every attribute the RFC defines. */
export const coreUserSchema: SchemaDefinition = {
  id: USER_SCHEMA,
  name: 'User',
  description: 'User Account',
  attributes: [
    str('userName', { required: true, uniqueness: 'server', description: 'Unique identifier for the User. REQUIRED.' }),
    complex('name', [str('formatted'), str('familyName'), str('givenName'), str('middleName'), str('honorificPrefix'), str('honorificSuffix')], {
      description: "The components of the user's real name.",
    }),
    str('displayName'),
    str('nickName'),
    ref('profileUrl', ['external']),
    str('title'),
    str('userType'),
    str('preferredLanguage'),
    str('locale'),
    str('timezone'),
    bool('active'),
    str('password', { mutability: 'writeOnly', returned: 'never', description: 'Write-only; never returned.' }),
    multiValued('emails', { types: ['work', 'home', 'other'] }),
    multiValued('phoneNumbers', { types: ['work', 'home', 'mobile', 'fax', 'pager', 'other'] }),
    multiValued('ims', { types: ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'] }),
    multiValued('photos', { types: ['photo', 'thumbnail'], valueRef: ['external'] }),
    complex(
      'addresses',
      [
        str('formatted'),
        str('streetAddress'),
        str('locality'),
        str('region'),
        str('postalCode'),
        str('country'),
        str('type', { canonicalValues: ['work', 'home', 'other'] }),
        bool('primary'),
      ],
      { multiValued: true },
    ),
    complex(
      'groups',
      [
        str('value', { mutability: 'readOnly' }),
        ref('$ref', ['User', 'Group'], { mutability: 'readOnly' }),
        str('display', { mutability: 'readOnly' }),
        str('type', { canonicalValues: ['direct', 'indirect'], mutability: 'readOnly' }),
      ],
      { multiValued: true, mutability: 'readOnly', description: 'Groups the user belongs to; managed through /Groups.' },
    ),
    multiValued('entitlements'),
    multiValued('roles'),
    multiValued('x509Certificates', { valueType: 'binary' }),
  ],
};

/** RFC 7643 §4.3: the enterprise User extension. */
export const enterpriseUserSchema: SchemaDefinition = {
  id: ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    str('employeeNumber'),
    str('costCenter'),
    str('organization'),
    str('division'),
    str('department'),
    complex('manager', [str('value'), ref('$ref', ['User']), str('displayName', { mutability: 'readOnly' })]),
  ],
};
