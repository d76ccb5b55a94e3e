import type { AttributeOverrides } from '../../scim/schemas/index.js';
import { USER_EXTENSION } from './oneid-wire.js';

/*
 * What OneID makes true of the User attributes the bridge serves, so that `/Schemas` says it and PATCH refuses (400
 * mutability) what OneID could not do instead of answering 204 and dropping it. OneID always holds a value for each of
 * these (createAUser marks name, active, emails, preferredLanguage and locale required; OneID derives the formatted
 * name and the displayName, and keeps `ssoEnabled` true by default). They are not `required`: a create may leave them
 * out (the bridge fills them), and a PUT without them keeps OneID's value.
 */
const KEEPS_VALUE = 'A PUT without it keeps the value OneID holds; PATCH cannot remove it.';

export const oneIdUserAttributeOverrides: AttributeOverrides = {
  name: {
    removable: false,
    description: `Zuora OneID requires a name. When a create sends none, the given and family names are split from the formatted name, the displayName or the userName's local part. ${KEEPS_VALUE} Its parts are written as sent.`,
  },
  'name.formatted': {
    removable: false,
    description: `The full name. Zuora OneID derives it from the given and family names when none is sent. ${KEEPS_VALUE}`,
  },
  displayName: {
    removable: false,
    description: `Zuora OneID shows the formatted name when none is sent. ${KEEPS_VALUE}`,
  },
  preferredLanguage: {
    removable: false,
    description: `Zuora OneID requires it; a create without it gets the tenant's configured language. ${KEEPS_VALUE}`,
  },
  locale: {
    removable: false,
    description: `Zuora OneID requires it; a create without it gets the tenant's configured locale. ${KEEPS_VALUE}`,
  },
  active: {
    removable: false,
    description: `Zuora OneID holds every user as active or deactivated. ${KEEPS_VALUE}`,
  },
  emails: {
    removable: false,
    description: `Zuora OneID requires one email address: the primary address, else a work one, else the first (the userName when it is an address and no email is). The others are kept by the bridge. ${KEEPS_VALUE}`,
  },
  password: {
    mutability: 'readOnly',
    description: 'Zuora OneID users sign in through SSO or set their password from OneID’s activation email; the bridge sets none.',
  },
  [`${USER_EXTENSION}:ssoEnabled`]: {
    removable: false,
    description: `Whether the user signs in through SSO with its federated id (externalId); OneID's default is true. ${KEEPS_VALUE}`,
  },
};
