const REDACTED = '[redacted]';
/** Shorter values (e.g. `Bearer`) are too common to be secrets and would mangle messages. */
const MIN_SECRET_LENGTH = 6;

/**
 * Removes every occurrence of the given secret values from a message. A belt-and-braces guard for text that came from
 * an upstream (an error page or `error_description` may echo what it was sent).
 */
export const redactSecrets = (message: string, secrets: Iterable<string>): string => {
  let out = message;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
  }
  return out;
};

/** The secret parts of credential headers: the whole value and, for `Scheme value` forms, the value alone. */
export const secretsOfHeaders = (headers: Record<string, string>): string[] =>
  Object.values(headers).flatMap((value) => {
    const parts = [value];
    const space = value.indexOf(' ');
    if (space > 0) parts.push(value.slice(space + 1));
    for (const pair of value.split(';')) {
      const eq = pair.indexOf('=');
      if (eq > 0) parts.push(pair.slice(eq + 1).trim());
    }
    return parts;
  });

/**
 * Names of JSON members that hold a credential (`access_token`, `password`, `apiKey`, `JSESSIONID`…), or something
 * close to one (Zuora's `jti` differs from its opaque token by a few characters).
 */
const SECRET_NAME = /token|secret|passw|api_?key|session|cookie|authori[sz]ation|credential|^jti$/i;
/** …but not the members that only describe one (`token_type`, `expires_in`, `passwordExpiryTime`). */
const DESCRIBES_SECRET = /type|expir|_in$/i;
/** A JSON member with a string value (possibly cut off by a truncated body) or a bare one. */
const MEMBER = /("([^"\\]*)"\s*:\s*)("(?:[^"\\]|\\.)*(?:"|$)|[^\s,}\]]+)/g;
/** Credentials that travel inside text rather than as JSON members: session cookies and bearer tokens. */
const SECRET_IN_TEXT = /\b(JSESSIONID=|Bearer\s+)[^\s;,"'<]+/gi;

/**
 * Removes credential-looking values from text an upstream sent (a body quoted in a log line), whatever secrets the
 * bridge knows of: an answer may carry a token or a password the bridge never sent.
 */
export const redactSecretFields = (text: string): string =>
  text
    .replace(MEMBER, (member, head: string, name: string) =>
      SECRET_NAME.test(name) && !DESCRIBES_SECRET.test(name) ? `${head}"${REDACTED}"` : member,
    )
    .replace(SECRET_IN_TEXT, `$1${REDACTED}`);
