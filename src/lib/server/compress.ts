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
import { hash } from 'node:crypto';
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
 * Compressed bodies of answers that are the same for everyone (signed-out pages such as the
 * catalog, /verify, the sign-in form), by coding and SHA-256 of the body: the page is still rendered,
 * but identical bytes are compressed once. A personal page never goes in (whoever is signed in
 * sees their own name in it), so the cache holds nothing anyone could not fetch signed out. Least
 * recently used out first, bounded by count and bytes.
 */
const SHARED_CACHE_ENTRIES = 256;
const SHARED_CACHE_BYTES = 4 * 1024 * 1024;
const shared = new Map<string, Uint8Array>();
let sharedBytes = 0;

function compressBody(body: Uint8Array, coding: 'br' | 'gzip'): Uint8Array {
  return coding === 'br'
    ? brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 2,
          [constants.BROTLI_PARAM_LGWIN]: 18,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
        },
      })
    : gzipSync(body);
}

function compressShared(body: Uint8Array, coding: 'br' | 'gzip'): Uint8Array {
  const key = `${coding}:${hash('sha256', body, 'base64')}`;
  const hit = shared.get(key);
  if (hit) {
    shared.delete(key);
    shared.set(key, hit);
    return hit;
  }
  const compressed = compressBody(body, coding);
  shared.set(key, compressed);
  sharedBytes += compressed.byteLength;
  while (shared.size > SHARED_CACHE_ENTRIES || sharedBytes > SHARED_CACHE_BYTES) {
    const [oldest, bytes] = shared.entries().next().value!;
    shared.delete(oldest);
    sharedBytes -= bytes.byteLength;
  }
  return compressed;
}

/** How many compressed bodies the shared cache holds (for tests). */
export const sharedCacheSize = (): number => shared.size;

export interface CompressOptions {
  method?: string;
  /** The headers to send, when the caller has made them already (a fresh Headers this may change). */
  headers?: Headers;
  /** The answer is the same for everyone (no session): identical bodies are compressed once. */
  shared?: boolean;
}

/**
 * `response` compressed for a client that sent `acceptEncoding`: brotli, else gzip, else as it
 * is. Left alone: HEAD, bodiless and partial answers, types that are compressed already (images,
 * PDFs), answers that carry an encoding or `Cache-Control: no-transform`. Given `headers`, the
 * answer is always a new Response with them (one Response per request, not one per step).
 */
export async function compressResponse(response: Response, acceptEncoding: string | null, options: CompressOptions | string = {}): Promise<Response> {
  const { method = 'GET', headers: given, shared: isShared = false } = typeof options === 'string' ? { method: options } : options;
  const headers = given ?? new Headers(response.headers);
  const { status } = response;
  const init = { status, statusText: response.statusText, headers };
  if (
    !response.body ||
    method === 'HEAD' ||
    status < 200 ||
    status === 204 ||
    status === 206 ||
    status === 304 ||
    !COMPRESSIBLE.test(headers.get('content-type') ?? '') ||
    headers.has('content-encoding') ||
    /no-transform/i.test(headers.get('cache-control') ?? '')
  ) {
    return given ? new Response(response.body, init) : response;
  }
  withVary(headers);
  const body = new Uint8Array(await response.arrayBuffer());
  const coding = body.byteLength < COMPRESS_THRESHOLD ? undefined : preferredEncoding(acceptEncoding);
  if (coding !== 'br' && coding !== 'gzip') return new Response(body, init);
  const compressed = isShared ? compressShared(body, coding) : compressBody(body, coding);
  headers.set('content-encoding', coding);
  headers.set('content-length', String(compressed.byteLength));
  return new Response(new Uint8Array(compressed.buffer as ArrayBuffer, compressed.byteOffset, compressed.byteLength), init);
}
