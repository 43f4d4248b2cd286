// The HTTP front door around Astro's standalone handler (static files + pages). Plain JS so the
// start script runs it without a build step.
import zlib from 'node:zlib';

/** Largest request body accepted (uploads included); bigger ones get 413 before being read. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Certificate uploads (PDF/PNG/JPEG up to 5 MB) need more room, and only on that route: the app
 * itself refuses files over 5 MB with a clearer message than a bare 413. */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;
const UPLOAD_PATHS = [/^\/me\/ce(\/|$)/];

/**
 * Astro takes the client address from X-Forwarded-For whenever it is present. Unless the operator
 * says a trusted proxy sets those headers (TRUST_PROXY=1), they are removed, so nobody can dodge
 * per-address rate limits by inventing one.
 */
export function stripUntrustedForwarding(req, trustProxy) {
  if (trustProxy) return;
  for (const name of Object.keys(req.headers)) {
    if (name.startsWith('x-forwarded-') || name === 'forwarded') delete req.headers[name];
  }
}

export function bodyLimitFor(url) {
  const path = (url ?? '/').split('?')[0];
  return UPLOAD_PATHS.some((re) => re.test(path)) ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES;
}

function tooLarge(res, limit) {
  res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  res.end(`The request is too large. The limit is ${Math.round(limit / 1024)} KB.`);
}

/**
 * Refuses bodies over the limit at once when Content-Length says so, without reading the body.
 * Returns false when the request has been answered.
 */
export function enforceBodyLimit(req, res, limit = bodyLimitFor(req.url)) {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    tooLarge(res, limit);
    req.resume();
    return false;
  }
  return true;
}

/**
 * Reads a request body whole, up to the limit, before the app sees it, and hands it to Astro as an
 * async iterable (the Node adapter reads `req.body` when it is one: an object with no own keys).
 *
 * - A body without Content-Length (chunked) is counted as it arrives; past the limit the request
 *   gets 413 and never reaches the app.
 * - A client that goes away mid-body never reaches the app either. Handing Astro a request whose
 *   stream the client had aborted made undici throw "Response body object should not be disturbed
 *   or locked", logged as "Could not render" with a 500 nobody received (seen at the end of every
 *   load run, when the load generator stops with requests in flight).
 *
 * Bodies are small (forms, at most 1 MB; uploads at most 8 MB), so holding one in memory is cheap.
 * Requests without a body go straight through. Calls `next()` when the body is ready.
 */
export function bufferBody(req, res, next, limit = bodyLimitFor(req.url)) {
  const chunked = req.headers['transfer-encoding'] !== undefined && req.headers['content-length'] === undefined;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (!chunked && !(declared > 0)) return next();
  const chunks = [];
  let seen = 0;
  let done = false;
  req.on('data', (chunk) => {
    if (done) return;
    seen += chunk.length;
    if (seen > limit) {
      done = true;
      tooLarge(res, limit);
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (done) return;
    done = true;
    const body = Buffer.concat(chunks);
    if (chunked) {
      req.headers['content-length'] = String(body.length);
      delete req.headers['transfer-encoding'];
    }
    req.body = (async function* () {
      if (body.length) yield body;
    })();
    next();
  });
  // 'end' never comes for a body cut short: the client closed the connection, so nobody is waiting.
  req.on('error', () => {
    done = true;
  });
  req.on('close', () => {
    if (!req.complete) done = true;
  });
}

/** Hashed build output (`/_astro/name.HASH.js`): a changed file gets a new name, so it can be cached for a year. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** Other public files (favicon, images) keep their names when they change: cache them briefly. */
export const STATIC_CACHE = 'public, max-age=3600';
/** Bodies smaller than this are sent as they are: compressing them saves nothing worth the CPU. */
export const MIN_COMPRESS_BYTES = 1024;
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|javascript|xml|manifest\+json|ld\+json)|image\/svg\+xml)/i;

/**
 * The encoding to answer with, from an Accept-Encoding header: brotli when the client takes it at
 * least as willingly as gzip, else gzip, else none. Entries with q=0 are refused; `*` stands for
 * any coding the header does not name.
 */
export function negotiateEncoding(header) {
  if (!header) return null;
  const q = new Map();
  for (const part of String(header).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const weight = (name) => (q.has(name) ? q.get(name) : (q.get('*') ?? 0));
  const br = weight('br');
  const gzip = weight('gzip');
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return null;
}

/** The Cache-Control a static file response should carry, or null to leave the response alone. */
export function cacheControlFor(path, status, headers) {
  if (status !== 200 && status !== 304) return null;
  if (path.startsWith('/_astro/')) return IMMUTABLE_CACHE;
  // Files from public/ come from Astro's static handler (`send`), which marks them with an ETag
  // or Last-Modified and `max-age=0`. Pages never carry these, so they are never cached here.
  const fromFile = headers['last-modified'] !== undefined || headers.etag !== undefined;
  const current = String(headers['cache-control'] ?? '').replace(/\s+/g, '');
  if (fromFile && /\.[a-z0-9]+$/i.test(path) && (current === '' || current === 'public,max-age=0')) return STATIC_CACHE;
  return null;
}

function appendVary(res, field) {
  const vary = res.getHeader('vary');
  const list = Array.isArray(vary) ? vary.join(',') : String(vary ?? '');
  if (list.split(',').some((v) => v.trim() === '*' || v.trim().toLowerCase() === field.toLowerCase())) return;
  res.setHeader('vary', list.trim() ? `${list}, ${field}` : field);
}

function lowerCaseHeaders(res) {
  const out = {};
  for (const [k, v] of Object.entries(res.getHeaders())) out[k.toLowerCase()] = v;
  return out;
}

/**
 * Wraps one response so that, when its headers are decided: static files get their cache headers,
 * and compressible bodies (HTML, JSON, CSS, JS, SVG...) are gzip- or brotli-compressed as they are
 * streamed, never buffered whole. Whatever the handler does (writeHead, implicit headers from
 * write/end, piping a file stream with backpressure), the wrapper sees the headers first.
 */
export function prepareResponse(req, res) {
  const path = (req.url ?? '/').split('?')[0];
  const encoding = req.method === 'HEAD' || req.headers.range ? null : negotiateEncoding(req.headers['accept-encoding']);
  const writeHead = res.writeHead;
  const write = res.write;
  const end = res.end;
  const on = res.on;
  const once = res.once;
  const addListener = res.addListener;
  let decided = false;
  /** @type {import('node:zlib').Gzip | import('node:zlib').BrotliCompress | null} */
  let stream = null;
  /** 'drain' listeners registered before we knew whether we compress. */
  const pendingDrain = [];

  function decide(status, bodyHint) {
    decided = true;
    compressIfWorthIt(status, bodyHint);
    if (stream) return;
    for (const [method, listener] of pendingDrain.splice(0)) (method === 'once' ? once : on).call(res, 'drain', listener);
    // end(body) without writeHead: keep the Content-Length Node would have set on its own.
    if (bodyHint > 0 && req.method !== 'HEAD' && !res.hasHeader('content-length') && !res.hasHeader('transfer-encoding')) {
      res.setHeader('content-length', bodyHint);
    }
  }

  function compressIfWorthIt(status, bodyHint) {
    const headers = lowerCaseHeaders(res);
    const cache = cacheControlFor(path, status, headers);
    if (cache) res.setHeader('cache-control', cache);
    const type = String(headers['content-type'] ?? '');
    if (!COMPRESSIBLE.test(type)) return;
    appendVary(res, 'Accept-Encoding');
    const length = headers['content-length'] !== undefined ? Number(headers['content-length']) : bodyHint;
    if (
      !encoding ||
      status < 200 || status === 204 || status === 206 || status === 304 ||
      headers['content-encoding'] !== undefined ||
      (length !== undefined && length < MIN_COMPRESS_BYTES)
    ) return;
    res.removeHeader('content-length');
    res.setHeader('content-encoding', encoding);
    // The compressed body is a different representation: a strong ETag must not claim otherwise.
    const etag = headers.etag;
    if (typeof etag === 'string' && !etag.startsWith('W/')) res.setHeader('etag', `W/${etag}`);
    stream =
      encoding === 'br'
        ? zlib.createBrotliCompress({
            params: {
              // Brotli's default quality (11) is far too slow per request. Pages and action results
              // are streamed and compressed on every request: quality 2 makes them about as small
              // as gzip -6 for less CPU (measured by `npm run bench`, see README "Performance").
              // Files (known length: the hashed JS and CSS a browser then caches for a year) get 5.
              // A 256 KB window instead of the default 4 MB, whose allocation on every response
              // halved the lesson page's throughput.
              [zlib.constants.BROTLI_PARAM_QUALITY]: length !== undefined ? 5 : 2,
              [zlib.constants.BROTLI_PARAM_LGWIN]: 18,
              [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
              ...(length !== undefined ? { [zlib.constants.BROTLI_PARAM_SIZE_HINT]: length } : {}),
            },
          })
        : zlib.createGzip();
    stream.on('data', (chunk) => {
      if (write.call(res, chunk) === false) stream.pause();
    });
    stream.on('end', () => end.call(res));
    stream.on('error', (error) => res.destroy(error));
    on.call(res, 'drain', () => stream.resume());
    on.call(res, 'close', () => {
      if (!stream.writableFinished) stream.destroy();
    });
    for (const [method, listener] of pendingDrain.splice(0)) stream[method]('drain', listener);
  }

  function ensureDecided(bodyHint) {
    if (!decided && !res.headersSent) res.writeHead(res.statusCode, undefined, undefined, bodyHint);
  }

  res.writeHead = function (status, reason, headers, bodyHint) {
    if (decided || res.headersSent) return writeHead.apply(res, arguments);
    if (typeof reason !== 'string') {
      headers = reason;
      reason = undefined;
    }
    if (Array.isArray(headers)) {
      // Raw [name, value, name, value...] or [[name, value]...] as http.ServerResponse accepts.
      const pairs = Array.isArray(headers[0]) ? headers : headers.flatMap((v, i) => (i % 2 ? [] : [[v, headers[i + 1]]]));
      for (const [k, v] of pairs) res.setHeader(k, v);
    } else if (headers) {
      for (const [k, v] of Object.entries(headers)) if (v !== undefined) res.setHeader(k, v);
    }
    res.statusCode = status;
    decide(status, bodyHint);
    return reason === undefined ? writeHead.call(res, status) : writeHead.call(res, status, reason);
  };

  res.write = function (chunk, enc, cb) {
    ensureDecided();
    if (!stream) return write.apply(res, arguments);
    return stream.write(typeof chunk === 'string' ? Buffer.from(chunk, typeof enc === 'string' ? enc : 'utf8') : chunk, typeof enc === 'function' ? enc : cb);
  };

  res.end = function (chunk, enc, cb) {
    if (typeof chunk === 'function') [chunk, enc, cb] = [undefined, undefined, chunk];
    else if (typeof enc === 'function') [enc, cb] = [undefined, enc];
    const body = chunk === undefined || chunk === null ? undefined : typeof chunk === 'string' ? Buffer.from(chunk, enc ?? 'utf8') : chunk;
    // A whole body handed to end() without a Content-Length still tells us whether it is worth compressing.
    ensureDecided(decided ? undefined : (body?.length ?? 0));
    if (!stream) return end.call(res, body, cb);
    if (cb) res.once('finish', cb);
    if (body) stream.end(body);
    else stream.end();
    return res;
  };

  // Readable.pipe() waits for 'drain' on the response; while we compress, that is the compressor's.
  const redirect = (method, original) =>
    function (event, listener) {
      if (event !== 'drain') return original.call(res, event, listener);
      if (stream) stream[method]('drain', listener);
      else if (!decided) pendingDrain.push([method, listener]);
      else original.call(res, event, listener);
      return res;
    };
  res.on = redirect('on', on);
  res.addListener = redirect('on', addListener);
  res.once = redirect('once', once);
}

/**
 * RFC 8058 one-click unsubscribe: a mail program's "Unsubscribe" button POSTs
 * `List-Unsubscribe=One-Click` to the link in the List-Unsubscribe header, from its own servers,
 * so the request never carries our Origin and Astro's CSRF check would refuse it. The link holds
 * its own secret token and can only turn reminder emails off, so for exactly that path the front
 * door vouches for the origin. Every other POST keeps the check.
 */
export function allowOneClickUnsubscribe(req) {
  if (req.method !== 'POST' || !/^\/unsubscribe\?token=[a-z2-7]{32}$/.test(req.url ?? '')) return;
  const proto = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() || (req.socket?.encrypted ? 'https' : 'http');
  const host = String(req.headers['x-forwarded-host'] ?? '').split(',')[0]?.trim() || req.headers.host;
  if (host) req.headers.origin = `${proto}://${host}`;
}

export function createFrontDoor(handler, { trustProxy = false, compress = true } = {}) {
  return (req, res) => {
    stripUntrustedForwarding(req, trustProxy);
    allowOneClickUnsubscribe(req);
    if (!enforceBodyLimit(req, res)) return;
    bufferBody(req, res, () => {
      if (compress) prepareResponse(req, res);
      handler(req, res);
    });
  };
}
