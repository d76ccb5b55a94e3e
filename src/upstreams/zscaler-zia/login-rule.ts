import type { ScimUser } from '../../scim/resource.js';
import type { ZscalerZiaConfig } from './zscaler-zia-config.js';

/**
 * ZIA's login (its user `email`, "User ID / Login ID" in the admin portal) must be an address, is unique, and is
 * read-only once the user exists (ZIA API guide, User Management: https://help.zscaler.com/zia/user-management).
 * IdPs send a userName that may be anything (`carol`, `DOMAIN\carol`, an address), so the login is made from the
 * SCIM user by a configured rule (`login.from`); the bridge keeps and answers the userName exactly as the IdP sent it.
 *
 * - `userNameOrEmail` (default): the userName when it is an address, else the primary (then work, then first) email
 *   that is an address;
 * - `userName`: the userName, which must be an address;
 * - `email`: the primary (then work, then first) email that is an address, whatever the userName;
 * - `userNameAtDomain`: the userName's local part (after any `DOMAIN\` prefix, before any `@`) at `login.domain`.
 */
export type LoginRule = ZscalerZiaConfig['login'];

/** The SCIM attribute a login was made from: the one whose change would change ZIA's login. */
export type LoginCarrier = 'userName' | 'emails';

export interface Login {
  /** Undefined when the rule finds nothing to make a login from. */
  value: string | undefined;
  carrier: LoginCarrier;
}

const ADDRESS = /^[^@\s]+@[^@\s]+$/;
export const isAddress = (s: unknown): s is string => typeof s === 'string' && ADDRESS.test(s);

/** The primary (then work, then first) email that is an address: IdPs may send placeholders beside real ones. */
export function primaryAddress(u: ScimUser): string | undefined {
  const emails = u.emails ?? [];
  const ranked = [...emails.filter((e) => e.primary === true), ...emails.filter((e) => e.type === 'work'), ...emails];
  return ranked.map((e) => e.value).find(isAddress);
}

/** `DOMAIN\carol` → `carol`; `carol@example.com` → `carol`. */
function localPart(userName: string): string | undefined {
  const afterDomain = userName.slice(userName.lastIndexOf('\\') + 1);
  const at = afterDomain.indexOf('@');
  const local = (at >= 0 ? afterDomain.slice(0, at) : afterDomain).trim();
  return local !== '' && !/[\s@]/.test(local) ? local : undefined;
}

export function loginOf(u: ScimUser, rule: LoginRule): Login {
  const userName = typeof u.userName === 'string' ? u.userName : '';
  switch (rule.from) {
    case 'userName':
      return { value: isAddress(userName) ? userName : undefined, carrier: 'userName' };
    case 'email':
      return { value: primaryAddress(u), carrier: 'emails' };
    case 'userNameAtDomain': {
      const local = localPart(userName);
      return { value: local && rule.domain ? `${local}@${rule.domain}` : undefined, carrier: 'userName' };
    }
    case 'userNameOrEmail':
      return isAddress(userName) ? { value: userName, carrier: 'userName' } : { value: primaryAddress(u), carrier: 'emails' };
  }
}

/** ZIA compares logins without regard to case (a change of case is no change: ZIA refuses it, and needs none). */
export const sameLogin = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/** What the IdP must send for the rule to find a login, for error messages. */
export function loginRequirement(rule: LoginRule): string {
  switch (rule.from) {
    case 'userName':
      return 'a userName that is an email address (login.from is "userName")';
    case 'email':
      return 'an email address in emails (login.from is "email")';
    case 'userNameAtDomain':
      return `a userName with a local part to put before @${rule.domain ?? '<login.domain>'}`;
    case 'userNameOrEmail':
      return 'a userName that is an email address, or an email address in emails';
  }
}
