/**
 * Compression of the app's answers (pages, action results, CSV): the whole body in one native zlib
 * call, rather than a compression stream per response fed chunk by chunk as Astro streams a page
 * (the `compression` package in the front door: about a fifth of the server's CPU on a page in the
 * bench's profiles). Static files never come here: the build precompresses them and the front door
 * serves them from memory (scripts/static-files.mjs).
 *
 * Brotli at quality 2 with a 256 KB window: quality 4 took about three times the CPU for about 4 %
 * fewer bytes on a page, the default quality (11) is far too slow per response, and the default
 * 4 MB window, allocated for every response, halved the lesson page's throughput.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { preferredEncoding } from '../shared/encoding.mjs';

/** Bodies smaller than this go as they are: the headers would eat the saving. */
export const COMPRESS_THRESHOLD = 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|manifest\+json)|image\/svg\+xml)/i;

function withVary(headers: Headers): void {
  const vary = headers.get('vary');
  if (!vary) headers.set('vary', 'Accept-Encoding');
  else if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) headers.set('vary', `${vary}, Accept-Encoding`);
}

/**
 * `response` compressed for a client that sent `acceptEncoding`: brotli, else gzip, else as it
 * is. Left alone: HEAD, bodiless and partial answers, types that are compressed already (images,
 * PDFs), answers that carry an encoding or `Cache-Control: no-transform`.
 */
export async function compressResponse(response: Response, acceptEncoding: string | null, method = 'GET'): Promise<Response> {
  const { status } = response;
  if (
    !response.body ||
    method === 'HEAD' ||
    status < 200 ||
    status === 204 ||
    status === 206 ||
    status === 304 ||
    !COMPRESSIBLE.test(response.headers.get('content-type') ?? '') ||
    response.headers.has('content-encoding') ||
    /no-transform/i.test(response.headers.get('cache-control') ?? '')
  ) {
    return response;
  }
  const headers = new Headers(response.headers);
  withVary(headers);
  const body = new Uint8Array(await response.arrayBuffer());
  const coding = body.byteLength < COMPRESS_THRESHOLD ? undefined : preferredEncoding(acceptEncoding);
  const init = { status, statusText: response.statusText, headers };
  if (!coding) return new Response(body, init);
  const compressed =
    coding === 'br'
      ? brotliCompressSync(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 2,
            [constants.BROTLI_PARAM_LGWIN]: 18,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
          },
        })
      : gzipSync(body);
  headers.set('content-encoding', coding);
  headers.set('content-length', String(compressed.byteLength));
  return new Response(new Uint8Array(compressed.buffer, compressed.byteOffset, compressed.byteLength), init);
}
