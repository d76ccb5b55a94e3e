import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newUpstreamContext } from '../../../../src/upstreams/call-record.js';
import { createUpstreamHttpClient, type UpstreamHttpClient } from '../../../../src/upstreams/http/index.js';
import { failure, fakeClock } from './test-doubles.js';

/**
 * A real socket peer for what MockAgent cannot fake faithfully: a connection reset after the request was written,
 * and an upstream that never answers. Each route counts the requests that reached it.
 */
type Behaviour = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

const resetAfterReading: Behaviour = (req) => {
  req.resume();
  req.on('end', () => req.socket.destroy());
};
const neverAnswer: Behaviour = (req) => req.resume();
const answer: Behaviour = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
};

let server: Server;
let baseUrl: string;
let hits: Map<string, number>;
let routes: Map<string, Behaviour>;
let client: UpstreamHttpClient;

const listen = async (): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const newClient = (url: string) =>
  createUpstreamHttpClient({
    upstream: 'zuora-rest',
    baseUrl: url,
    timeouts: { connectMs: 1_000, headersMs: 150, bodyMs: 150 },
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 10, budgetMs: 10_000 },
    ...fakeClock(),
  });

beforeEach(async () => {
  hits = new Map();
  routes = new Map();
  server = createServer((req, res) => {
    const path = req.url ?? '';
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    (routes.get(path) ?? answer)(req, res, hit);
  });
  baseUrl = await listen();
  client = newClient(baseUrl);
});

afterEach(async () => {
  await client.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('transport failures', () => {
  it('does not resend a POST whose connection was reset after it was sent: the write may have happened', async () => {
    routes.set('/v1/users', resetAfterReading);
    const ctx = newUpstreamContext('r');

    const error = await failure(client.request({ method: 'POST', path: '/v1/users', json: { userName: 'a' } }, ctx));

    expect(hits.get('/v1/users')).toBe(1);
    expect(error.kind).toBe('unavailable');
    expect(error.message).toContain('may have processed');
    expect(ctx.calls).toEqual([expect.objectContaining({ status: 0, attempt: 1, error: 'UND_ERR_SOCKET' })]);
  });

  it('resends an idempotent GET after a reset', async () => {
    routes.set('/v1/users/u1', (req, res, hit) => (hit === 1 ? resetAfterReading(req, res, hit) : answer(req, res, hit)));
    const ctx = newUpstreamContext('r');

    const res = await client.request({ method: 'GET', path: '/v1/users/u1' }, ctx);

    expect(res.body).toEqual({ ok: true });
    expect(hits.get('/v1/users/u1')).toBe(2);
    expect(ctx.calls.map((c) => c.status)).toEqual([0, 200]);
  });

  it('reports a POST that got no answer in time as a timeout, without resending it', async () => {
    routes.set('/v1/users', neverAnswer);
    const ctx = newUpstreamContext('r');

    const error = await failure(client.request({ method: 'POST', path: '/v1/users', json: {} }, ctx));

    expect(error.kind).toBe('timeout');
    expect(error.code).toBe('UND_ERR_HEADERS_TIMEOUT');
    expect(hits.get('/v1/users')).toBe(1);
  });

  it('resends an idempotent PUT that timed out', async () => {
    routes.set('/v1/users/u1', (req, res, hit) => (hit === 1 ? neverAnswer(req, res, hit) : answer(req, res, hit)));

    const res = await client.request({ method: 'PUT', path: '/v1/users/u1', json: {} }, newUpstreamContext('r'));

    expect(res.status).toBe(200);
    expect(hits.get('/v1/users/u1')).toBe(2);
  });

  it('retries a refused connection even for a POST, and reports the upstream unavailable when it stays down', async () => {
    const downUrl = baseUrl;
    await client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    client = newClient(downUrl);
    const ctx = newUpstreamContext('r');

    const error = await failure(client.request({ method: 'POST', path: '/v1/users', json: {} }, ctx));

    expect(error.kind).toBe('unavailable');
    expect(ctx.calls.map((c) => [c.attempt, c.error])).toEqual([
      [1, 'ECONNREFUSED'],
      [2, 'ECONNREFUSED'],
      [3, 'ECONNREFUSED'],
    ]);
    await listen(); // afterEach closes it again
  });
});
