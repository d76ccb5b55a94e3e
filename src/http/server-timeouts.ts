import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { ScimError } from '../scim/errors.js';
import { SCIM_CONTENT_TYPE } from './scim-media-type.js';

/**
 * How long a client may take before the bridge stops waiting for it. Fastify leaves Node's request and socket
 * timeouts at 0 (never): 21,000 clients each trickling a body exhausted the process's file descriptors. A real IdP
 * sends its headers and a body of at most `bodyLimitBytes` in well under a second.
 */
export interface ServerTimeouts {
  /** From the connection (or the end of the previous request) to the end of the request's headers. */
  headersMs: number;
  /** From the start of a request to the end of its body. */
  requestMs: number;
  /** An idle keep-alive connection is closed after this long without a new request. */
  keepAliveMs: number;
  /** A connection with no traffic either way for this long is closed, whatever it is waiting for. */
  idleSocketMs: number;
}

export const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 72_000, idleSocketMs: 300_000 };

/**
 * Fastify's options for the timeouts. Node checks the headers and request timeouts on a timer (every 30 s by
 * default), so the timer runs at a quarter of the shorter one, between 25 ms and 1 s: a client is cut within 25% of
 * its timeout.
 */
export function serverTimeoutOptions(t: ServerTimeouts): Pick<FastifyServerOptions, 'connectionTimeout' | 'requestTimeout' | 'keepAliveTimeout'> & {
  http: { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number };
} {
  const connectionsCheckingInterval = Math.min(1_000, Math.max(25, Math.floor(Math.min(t.headersMs, t.requestMs) / 4)));
  return {
    connectionTimeout: t.idleSocketMs,
    requestTimeout: t.requestMs,
    keepAliveTimeout: t.keepAliveMs,
    http: { headersTimeout: t.headersMs, requestTimeout: t.requestMs, connectionsCheckingInterval },
  };
}

/**
 * An answer sent before the request's body arrived (a 401 or 429 from a hook, a 413) closes the connection: Node would
 * otherwise keep reading, and discarding, the rest of the body for up to `requestMs`, so each client refused early
 * could still hold a socket for that long.
 */
export function closeConnectionsAnsweredEarly(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (!request.raw.complete) reply.header('Connection', 'close');
    done(null, payload);
  });
}

const REFUSALS: Record<string, { status: number; detail: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'The request was not received in time (its headers or its body came too slowly)' },
  HPE_HEADER_OVERFLOW: { status: 431, detail: 'The request headers are too large' },
};
const MALFORMED = { status: 400, detail: 'The request is not valid HTTP' };

/**
 * Errors Node raises on a connection before or while a request is read (a timeout, headers too large, bytes that are
 * not HTTP), answered as SCIM errors where an answer can still be sent, and logged as one `request refused` line like
 * every other request the HTTP layer refuses. A connection the client already reset gets neither.
 */
export function onClientError(this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse & { req?: { method?: string; url?: string } } })._httpMessage;
  // Already answered (a 401 before the body came) and logged with that answer: only the connection is left to close.
  if (inFlight?.headersSent) {
    socket.destroy(error);
    return;
  }
  const { status, detail } = REFUSALS[error.code ?? ''] ?? MALFORMED;
  // A request whose body timed out has been read up to its headers: say which one it was.
  const request = inFlight?.req?.method ? { method: inFlight.req.method, path: (inFlight.req.url ?? '').split('?')[0] } : {};
  this.log.info({ status, ...request, reason: error.code, detail }, 'request refused: %s', detail);
  if (socket.writable) {
    const body = JSON.stringify(new ScimError(status, detail).toBody());
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
        `Content-Type: ${SCIM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
