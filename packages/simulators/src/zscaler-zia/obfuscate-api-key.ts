/**
 * Shortest raw API key the algorithm can index: the second half reads `key[digit + 2]`, up to index 11 (ZSDK
 * `obfuscateAPIKey` refuses shorter keys, docs/upstreams/zscaler-zia.md §2 [SDK]).
 */
export const MIN_API_KEY_LENGTH = 12;

/**
 * ZIA's API-key obfuscation for `POST /authenticatedSession` (help.zscaler.com "Getting Started", `obfuscateApiKey()`
 * in Python, Java, JavaScript, PHP, PowerShell and shell; docs/upstreams/zscaler-zia.md §2):
 *
 * - `high` = the last 6 characters of the millisecond timestamp;
 * - `low` = `high >> 1`, left-padded with `0` to 6 digits;
 * - the result is `key[d]` for each digit of `high`, then `key[d + 2]` for each digit of `low` (12 characters).
 *
 * `timestamp` is the decimal string sent beside the key. Throws a `RangeError` for a key shorter than
 * {@link MIN_API_KEY_LENGTH} or a timestamp that is not at least 6 decimal digits.
 */
export function obfuscateApiKey(apiKey: string, timestamp: string): string {
  if (apiKey.length < MIN_API_KEY_LENGTH) {
    throw new RangeError(`the API key must have at least ${MIN_API_KEY_LENGTH} characters`);
  }
  if (!/^\d{6,}$/.test(timestamp)) throw new RangeError('the timestamp must be at least 6 decimal digits');
  const high = timestamp.slice(-6);
  const low = String(Number(high) >> 1).padStart(6, '0');
  let key = '';
  for (const digit of high) key += apiKey.charAt(Number(digit));
  for (const digit of low) key += apiKey.charAt(Number(digit) + 2);
  return key;
}
