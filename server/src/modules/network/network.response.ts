import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, gzip } from 'node:zlib';
import type { Request, Response } from 'express';
import { API_GZIP, apiBrotliFor } from '../../common/http/compression.settings';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

type Encoding = 'br' | 'gzip';
/** Best first, as the compression middleware prefers them. */
const ENCODINGS: readonly Encoding[] = ['br', 'gzip'];
/** The compression middleware's threshold: smaller bodies go as they are. */
const COMPRESS_FROM_BYTES = 1024;

/**
 * A view serialised once: the JSON bytes, their ETag, and each compressed form made the first
 * time a client asks for it. A network of 2,000 partners is some 2 MB of JSON; serialising and
 * compressing it per request cost more than finding it in the cache, so the cache keeps this.
 */
export class PreparedJson {
  readonly body: Buffer;
  readonly etag: string;
  private readonly encoded = new Map<Encoding, Promise<Buffer>>();

  constructor(value: unknown) {
    this.body = Buffer.from(JSON.stringify(value));
    this.etag = `W/"${createHash('sha256').update(this.body).digest('base64url').slice(0, 32)}"`;
  }

  encode(encoding: Encoding): Promise<Buffer> {
    let result = this.encoded.get(encoding);
    if (!result) {
      // The middleware's settings.
      result =
        encoding === 'br'
          ? brotli(this.body, apiBrotliFor(this.body.length))
          : gzipped(this.body, API_GZIP);
      this.encoded.set(encoding, result);
      result.catch(() => this.encoded.delete(encoding));
    }
    return result;
  }
}

/**
 * Sends a prepared view as `res.json` would (content type, weak ETag, 304 when the client has
 * it), compressed as the client accepts; the compression middleware leaves an encoded body be.
 */
export async function sendPrepared(req: Request, res: Response, view: PreparedJson): Promise<void> {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('ETag', view.etag);
  res.vary('Accept-Encoding');
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  const encoding =
    view.body.length < COMPRESS_FROM_BYTES
      ? undefined
      : ENCODINGS.find((e) => req.acceptsEncodings(e) === e);
  const body = encoding ? await view.encode(encoding) : view.body;
  if (encoding) res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', body.length);
  res.end(body);
}
