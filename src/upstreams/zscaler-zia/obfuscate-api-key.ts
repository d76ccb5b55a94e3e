/**
 * ZIA's API-key obfuscation (docs/upstreams/zscaler-zia.md §2, Zscaler's "Getting Started" guide): the key sent to
 * `/authenticatedSession` is derived from the raw API key and the millisecond timestamp sent beside it.
 *
 *   n = last 6 digits of the timestamp, r = (n >> 1) zero-padded to 6 digits
 *   key = seed[d] for each digit d of n, then seed[d + 2] for each digit d of r
 */
export function obfuscateApiKey(apiKey: string, timestamp: string): string {
  if (apiKey.length < 12) throw new Error('a ZIA API key has at least 12 characters');
  if (!/^\d{6,}$/.test(timestamp)) throw new Error('the timestamp must be at least 6 decimal digits');
  const high = timestamp.slice(-6);
  const low = String(Number(high) >> 1).padStart(6, '0');
  let key = '';
  for (const d of high) key += apiKey.charAt(Number(d));
  for (const d of low) key += apiKey.charAt(Number(d) + 2);
  return key;
}
