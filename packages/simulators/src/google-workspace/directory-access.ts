import type { FastifyRequest } from 'fastify';
import { requireBearerToken } from '../bearer-auth.js';
import { GoogleApiError, invalidInput, sendGoogleError } from './errors.js';
import type { DirectoryState } from './state.js';
import type { GoogleTokens } from './tokens.js';

const AUTH = 'https://www.googleapis.com/auth/';
const CLOUD_PLATFORM = `${AUTH}cloud-platform`;

/** The scopes any one of which lets a caller use each listing (each method's "Authorization scopes"). */
export const ROUTE_SCOPES = {
  users: [`${AUTH}admin.directory.user`, `${AUTH}admin.directory.user.readonly`, CLOUD_PLATFORM],
  groups: [`${AUTH}admin.directory.group`, `${AUTH}admin.directory.group.readonly`, CLOUD_PLATFORM],
  members: [
    `${AUTH}admin.directory.group.member`,
    `${AUTH}admin.directory.group.member.readonly`,
    `${AUTH}admin.directory.group`,
    `${AUTH}admin.directory.group.readonly`,
    CLOUD_PLATFORM,
  ],
  orgUnits: [`${AUTH}admin.directory.orgunit`, `${AUTH}admin.directory.orgunit.readonly`, CLOUD_PLATFORM],
} as const;

/** `onRequest` for the Directory API: a live bearer token, or 401 in Google's error format. */
export function directoryAuth(tokens: GoogleTokens) {
  return requireBearerToken(tokens, (reply, reason) => {
    reply.header(
      'WWW-Authenticate',
      reason === 'invalid' ? 'Bearer realm="https://accounts.google.com/", error="invalid_token"' : 'Bearer realm="https://accounts.google.com/"',
    );
    return reason === 'invalid'
      ? sendGoogleError(reply, 401, 'authError', 'Invalid Credentials')
      : sendGoogleError(reply, 401, 'required', 'Login Required: the request carries no OAuth 2 access token.');
  });
}

const tokenOf = (request: FastifyRequest) => /^bearer\s+(\S+)/i.exec(request.headers.authorization ?? '')?.[1] ?? '';

/**
 * What the token may do here: one of the route's scopes (403 `insufficientPermissions` otherwise), and an
 * impersonated subject who is still an admin of the domain (403 `forbidden`: a service account without domain-wide
 * delegation, or acting as a plain user, is not authorised for the Directory API).
 */
export function authorise(request: FastifyRequest, tokens: GoogleTokens, state: DirectoryState, accepted: readonly string[]): void {
  const grant = tokens.grantOf(tokenOf(request));
  if (!grant || !grant.scopes.some((s) => accepted.includes(s))) {
    throw new GoogleApiError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.');
  }
  const subject = grant.subject === undefined ? undefined : state.findUser(grant.subject);
  if (!subject?.isAdmin || subject.suspended) throw new GoogleApiError(403, 'forbidden', 'Not Authorized to access this resource/api');
}

/** `customer` (`my_customer` or the id) or `domain` (the primary domain) must name this directory's customer. */
export function requireCustomer(state: DirectoryState, query: { customer?: string; domain?: string }, required = true): void {
  const { customer, domain } = query;
  if (customer === undefined && domain === undefined) {
    if (required) throw new GoogleApiError(400, 'badRequest', 'Bad Request: customer or domain is required.');
    return;
  }
  const customerOk = customer === undefined || customer === 'my_customer' || customer === state.customer.id;
  const domainOk = domain === undefined || domain.toLowerCase() === state.customer.domain;
  if (!customerOk || !domainOk) throw new GoogleApiError(403, 'forbidden', 'Not Authorized to access this resource/api');
}

/** `maxResults`: default `fallback`; above `max` refused (`reject`) or served as `max`. */
export function maxResultsOf(raw: string | undefined, fallback: number, max: number, overMax: 'reject' | 'cap'): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || (overMax === 'reject' && value > max)) {
    throw invalidInput(`Invalid value '${raw}'. Values must be within the range: [1, ${max}]`);
  }
  return Math.min(value, max);
}

export const booleanParam = (raw: string | undefined, name: string): boolean => {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw invalidInput(`Invalid value for ${name}: ${raw}`);
};
