// The HTTP front door around Astro's handler: only what Astro and Node cannot do
// themselves. Plain JS so the start script runs it without a build step.
// - forwarding headers: dropped, or reduced to the address a trusted proxy saw (TRUST_PROXY hops);
// - body limits and a body deadline, before Astro reads anything;
// - static files from memory, precompressed, with their cache and security headers
//   (scripts/static-files.mjs), before Astro's page pipeline (the adapter runs in 'middleware' mode);
// - the app's answers compressed whole, in one native call (scripts/compress-answers.mjs);
// - server timeouts and a connection cap (applyServerLimits).
import { isUtf8 } from 'node:buffer';
import { join } from 'node:path';
import { parse as parseCookies } from 'cookie';
import { pathToFileURL } from 'node:url';
import { MAX_BODY_BYTES, MAX_UPLOAD_BYTES, isUploadAction } from '../src/lib/shared/body-limits.mjs';
import { createStaticHandler, loadStaticFiles } from './static-files.mjs';
import { compressAnswers } from './compress-answers.mjs';

export { MAX_BODY_BYTES, MAX_UPLOAD_BYTES };

/** A body must arrive whole within this long after its headers (a client trickling bytes holds memory). */
export const BODY_TIMEOUT_MS = 30_000;

/**
 * Astro takes the client address from the leftmost X-Forwarded-For entry, which the client writes
 * itself: a proxy only appends the address it saw. So:
 * - `trustProxy` 0 (no proxy): every forwarding header is removed; Astro uses the socket address.
 * - `trustProxy` N: the client is the entry N places from the right (the one your outermost proxy
 *   appended), and X-Forwarded-For is rewritten to that one address before Astro reads it.
 *   With fewer entries than proxies, the request did not come through them all: the leftmost is used.
 */
export function stripUntrustedForwarding(req, trustProxy) {
  const hops = trustProxy === true ? 1 : Number(trustProxy) || 0;
  if (hops > 0) {
    const raw = req.headers['x-forwarded-for'];
    const entries = (Array.isArray(raw) ? raw.join(',') : String(raw ?? ''))
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (entries.length) req.headers['x-forwarded-for'] = entries[Math.max(0, entries.length - hops)];
    return;
  }
  for (const name of Object.keys(req.headers)) {
    if (name.startsWith('x-forwarded-') || name === 'forwarded') delete req.headers[name];
  }
}

/**
 * Whether the request carries a session cookie (valid or not: the app decides that), read with the
 * parser Astro reads cookies with, so the two never disagree: `session =abc` or `session=\tabc` is a
 * session to Astro, and must be one here too (it decides the shared compression cache and the
 * upload limit). Either name counts, whichever one the deployment uses.
 */
export function hasSessionCookie(req) {
  const cookie = req.headers?.cookie;
  if (!cookie) return false;
  const jar = parseCookies(Array.isArray(cookie) ? cookie.join('; ') : String(cookie));
  return Boolean(jar.session || jar['__Host-session']);
}

/**
 * The most the front door lets through: the upload limit only for the upload action of someone who
 * has a session cookie (the middleware then checks that the session is a member's before reading
 * a byte); 1 MB for everything else.
 */
export function bodyLimitFor(url, withSession = false) {
  return withSession && isUploadAction(url) ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES;
}

function refuse(res, status, message) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  res.end(message);
}
const tooLarge = (res, limit) => refuse(res, 413, `The request is too large. The limit is ${Math.round(limit / 1024)} KB.`);

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
 * Reads a request body whole, up to the limit and within the deadline, before the app sees it, and
 * hands it to Astro as `req.body`: the adapter reads a body that middleware before it has already
 * consumed from there, as with Express body parsers (a string when the bytes are UTF-8, else an
 * async iterable of them).
 *
 * - A body without Content-Length (chunked) is counted as it arrives; past the limit the request
 *   gets 413 and never reaches the app.
 * - A body that has not arrived whole within `timeoutMs` gets 408 and the connection is closed.
 * - A client that goes away mid-body never reaches the app either. Handing Astro a request whose
 *   stream the client had aborted made undici throw "Response body object should not be disturbed
 *   or locked", logged as "Could not render" with a 500 nobody received.
 *
 * Requests without a body go straight through. Calls `next()` when the body is ready.
 */
export function bufferBody(req, res, next, limit = bodyLimitFor(req.url), timeoutMs = BODY_TIMEOUT_MS) {
  const chunked = req.headers['transfer-encoding'] !== undefined && req.headers['content-length'] === undefined;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (!chunked && !(declared > 0)) return next();
  const chunks = [];
  let seen = 0;
  let done = false;
  const timer = setTimeout(() => {
    if (done) return;
    done = true;
    refuse(res, 408, 'The request body took too long to arrive. Please try again.');
    req.destroy();
  }, timeoutMs);
  timer.unref?.();
  const finish = () => {
    done = true;
    clearTimeout(timer);
  };
  req.on('data', (chunk) => {
    if (done) return;
    seen += chunk.length;
    if (seen > limit) {
      finish();
      tooLarge(res, limit);
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (done) return;
    finish();
    const body = Buffer.concat(chunks);
    if (chunked) {
      req.headers['content-length'] = String(body.length);
      delete req.headers['transfer-encoding'];
    }
    // Astro's adapter turns a string body back into bytes itself (UTF-8), which skips the stream an
    // async iterable needs and the copy of it that reading a form clones: about 12 µs of a form post.
    // A body that is not valid UTF-8 would not survive that round trip byte for byte, so it (and an
    // empty one, which the adapter would read from the finished request) stays an async iterable.
    req.body =
      body.length > 0 && isUtf8(body)
        ? body.toString('utf8')
        : (async function* () {
            if (body.length) yield body;
          })();
    next();
  });
  // 'end' never comes for a body cut short: the client closed the connection, so nobody is waiting.
  req.on('error', finish);
  req.on('close', () => {
    if (!req.complete) finish();
  });
}

/**
 * Node's own limits for a public server: a request must be complete within a minute and its
 * headers within 15 s, an idle keep-alive connection closes after 5 s, and at most
 * `maxConnections` sockets are open at once (further ones are refused, not queued).
 */
export function applyServerLimits(server, { maxConnections = 500 } = {}) {
  server.requestTimeout = 60_000;
  server.headersTimeout = 15_000;
  server.keepAliveTimeout = 5_000;
  server.maxConnections = maxConnections;
  return server;
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

/**
 * `trustProxy`: how many reverse proxies you control stand in front (TRUST_PROXY); 0 trusts no
 * forwarding header. `headers`: set on every response (the security headers; the middleware sets
 * them again on pages). `staticFiles`: the files loadStaticFiles read, answered before anything
 * else. Pages and other answers of the app are compressed here (compress-answers.mjs): an answer to
 * a request without a session cookie is the same for everyone, so identical bodies are compressed once.
 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void} handler
 * @param {{ trustProxy?: number | boolean, headers?: Record<string, string>, bodyTimeoutMs?: number, staticFiles?: ReturnType<typeof loadStaticFiles> }} [options]
 */
export function createFrontDoor(handler, { trustProxy = 0, headers = {}, bodyTimeoutMs = BODY_TIMEOUT_MS, staticFiles } = {}) {
  const staticHeaders = Object.entries(headers);
  const serveStatic = staticFiles ? createStaticHandler(staticFiles) : () => false;
  return (req, res) => {
    if (serveStatic(req, res)) return;
    for (const [name, value] of staticHeaders) res.setHeader(name, value);
    const withSession = hasSessionCookie(req);
    // Whatever answers a request with a session cookie may show that person's data: never cached,
    // also for the few answers Astro makes before the middleware (a trailing-slash redirect, its
    // cross-site form refusal), which the middleware would otherwise mark itself.
    if (withSession) res.setHeader('cache-control', 'no-store');
    // As the adapter's standalone handler did: a path that does not decode is a bad request. One
    // still percent-encoded once decoded (`%252E`) matches no route in Astro either
    // (validateAndDecodePathname), which answers 404 but logs an error for each: anyone could fill
    // the log. The same 404 comes from here, without the log line.
    // One decode of the whole address: decodeURI leaves an escaped '?' (%3F) as it is, so the path
    // is what comes before the first '?' both before and after decoding.
    const url = req.url ?? '/';
    let decoded;
    try {
      decoded = decodeURI(url).split('?')[0];
    } catch {
      return refuse(res, 400, 'Bad request.');
    }
    if (decoded !== url.split('?')[0] && /%[0-9a-fA-F]{2}/.test(decoded)) return refuse(res, 404, 'Not found.');
    // Actions take POST only. Astro answers any other method there with its 404 page, and a warning
    // in the log for each request.
    if (decoded.startsWith('/_actions/') && req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return refuse(res, 405, 'Method not allowed: actions take POST.');
    }
    // Node's Request (undici) refuses TRACE outright, which Astro's adapter answers with a 500 and a
    // logged stack trace: anyone could fill the error log. The site has nothing to trace.
    if (req.method === 'TRACE') {
      res.setHeader('allow', 'GET, HEAD, POST');
      return refuse(res, 405, 'Method not allowed.');
    }
    stripUntrustedForwarding(req, trustProxy);
    allowOneClickUnsubscribe(req);
    const limit = bodyLimitFor(req.url, withSession);
    if (!enforceBodyLimit(req, res, limit)) return;
    const serve = () => handler(req, compressAnswers(req, res, { shared: !withSession && req.method === 'GET' }));
    // A member's upload streams to Astro, which checks the session and reads at most the upload
    // limit (security.actionBodySizeLimit); every other body is read here first, within 1 MB.
    if (limit === MAX_UPLOAD_BYTES) return serve();
    bufferBody(req, res, serve, limit, bodyTimeoutMs);
  };
}

/**
 * The built site behind the front door, as `npm start` and the bench serve it: Astro's handler from
 * `<dist>/server/entry.mjs` (adapter in 'middleware' mode: pages only) and the files of
 * `<dist>/client` from memory. Returns the request listener for http.createServer.
 */
export async function siteHandler(dist, options = {}) {
  const { handler } = await import(pathToFileURL(join(dist, 'server', 'entry.mjs')).href);
  const staticFiles = loadStaticFiles(join(dist, 'client'), { headers: options.headers ?? {} });
  return createFrontDoor(handler, { ...options, staticFiles });
}
