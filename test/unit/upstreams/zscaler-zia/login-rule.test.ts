import { describe, expect, it } from 'vitest';
import { USER_SCHEMA, type ScimUser } from '../../../../src/scim/resource.js';
import { loginOf, sameLogin, type LoginRule } from '../../../../src/upstreams/zscaler-zia/login-rule.js';
import { zscalerZiaConfigSchema } from '../../../../src/upstreams/zscaler-zia/zscaler-zia-config.js';

const user = (userName: string, emails: ScimUser['emails'] = []): ScimUser => ({ schemas: [USER_SCHEMA], userName, emails });
const carolEmails = [
  { value: 'not an address', primary: true },
  { value: 'carol@home.org', type: 'home' },
  { value: 'carol@example.com', type: 'work' },
];

describe('ZIA login rules (login.from)', () => {
  const rule = (from: LoginRule['from'], domain?: string): LoginRule => ({ from, ...(domain ? { domain } : {}) });

  it('userNameOrEmail: the userName when it is an address, else the primary, work, then first email that is one', () => {
    expect(loginOf(user('Carol.Smith@Example.COM', carolEmails), rule('userNameOrEmail'))).toEqual({ value: 'Carol.Smith@Example.COM', carrier: 'userName' });
    expect(loginOf(user('carol', carolEmails), rule('userNameOrEmail'))).toEqual({ value: 'carol@example.com', carrier: 'emails' });
    expect(loginOf(user('DOMAIN\\carol', [{ value: 'carol@example.com' }]), rule('userNameOrEmail'))).toEqual({
      value: 'carol@example.com',
      carrier: 'emails',
    });
    expect(loginOf(user('carol'), rule('userNameOrEmail'))).toEqual({ value: undefined, carrier: 'emails' });
  });

  it('userName: only an address', () => {
    expect(loginOf(user('carol@example.com'), rule('userName')).value).toBe('carol@example.com');
    expect(loginOf(user('carol', carolEmails), rule('userName'))).toEqual({ value: undefined, carrier: 'userName' });
  });

  it('email: the emails whatever the userName', () => {
    expect(loginOf(user('someone@else.org', carolEmails), rule('email'))).toEqual({ value: 'carol@example.com', carrier: 'emails' });
  });

  it('userNameAtDomain: the local part, after a DOMAIN\\ prefix and before any @, at the domain', () => {
    const r = rule('userNameAtDomain', 'corp.example');
    expect(loginOf(user('carol'), r).value).toBe('carol@corp.example');
    expect(loginOf(user('DOMAIN\\carol'), r).value).toBe('carol@corp.example');
    expect(loginOf(user('Carol.Smith@Example.COM'), r)).toEqual({ value: 'Carol.Smith@corp.example', carrier: 'userName' });
    expect(loginOf(user('DOMAIN\\'), r).value).toBeUndefined();
  });

  it('compares logins without regard to case', () => {
    expect(sameLogin('Carol@Example.com', 'carol@example.COM')).toBe(true);
    expect(sameLogin(undefined, undefined)).toBe(false);
  });

  it('is configured by login.from, and userNameAtDomain needs a domain', () => {
    const base = {
      type: 'zscaler-zia',
      baseUrlOverride: 'http://127.0.0.1:1/api/v1',
      deactivation: { mode: 'delete' },
      auth: { mode: 'oneapi', tokenUrl: 'http://127.0.0.1:1/t', clientId: 'c', clientSecret: 's' },
    };
    expect(zscalerZiaConfigSchema.parse(base).login).toEqual({ from: 'userNameOrEmail' });
    expect(zscalerZiaConfigSchema.parse({ ...base, login: { from: 'userNameAtDomain', domain: 'corp.example' } }).login.domain).toBe('corp.example');
    expect(() => zscalerZiaConfigSchema.parse({ ...base, login: { from: 'userNameAtDomain' } })).toThrow(/needs login.domain/);
    expect(() => zscalerZiaConfigSchema.parse({ ...base, login: { from: 'userNameAtDomain', domain: '@corp' } })).toThrow(/domain/);
    expect(() => zscalerZiaConfigSchema.parse({ ...base, login: { from: 'email', domian: 'corp.example' } })).toThrow(/domian/);
  });
});
