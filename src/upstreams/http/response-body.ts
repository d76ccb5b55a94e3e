import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import type { Dispatcher } from 'undici';
import type { UpstreamResponse } from './upstream-request.js';

const decoders: Record<string, (buf: Buffer) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

const headerValue = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value.join(', ') : value);

/** Parses JSON when the body looks like JSON; error pages in HTML or plain text (ZIA) are kept as `text` only. */
const parseTolerantly = (text: string, contentType: string | undefined): unknown => {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const looksJson = /json/i.test(contentType ?? '') || trimmed.startsWith('{') || trimmed.startsWith('[');
  if (!looksJson) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
};

/**
 * Reads a whole undici response. Decodes `Content-Encoding` (Zuora gzips responses over 1000 bytes when asked,
 * docs/upstreams/zuora-oneid.md §2) because undici's `request` does not. Throws the transport error if the body breaks off.
 */
export const readResponse = async (data: Dispatcher.ResponseData): Promise<UpstreamResponse> => {
  let raw: Buffer = Buffer.from(await data.body.arrayBuffer());
  const encoding = headerValue(data.headers['content-encoding'])?.trim().toLowerCase();
  const decode = encoding === undefined ? undefined : decoders[encoding];
  if (decode !== undefined && raw.length > 0) raw = await decode(raw);
  const text = raw.toString('utf8');
  return {
    status: data.statusCode,
    headers: data.headers,
    body: parseTolerantly(text, headerValue(data.headers['content-type'])),
    text,
  };
};

export const firstHeader = (response: UpstreamResponse, name: string): string | undefined => {
  const value = response.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};
