import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** Whether two tokens are equal, in time that does not depend on where they differ. */
export function sameToken(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A POST another site made the browser send. `Sec-Fetch-Site`, when present, decides: the browser sets it and no page
 * can, and anything but same-origin (or none, for an address typed in) is another site. Without it, an `Origin`
 * naming another host decides. `Origin: null` is not evidence either way: under `Referrer-Policy: no-referrer`
 * Chromium sends it for the console's own forms. Neither header (an old browser, curl) is not evidence either; the
 * synchronizer token still has to match.
 */
export function crossOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return false;
  try {
    // The host only: behind a TLS-terminating proxy the browser's scheme is https and the bridge's http. The Host
    // header is read with the Origin's scheme, so that a default port written out (`:443`) compares equal.
    const from = new URL(origin);
    return from.host !== new URL(`${from.protocol}//${request.headers.host ?? ''}`).host;
  } catch {
    return true;
  }
}

/** A form body's field (urlencoded forms arrive as a plain record of strings). */
export function formField(body: unknown, name: string): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}
