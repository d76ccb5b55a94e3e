import { describe, expect, it } from 'vitest';
import { normaliseFilter } from '../../../../src/http/normalise/index.js';

describe('normaliseFilter', () => {
  it('trims the blanks around the filter text', () => {
    expect(normaliseFilter('  userName eq "bjensen"\n')).toBe('userName eq "bjensen"');
  });

  it("quotes the bare values of Entra's documented lookup (externalId eq jyoung)", () => {
    expect(normaliseFilter(' externalId eq jyoung ')).toBe('externalId eq "jyoung"');
  });

  it("quotes the bare values of Microsoft's collection (#63) and keeps its structure", () => {
    expect(normaliseFilter('name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)')).toBe(
      'name.FamilyName eq "Employee" and (emails.Value co "example.com" or emails.Value co "example.org")',
    );
  });

  it('leaves an Okta filter, already quoted, as it is', () => {
    expect(normaliseFilter('userName eq "Runscope.User@example.com"')).toBe('userName eq "Runscope.User@example.com"');
  });
});
