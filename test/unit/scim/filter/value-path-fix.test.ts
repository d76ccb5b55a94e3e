import { describe, expect, it } from 'vitest';
import { matchesFilter, parseFilter } from '../../../../src/scim/filter/index.js';
import { user, userSchema } from './fixtures.js';

/**
 * docs/architecture.md "Known gaps in scim2-parse-filter": scim2-parse-filter reads `emails[type eq "work"].value eq "x"` as two independent
 * conditions. Entra filters on exactly this form for uniqueness, so it must mean one element meeting both.
 */
describe('a sub-attribute after a value filter (emails[type eq "work"].value eq "x")', () => {
  const workA_homeX = user({
    userName: 'u',
    emails: [
      { type: 'work', value: 'a@example.com' },
      { type: 'home', value: 'x@example.com' },
    ],
  });
  const workX = user({
    userName: 'u',
    emails: [
      { type: 'home', value: 'a@example.com' },
      { type: 'work', value: 'x@example.com' },
    ],
  });

  it('does not match a user whose work email is a and whose home email is x', () => {
    expect(matchesFilter(workA_homeX, parseFilter('emails[type eq "work"].value eq "x@example.com"'), userSchema)).toBe(false);
  });

  it('matches a user whose work email is x', () => {
    expect(matchesFilter(workX, parseFilter('emails[type eq "work"].value eq "x@example.com"'), userSchema)).toBe(true);
  });

  it('holds inside larger filters, in any case, with spaces after the dot', () => {
    const f = parseFilter('userName eq "U" AND Emails[Type EQ "WORK"]. Value eq "X@EXAMPLE.COM"');
    expect(matchesFilter(workX, f, userSchema)).toBe(true);
    expect(matchesFilter(workA_homeX, f, userSchema)).toBe(false);
    expect(matchesFilter(workA_homeX, parseFilter('not (emails[type eq "work"].value eq "x@example.com")'), userSchema)).toBe(true);
  });

  it('applies to pr as well', () => {
    const noWorkValue = user({
      emails: [
        { type: 'work', value: '' },
        { type: 'home', value: 'x@example.com' },
      ],
    });
    expect(matchesFilter(noWorkValue, parseFilter('emails[type eq "work"].value pr'), userSchema)).toBe(false);
    expect(matchesFilter(workX, parseFilter('emails[type eq "work"].value pr'), userSchema)).toBe(true);
  });

  it('keeps both conditions of emails[type eq "work" and value co "@example.com"] on one element', () => {
    const f = parseFilter('emails[type eq "work" and value co "@example.com"]');
    expect(
      matchesFilter(
        user({
          emails: [
            { type: 'work', value: 'a@other.com' },
            { type: 'home', value: 'a@example.com' },
          ],
        }),
        f,
        userSchema,
      ),
    ).toBe(false);
    expect(
      matchesFilter(
        user({
          emails: [
            { type: 'home', value: 'a@other.com' },
            { type: 'work', value: 'a@example.com' },
          ],
        }),
        f,
        userSchema,
      ),
    ).toBe(true);
  });
});
