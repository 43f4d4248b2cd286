// Compression of the app's answers (pages, action results, CSV) in the front door, on Node's side
// of the adapter: the body Astro writes to the ServerResponse is held, compressed whole in one
// native zlib call, and sent with its length. Plain JS so the start script runs it without a build.
//
// Why here and not in the middleware: there, the page's Response had to be read back through web
// streams and a second Response built around the compressed bytes, only for the adapter to read
// that one through web streams again (about a third of what compression cost a lesson in the
// bench's profiles, besides zlib itself). Here the adapter's one read is the only one.
//
// Why whole rather than streamed: a zlib stream per response fed chunk by chunk (the `compression`
// package, removed) was about a fifth of a page's CPU; pages are rendered to one string anyway
// (`experimentalDisableStreaming`), so there is nothing to stream (bench/README.md, "Streaming").
//
// Brotli at quality 2 with a 256 KB window: quality 4 took about three times the CPU for about 4 %
// fewer bytes on a page, the default quality (11) is far too slow per response, and the default
// 4 MB window, allocated for every response, halved the lesson page's throughput.
// Static files never come here: the build precompresses them (scripts/static-files.mjs).
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { preferredEncoding } from '../src/lib/shared/encoding.mjs';

/** Bodies smaller than this go as they are: the headers would eat the saving. */
export const COMPRESS_THRESHOLD = 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|manifest\+json)|image\/svg\+xml)/i;

/** @param {Uint8Array} body @param {'br' | 'gzip'} coding @returns {Buffer} */
export function compressBody(body, coding) {
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

/**
 * Compressed bodies of answers that are the same for everyone (signed-out pages such as the
 * catalog, /verify, the sign-in form), by coding and SHA-256 of the body: the page is still rendered,
 * but identical bytes are compressed once. A personal answer never goes in (whoever is signed in
 * sees their own name in it), so the cache holds nothing anyone could not fetch signed out. Least
 * recently used out first, bounded by count and bytes.
 */
const SHARED_CACHE_ENTRIES = 256;
const SHARED_CACHE_BYTES = 4 * 1024 * 1024;
const shared = new Map();
let sharedBytes = 0;

function compressShared(body, coding) {
  // createHash rather than crypto.hash, which Node 20 has only from 20.12 (package.json allows 20.3).
  const key = `${coding}:${createHash('sha256').update(body).digest('base64')}`;
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
    const [oldest, bytes] = shared.entries().next().value;
    shared.delete(oldest);
    sharedBytes -= bytes.byteLength;
  }
  return compressed;
}

/** How many compressed bodies the shared cache holds (for tests). */
export const sharedCacheSize = () => shared.size;

const headerText = (value) => (Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value));

/** Whether an answer with this status and these headers (read from `res`) is one to compress. */
function compressible(res, status) {
  return (
    status >= 200 &&
    status !== 204 &&
    status !== 206 &&
    status !== 304 &&
    COMPRESSIBLE.test(headerText(res.getHeader('content-type'))) &&
    !res.hasHeader('content-encoding') &&
    !/no-transform/i.test(headerText(res.getHeader('cache-control')))
  );
}

function addVary(res) {
  const vary = headerText(res.getHeader('vary'));
  if (!vary) res.setHeader('vary', 'Accept-Encoding');
  else if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) res.setHeader('vary', `${vary}, Accept-Encoding`);
}

/**
 * Makes `res` compress what the app writes to it for a client that sent `req`'s Accept-Encoding:
 * brotli, else gzip, else as it is. Left alone (written through as they come): bodiless and
 * partial answers, types that are compressed already (images, PDFs), answers that carry an
 * encoding or `Cache-Control: no-transform`. A HEAD is answered with the headers the same GET
 * gets (its encoding and compressed length); Node leaves the body out. `shared`: the answer is the same for everyone (no
 * session, GET), so identical bodies are compressed once. Returns `res`.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {{ shared?: boolean }} [options]
 */
export function compressAnswers(req, res, { shared: isShared = false } = {}) {
  const { writeHead, write, end } = res;
  const restore = () => {
    res.writeHead = writeHead;
    res.write = write;
    res.end = end;
  };
  /** @type {Buffer[]} */
  const chunks = [];
  let status;
  let statusMessage;
  res.writeHead = function (code, ...rest) {
    const message = typeof rest[0] === 'string' ? rest.shift() : undefined;
    const headers = rest[0];
    // The adapter hands its headers as an object; set them on `res` so that what the front door set
    // already (the security headers) and what the app sent are read and changed in one place.
    if (Array.isArray(headers)) for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(headers[i], headers[i + 1]);
    else if (headers) for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
    status = code;
    statusMessage = message;
    if (!compressible(res, code)) {
      // Written through: an image, a PDF, a redirect, an answer already encoded.
      restore();
      return message === undefined ? writeHead.call(res, code) : writeHead.call(res, code, message);
    }
    return res;
  };
  res.write = function (chunk, encoding, callback) {
    if (typeof encoding === 'function') [callback, encoding] = [encoding, undefined];
    if (chunk != null) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (callback) process.nextTick(callback);
    return true;
  };
  res.end = function (chunk, encoding, callback) {
    if (typeof chunk === 'function') [callback, chunk] = [chunk, undefined];
    if (typeof encoding === 'function') [callback, encoding] = [encoding, undefined];
    if (chunk != null) res.write(chunk, encoding);
    restore();
    const code = status ?? res.statusCode;
    if (status === undefined && !compressible(res, code)) return end.call(res, Buffer.concat(chunks), callback);
    const body = Buffer.concat(chunks);
    if (body.byteLength > 0) addVary(res);
    const coding = body.byteLength < COMPRESS_THRESHOLD ? undefined : preferredEncoding(headerText(req.headers['accept-encoding']));
    let payload = body;
    if (coding === 'br' || coding === 'gzip') {
      payload = isShared ? compressShared(body, coding) : compressBody(body, coding);
      res.setHeader('content-encoding', coding);
    }
    res.setHeader('content-length', payload.byteLength);
    if (statusMessage === undefined) writeHead.call(res, code);
    else writeHead.call(res, code, statusMessage);
    return end.call(res, payload, callback);
  };
  return res;
}
