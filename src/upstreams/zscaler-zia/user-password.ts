import { randomInt } from 'node:crypto';
import type { ZscalerZiaConfig } from './zscaler-zia-config.js';

const CLASSES = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#$%*+-=?@_'] as const;
const LENGTH = 24;

/**
 * A strong password for a hosted-database user (ZIA requires one on create, docs/upstreams/zscaler-zia.md §4, "password strength
 * must follow what is defined in the auth settings"): 24 characters from a CSPRNG with every character class, so
 * the strictest ZIA policy accepts it. Users sign in through the IdP; nobody needs to know it.
 */
export function generateUserPassword(): string {
  const all = CLASSES.join('');
  const chars = [...CLASSES.map((c) => c.charAt(randomInt(c.length)))];
  while (chars.length < LENGTH) chars.push(all.charAt(randomInt(all.length)));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}

/** The password a new user gets: the configured one, or a fresh generated one. */
export const passwordFor = (c: Pick<ZscalerZiaConfig, 'userPassword'>): string =>
  c.userPassword.mode === 'fixed' && c.userPassword.value ? c.userPassword.value : generateUserPassword();
