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
    .replace(MEMBER, (member, head: string, name: string) => (SECRET_NAME.test(name) && !DESCRIBES_SECRET.test(name) ? `${head}"${REDACTED}"` : member))
    .replace(SECRET_IN_TEXT, `$1${REDACTED}`);

/**
 * Anything that looks like a URL or its authority: `scheme://…` or a bare `//…` (a URL missing its colon, which
 * ioredis then reads as a socket path and quotes in its error), up to whitespace or a quote.
 */
const URL_LIKE = /(?:\b[a-z][a-z0-9+.-]*:)?\/\/[^\s"'<>`]+/gi;
/** Query parameters that carry a credential (`?password=` in PostgreSQL and Redis URLs, `sslpassword`, `token`…). */
const SECRET_QUERY_PARAM = /([?&;])([^=&#;\s]+)=([^&#;\s]*)/g;
const SECRET_PARAM_NAME = /^(?:pwd|auth|pass)$/i;

/**
 * A URL's credentials replaced by `[redacted]`: its userinfo (`redis://:password@host` → `redis://[redacted]@host`)
 * and query parameters named like a secret (`?password=…`). Every URL in the text is treated, malformed ones
 * included: a URL that does not parse is exactly the one an error message quotes. There the userinfo is taken to run
 * to the last `@` of the URL, since an unencoded `/`, `?` or `#` in a password is a common reason a URL does not parse.
 */
export const redactUrlCredentials = (text: string): string => (text.includes('//') ? text.replace(URL_LIKE, redactOneUrl) : text);

function redactOneUrl(candidate: string): string {
  const start = candidate.indexOf('//') + 2;
  const at = userinfoEnd(candidate, start);
  const withoutUserinfo = at < 0 ? candidate : `${candidate.slice(0, start)}${REDACTED}${candidate.slice(at)}`;
  return withoutUserinfo.replace(SECRET_QUERY_PARAM, (param, sep: string, name: string) => (isSecretParamName(name) ? `${sep}${name}=${REDACTED}` : param));
}

/**
 * Where the userinfo ends (the index of its `@`), or -1. In a URL that parses, the authority ends at the first `/`,
 * `?` or `#` and the userinfo at its last `@` (WHATWG URL); in one that does not, at the last `@` anywhere.
 */
function userinfoEnd(candidate: string, start: number): number {
  const authorityLength = parses(candidate) ? candidate.slice(start).search(/[/?#]/) : -1;
  const end = authorityLength < 0 ? candidate.length : start + authorityLength;
  const at = candidate.lastIndexOf('@', end - 1);
  return at >= start ? at : -1;
}

const parses = (candidate: string): boolean => {
  if (candidate.startsWith('//')) return false;
  try {
    new URL(candidate);
    return true;
  } catch {
    return false;
  }
};

const isSecretParamName = (name: string): boolean => SECRET_PARAM_NAME.test(name) || (SECRET_NAME.test(name) && !DESCRIBES_SECRET.test(name));
