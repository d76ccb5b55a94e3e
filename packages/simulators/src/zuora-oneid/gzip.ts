import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { OneIdProblem } from './errors.js';

/** "Zuora automatically compresses responses that contain over 1000 bytes of data" (`Accept-Encoding` header doc). */
export const GZIP_THRESHOLD_BYTES = 1000;

/** Does `Accept-Encoding` accept gzip (a `gzip` or `*` token whose q is not 0)? */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [token = '', ...params] = part.trim().toLowerCase().split(';');
    if (token.trim() !== 'gzip' && token.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * The two documented compression headers (docs/upstreams/zuora-oneid.md §2): `Content-Encoding: gzip` request bodies are inflated
 * before parsing (any other coding but `identity` → 415 [INF]); with `Accept-Encoding: gzip`, responses over 1000 bytes
 * are gzipped and carry `Content-Encoding: gzip`. Paths under `skipPrefix` (the control surface) are left alone.
 */
export function installGzip(app: FastifyInstance, skipPrefix: string): void {
  const skipped = (request: FastifyRequest) => request.url.startsWith(skipPrefix);

  app.addHook('preParsing', async (request, _reply, payload) => {
    const coding = request.headers['content-encoding']?.trim().toLowerCase();
    if (skipped(request) || coding === undefined || coding === '' || coding === 'identity') return payload;
    if (coding !== 'gzip') throw new OneIdProblem(415, `Unsupported Content-Encoding: ${coding}; only gzip is supported`);
    const compressed = await readAll(payload);
    let inflated: Buffer;
    try {
      inflated = gunzipSync(compressed);
    } catch {
      throw new OneIdProblem(400, 'Content-Encoding is gzip but the body is not valid gzip data', 'invalidSyntax');
    }
    // Fastify compares Content-Length with the encoded size, so report what came over the wire.
    return Object.assign(Readable.from([inflated]), { receivedEncodedLength: compressed.length });
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (skipped(request) || !acceptsGzip(request.headers['accept-encoding'])) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (Buffer.byteLength(payload) <= GZIP_THRESHOLD_BYTES) return payload;
    reply.header('Content-Encoding', 'gzip');
    reply.header('Vary', 'Accept-Encoding');
    reply.removeHeader('content-length');
    return gzipSync(payload);
  });
}
