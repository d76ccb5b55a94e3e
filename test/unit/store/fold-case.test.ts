import { describe, expect, it } from 'vitest';
import { foldCase } from '../../../src/store/fold-case.js';

/** The rule written down in src/store/fold-case.ts: NFC around Unicode lower-casing (RFC 8265 UsernameCaseMapped). */
describe('foldCase', () => {
  it('makes the NFC and NFD spellings of josé, in any case, one name (in NFC)', () => {
    const nfc = 'jos\u00e9';
    for (const spelling of [nfc, 'jose\u0301', 'JOS\u00c9', 'JOSE\u0301', 'Jos\u00e9']) expect(foldCase(spelling)).toBe(nfc);
  });

  it('lower-cases, it does not case-fold: ß stays ß, capital ẞ becomes ß', () => {
    expect(foldCase('STRASSE')).toBe('strasse');
    expect(foldCase('straße')).toBe('straße');
    expect(foldCase('STRA\u1e9eE')).toBe('straße');
    expect(foldCase('straße')).not.toBe(foldCase('strasse'));
  });

  it('applies no Turkish rule: İ is i + combining dot, I is i, dotless ı stays ı', () => {
    expect(foldCase('\u0130stanbul')).toBe('i\u0307stanbul');
    expect(foldCase('ISTANBUL')).toBe('istanbul');
    expect(foldCase('\u0131stanbul')).toBe('\u0131stanbul');
    expect(foldCase('\u0130stanbul')).toBe(foldCase('\u0130stanbul'.toLocaleLowerCase('und')));
  });

  it('lowers the Greek final sigma by its position', () => {
    expect(foldCase('ΟΔΟΣ')).toBe('οδος');
  });

  it('is idempotent, and ASCII folds as it always did', () => {
    for (const s of ['Kim.Lee@Example.com', 'JOSE\u0301', '\u0130', 'ΟΔΟΣ', 'STRA\u1e9eE', 'tab\there']) {
      expect(foldCase(foldCase(s))).toBe(foldCase(s));
    }
    expect(foldCase('Kim.Lee@Example.COM')).toBe('kim.lee@example.com');
  });
});
