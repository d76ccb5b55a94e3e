/**
 * Query `filter` text (RFC 7644 §3.4.2.2) as IdPs send it → text the filter parser accepts. Entra's documentation
 * and Microsoft's collection send unquoted values (`externalId eq jyoung`); scim2-parse-filter rejects them, so they
 * are quoted here (docs/idps.md §1, docs/architecture.md "Known gaps in scim2-parse-filter").
 */
import { quoteBareFilterValues } from './filter-text.js';

/** Trim the filter text and quote bare comparison values. */
export function normaliseFilter(text: string): string {
  return quoteBareFilterValues(text.trim());
}
