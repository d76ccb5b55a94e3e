import { z } from 'zod';

/**
 * Connection URLs of the store and of Redis. They usually hold a password, so a value that cannot be used is refused
 * here, before a driver sees it (ioredis quotes the whole URL in the error it throws), and the message describes the
 * expected shape without ever quoting what was given.
 */

/** Why a URL is refused, or `undefined` when it will do. */
type UrlCheck = (text: string) => string | undefined;

const NOT_SHOWN = 'the value is not shown: it may hold a password';
const POSTGRES_SCHEMES = new Set(['postgres:', 'postgresql:', 'socket:']);
const REDIS_SCHEMES = new Set(['redis:', 'rediss:']);

const parsed = (text: string): URL | undefined => {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
};

/**
 * `postgres://` or `postgresql://` as libpq reads it (https://www.postgresql.org/docs/current/libpq-connect.html,
 * "Connection URIs": special characters percent-encoded), node-postgres' `socket:` form, or a socket directory path.
 * An empty host (`postgres://user@/db`, the local socket) is allowed, as node-postgres allows it.
 */
const postgresProblem: UrlCheck = (text) => {
  if (text.startsWith('/')) return undefined;
  const url = parsed(text) ?? parsed(text.replace('@/', '@localhost/'));
  if (!url || !POSTGRES_SCHEMES.has(url.protocol)) {
    return `not a PostgreSQL connection URL (expected postgresql://[user[:password]@]host[:port][/database][?param=value…], characters such as @ / : ? # % in the password percent-encoded; ${NOT_SHOWN})`;
  }
  return undefined;
};

/**
 * `redis://[[user]:password@]host[:port][/db]` or `rediss://` (TLS), https://www.iana.org/assignments/uri-schemes/prov/redis,
 * or a Unix socket path. The database, when given, is a number: ioredis sends anything else to `SELECT` and fails
 * only once connected.
 */
const redisProblem: UrlCheck = (text) => {
  if (text.startsWith('/') && !text.startsWith('//')) return undefined;
  const url = parsed(text);
  if (!url || !REDIS_SCHEMES.has(url.protocol) || url.hostname === '') {
    return `not a Redis URL (expected redis://[[user]:password@]host[:port][/db] or rediss://…, characters such as @ / : ? # % in the password percent-encoded; ${NOT_SHOWN})`;
  }
  if (!/^\/?(\d+)?$/.test(url.pathname)) return `the database in a Redis URL is a number (redis://host:6379/0; ${NOT_SHOWN})`;
  return undefined;
};

const checked = (check: UrlCheck) =>
  z
    .string()
    .min(1)
    .superRefine((text, ctx) => {
      const problem = check(text);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

export const postgresConnectionString = checked(postgresProblem);
export const redisUrl = checked(redisProblem);
