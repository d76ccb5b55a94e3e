import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** A request body as it goes on the wire. */
export interface WireBody {
  body?: string | Buffer;
  /** `gzip` when the body was compressed. */
  contentEncoding?: 'gzip';
}

/**
 * Gzips a request body larger than `overBytes` (Zuora: "Content-Encoding: gzip — the request body is gzipped JSON",
 * docs/upstreams/zuora-oneid.md §2; RFC 9110 §8.4). Small bodies stay plain: compressing them costs more than it saves.
 */
export const compressBody = async (body: string | undefined, overBytes: number | undefined): Promise<WireBody> => {
  if (body === undefined) return {};
  if (overBytes === undefined || Buffer.byteLength(body) <= overBytes) return { body };
  return { body: await gzipAsync(body), contentEncoding: 'gzip' };
};
