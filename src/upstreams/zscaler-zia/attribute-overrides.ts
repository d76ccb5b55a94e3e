import { ENTERPRISE_USER_SCHEMA } from '../../scim/resource.js';
import type { AttributeOverride, AttributeOverrides } from '../../scim/schemas/index.js';
import type { ZscalerZiaConfig } from './zscaler-zia-config.js';

const LOGIN_READ_ONLY = "ZIA's login (its user email) is read-only once the user exists";

/**
 * What ZIA makes true of the SCIM user attributes, for `/Schemas` and for PATCH (which then refuses with 400
 * `mutability`):
 * - the enterprise `department` is required: every ZIA user has exactly one, so it can be changed but not removed
 *   (a PUT that leaves it out keeps ZIA's, as RFC 7644 §3.5.1 allows);
 * - when the login is made from the userName alone (`login.from` `userName` or `userNameAtDomain`) and a change is
 *   refused (`emailChange: reject`), userName is immutable (a change of case is no change);
 * - when it is made from the emails alone (`email`), emails are required.
 * What depends on the user cannot be declared: under `userNameOrEmail` the login comes from the userName or from an
 * email, and only the email that carries it is fixed (the others are the bridge's to keep). The adapter refuses
 * those changes itself, with 400 `invalidValue` naming the attribute; the descriptions say so.
 */
export function ziaAttributeOverrides(config: Pick<ZscalerZiaConfig, 'login' | 'emailChange'>): AttributeOverrides {
  const refused = config.emailChange === 'reject';
  const change = refused
    ? 'a change that would change it is refused'
    : 'a change that would change it deletes the ZIA user and creates it again (emailChange "recreate")';
  const fromUserName = config.login.from === 'userName' || config.login.from === 'userNameAtDomain';
  const userNameText = {
    userName: `It is ZIA's login (login.from "userName"); ${LOGIN_READ_ONLY}, so ${change}.`,
    userNameAtDomain: `ZIA's login is made from it (login.from "userNameAtDomain"); ${LOGIN_READ_ONLY}, so ${change}.`,
    userNameOrEmail: `When it is an email address it is ZIA's login; ${LOGIN_READ_ONLY}, so ${change}.`,
    email: 'ZIA\'s login is made from the emails (login.from "email").',
  }[config.login.from];
  const userName: AttributeOverride = {
    description: `Unique identifier for the User, answered exactly as sent. ${userNameText}`,
    ...(fromUserName && refused ? { mutability: 'immutable' } : {}),
  };
  const emails: AttributeOverride = {
    description:
      config.login.from === 'email' || config.login.from === 'userNameOrEmail'
        ? `Email addresses. The primary (else work, else first) address is ZIA's login${config.login.from === 'userNameOrEmail' ? ' when the userName is not an address' : ''}; ${LOGIN_READ_ONLY}, so ${change}. Other addresses are kept by the bridge.`
        : "Email addresses, kept by the bridge (ZIA's login is made from the userName).",
    ...(config.login.from === 'email' ? { required: true } : {}),
  };
  return {
    userName,
    emails,
    [`${ENTERPRISE_USER_SCHEMA}:department`]: {
      required: true,
      description: 'The ZIA department of this name (it must exist in ZIA). Every ZIA user has exactly one: it can be changed, not removed.',
    },
  };
}
