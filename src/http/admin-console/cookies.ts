import type { FastifyRequest } from 'fastify';

/** The value of one cookie from the request's `Cookie` header (the first, if a browser sent it twice). */
export function cookieOf(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * `Secure` always, except over plain http to this machine (the sandbox, a laptop): a browser would not send a secure
 * cookie back there. Behind a TLS-terminating proxy the request is http to a public name, so the cookie stays Secure.
 */
export const wantsSecureCookie = (request: FastifyRequest): boolean => !(request.protocol === 'http' && LOCAL_HOSTS.has(request.hostname));

export interface CookieOptions {
  path: string;
  secure: boolean;
  /** Seconds; absent: a session cookie (gone when the browser closes). `0` deletes the cookie. */
  maxAgeSeconds?: number;
}

/** A `Set-Cookie` value: always HttpOnly (no script reads it) and SameSite=Strict (no other site sends it). */
export function setCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, `Path=${options.path}`, 'HttpOnly', 'SameSite=Strict'];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
