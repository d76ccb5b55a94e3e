/**
 * Folds text for case-insensitive matching: the store's userName and displayName look-ups and every `caseExact: false`
 * comparison of a SCIM filter use this one rule. Folds a userName or displayName for case-insensitive matching (RFC 7643 §4.1.1 `userName` and §4.2 `displayName`:
 * `caseExact` false, and `userName` unique per tenant). Every engine folds here, in JavaScript, rather than with SQL
 * `lower()`, which folds ASCII only in SQLite and depends on the database's locale in PostgreSQL: all engines then
 * match alike.
 *
 * The rule is that of RFC 8265's UsernameCaseMapped profile (§3.3, https://www.rfc-editor.org/rfc/rfc8265#section-3.3):
 * Unicode lower-casing (`toLowerCase()`), then Unicode normalisation form C. The text is also put in NFC first, so
 * `josé` typed as one code point (U+00E9) and as `e` + U+0301 (what macOS file names and some IdP exports hold) is
 * one name, whatever case either is written in. Consequences, chosen rather than accidental:
 *
 * - Lower-casing, not Unicode's full case folding: RFCs 8264 and 8265 replaced the case folding of their predecessors
 *   (RFCs 7564 and 7613) with `toLowerCase()`. Folding also rewrites letters (`ß` → `ss`); lower-casing changes case
 *   only. So `straße` and `strasse` stay two names, while `STRAẞE` (capital sharp s) is `straße`; the Greek final
 *   sigma is lowered by its position (`ΟΔΟΣ` → `οδος`). Where the bridge folds less than an upstream, the upstream's
 *   own uniqueness check still answers (a 409); folding more would refuse a name the upstream accepts.
 * - No language-specific rule: the bridge does not know a user's language, and a name's uniqueness must not depend on
 *   configuration. `İ` (capital I with dot) becomes `i̇` (`i` + U+0307), as Unicode's default mapping has it, not the
 *   Turkish `i`; `I` is `i`, never the Turkish dotless `ı`. `toLocaleLowerCase('und')` is the same mapping.
 * - No width mapping (UsernameCaseMapped's first rule): a fullwidth `ｊｏｓé` stays distinct from `josé`, as it is
 *   to an upstream that does not map widths either.
 *
 * Rows folded by an earlier rule are re-folded by store migration 3 (store/migrations/003-nfc-case-fold.ts).
 */
export function foldCase(s: string): string {
  // Printable ASCII (nearly every userName) needs neither normalisation.
  return PRINTABLE_ASCII.test(s) ? s.toLowerCase() : s.normalize('NFC').toLowerCase().normalize('NFC');
}

const PRINTABLE_ASCII = /^[ -~]*$/;
