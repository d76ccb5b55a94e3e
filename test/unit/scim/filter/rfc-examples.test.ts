import { describe, expect, it } from 'vitest';
import { matchesFilter, parseFilter } from '../../../../src/scim/filter/index.js';
import type { JsonObject } from '../../../../src/scim/resource.js';
import { loadRfcSample, user, userSchema } from './fixtures.js';

/** Every filter example of RFC 7644 §3.4.2.2, against the RFC 7643 §8 sample users and small users built here. */
const matches = (filter: string, target: JsonObject): boolean => matchesFilter(target, parseFilter(filter), userSchema);

const minimal = loadRfcSample('rfc7643-8.1-user-minimal.json');
const full = loadRfcSample('rfc7643-8.2-user-full.json');
const enterprise = loadRfcSample('rfc7643-8.3-enterprise_user.json');

describe('RFC 7644 §3.4.2.2 filter examples', () => {
  it('userName eq "bjensen": equality is on the whole value, ignoring case', () => {
    expect(matches('userName eq "bjensen"', user({ userName: 'BJensen' }))).toBe(true);
    expect(matches('userName eq "bjensen"', full)).toBe(false);
    expect(matches('userName eq "bjensen@example.com"', full)).toBe(true);
  });

  it(`name.familyName co "O'Malley": a sub-attribute of a complex attribute`, () => {
    expect(matches(`name.familyName co "O'Malley"`, user({ userName: 'a', name: { familyName: "Smith-o'malley" } }))).toBe(true);
    expect(matches(`name.familyName co "O'Malley"`, full)).toBe(false);
  });

  it('userName sw "J", also with the core schema URN in front', () => {
    for (const f of ['userName sw "J"', 'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"']) {
      expect(matches(f, user({ userName: 'jsmith' }))).toBe(true);
      expect(matches(f, full)).toBe(false);
    }
  });

  it('title pr: present only with a non-empty value', () => {
    expect(matches('title pr', full)).toBe(true);
    expect(matches('title pr', minimal)).toBe(false);
    expect(matches('title pr', user({ userName: 'a', title: '' }))).toBe(false);
    expect(matches('title pr', user({ userName: 'a', title: null }))).toBe(false);
  });

  it('meta.lastModified gt / ge / lt / le "2011-05-13T04:42:34Z" compare instants', () => {
    // The sample was last modified exactly at that instant.
    expect(matches('meta.lastModified gt "2011-05-13T04:42:34Z"', full)).toBe(false);
    expect(matches('meta.lastModified ge "2011-05-13T04:42:34Z"', full)).toBe(true);
    expect(matches('meta.lastModified lt "2011-05-13T04:42:34Z"', full)).toBe(false);
    expect(matches('meta.lastModified le "2011-05-13T04:42:34Z"', full)).toBe(true);
    const later = user({ userName: 'a', meta: { resourceType: 'User', created: '2010-01-01T00:00:00Z', lastModified: '2012-01-01T00:00:00Z' } });
    expect(matches('meta.lastModified gt "2011-05-13T04:42:34Z"', later)).toBe(true);
    expect(matches('meta.lastModified lt "2011-05-13T04:42:34Z"', later)).toBe(false);
  });

  it('title pr and userType eq "Employee"', () => {
    expect(matches('title pr and userType eq "Employee"', full)).toBe(true);
    expect(matches('title pr and userType eq "Employee"', user({ userName: 'a', userType: 'Employee' }))).toBe(false);
  });

  it('title pr or userType eq "Intern"', () => {
    expect(matches('title pr or userType eq "Intern"', full)).toBe(true);
    expect(matches('title pr or userType eq "Intern"', user({ userName: 'a', userType: 'intern' }))).toBe(true);
    expect(matches('title pr or userType eq "Intern"', minimal)).toBe(false);
  });

  it('schemas eq "urn:…:enterprise:2.0:User": any value of a multi-valued attribute', () => {
    const f = 'schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"';
    expect(matches(f, enterprise)).toBe(true);
    expect(matches(f, full)).toBe(false);
  });

  it('userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")', () => {
    const f = 'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")';
    expect(matches(f, full)).toBe(true);
    expect(matches(f, user({ userName: 'a', userType: 'Employee', emails: [{ value: 'a@example.org', type: 'home' }] }))).toBe(true);
    expect(matches(f, user({ userName: 'a', userType: 'Employee', emails: [{ value: 'a@example.net', type: 'work' }] }))).toBe(false);
    expect(matches(f, user({ userName: 'a', userType: 'Intern', emails: [{ value: 'a@example.com' }] }))).toBe(false);
  });

  it('userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")', () => {
    const f = 'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")';
    expect(matches(f, full)).toBe(false);
    expect(matches(f, user({ userName: 'a', userType: 'Contractor', emails: [{ value: 'a@foo.com' }] }))).toBe(true);
    expect(matches(f, user({ userName: 'a', userType: 'Contractor', emails: [{ value: 'a@example.org' }] }))).toBe(false);
    // ne holds for a missing userType, and "not co" for missing emails.
    expect(matches(f, minimal)).toBe(true);
  });

  it('userType eq "Employee" and (emails.type eq "work")', () => {
    const f = 'userType eq "Employee" and (emails.type eq "work")';
    expect(matches(f, full)).toBe(true);
    expect(matches(f, user({ userName: 'a', userType: 'Employee', emails: [{ value: 'a@x.com', type: 'home' }] }))).toBe(false);
  });

  it('userType eq "Employee" and emails[type eq "work" and value co "@example.com"]: one email meets both', () => {
    const f = 'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]';
    expect(matches(f, full)).toBe(true);
    const split = user({
      userName: 'a',
      userType: 'Employee',
      emails: [
        { value: 'a@other.com', type: 'work' },
        { value: 'a@example.com', type: 'home' },
      ],
    });
    expect(matches(f, split)).toBe(false);
  });

  it('emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]', () => {
    const f = 'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]';
    expect(matches(f, full)).toBe(true);
    expect(matches(f, user({ userName: 'a', ims: [{ value: 'babs@foo.com', type: 'xmpp' }] }))).toBe(true);
    expect(
      matches(
        f,
        user({
          userName: 'a',
          ims: [
            { value: 'babs@foo.com', type: 'aim' },
            { value: 'babs', type: 'xmpp' },
          ],
        }),
      ),
    ).toBe(false);
    expect(matches(f, minimal)).toBe(false);
  });
});
