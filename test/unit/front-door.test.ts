import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { MAX_BODY_BYTES, MAX_UPLOAD_BYTES, applyServerLimits, bodyLimitFor, createFrontDoor, hasSessionCookie, stripUntrustedForwarding } from '../../scripts/front-door.mjs';
import { sharedCacheSize } from '../../scripts/compress-answers.mjs';

describe('front door', () => {
  const headers = () => ({ host: 'localhost', 'x-forwarded-for': '6.6.6.6', 'x-forwarded-host': 'evil.test', forwarded: 'for=6.6.6.6', accept: '*/*' });

  it('drops forwarding headers unless a trusted proxy is declared', () => {
    const req = { headers: headers() };
    stripUntrustedForwarding(req, false);
    expect(req.headers).toEqual({ host: 'localhost', accept: '*/*' });
  });

  it('keeps them behind a trusted proxy', () => {
    const req = { headers: headers() };
    stripUntrustedForwarding(req, 1);
    expect(req.headers['x-forwarded-for']).toBe('6.6.6.6');
  });

  it('takes the client a configured number of hops from the right, never the entry the client wrote (16.1)', () => {
    // One proxy appends the address it saw (127.0.0.1 here) to whatever the client sent.
    const one = { headers: { 'x-forwarded-for': '198.51.100.7, 127.0.0.1' } as Record<string, string> };
    stripUntrustedForwarding(one, 1);
    expect(one.headers['x-forwarded-for']).toBe('127.0.0.1');
    // Two proxies: the outer one appended the client's address, the inner one the outer proxy's.
    const two = { headers: { 'x-forwarded-for': '198.51.100.7, 203.0.113.9, 10.0.0.2' } as Record<string, string> };
    stripUntrustedForwarding(two, 2);
    expect(two.headers['x-forwarded-for']).toBe('203.0.113.9');
    const short = { headers: { 'x-forwarded-for': '203.0.113.9' } as Record<string, string> };
    stripUntrustedForwarding(short, 2);
    expect(short.headers['x-forwarded-for']).toBe('203.0.113.9');
  });
});

// ---------- a real server around a stand-in for Astro's handler ----------

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as sent on the wire. */
  raw: Buffer;
  /** The body after undoing Content-Encoding. */
  body: string;
}

let server: Server;
let base: string;
let route: RequestListener = (_req, res) => res.end();
const seen: { forwardedFor?: string } = {};
const dir = mkdtempSync(join(tmpdir(), 'front-door-'));

beforeAll(async () => {
  server = createServer(
    createFrontDoor((req: IncomingMessage, res: ServerResponse) => {
      seen.forwardedFor = req.headers['x-forwarded-for'] as string | undefined;
      route(req, res);
    }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

/** The body as Astro's Node adapter reads it: from `req.body` when the front door set it (a string as UTF-8 bytes, else async-iterable). */
async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const given = (req as IncomingMessage & { body?: string | AsyncIterable<Buffer> }).body;
  if (typeof given === 'string') return Buffer.from(given);
  const source = given ?? req;
  const chunks: Buffer[] = [];
  for await (const c of source) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

function call(path: string, opts: { method?: string; headers?: Record<string, string | number>; body?: Buffer | string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const enc = res.headers['content-encoding'];
        let body: string;
        try {
          body = (enc === 'br' ? brotliDecompressSync(raw) : enc === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
        } catch {
          body = '(not decodable)';
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('front door: request headers and body limit, end to end', () => {
  it('strips forwarding headers before the handler sees them', async () => {
    route = (_req, res) => res.end('ok');
    await call('/', { headers: { 'x-forwarded-for': '6.6.6.6' } });
    expect(seen.forwardedFor).toBeUndefined();
  });

  it('answers 413 from the Content-Length alone, without calling the handler', async () => {
    let called = false;
    route = (_req, res) => {
      called = true;
      res.end('ok');
    };
    const reply = await call('/courses/x', { method: 'POST', body: Buffer.alloc(MAX_BODY_BYTES + 1) });
    expect(reply.status).toBe(413);
    expect(called).toBe(false);
  });

  it('counts a chunked body and refuses it once it passes the limit', async () => {
    let handled = 0;
    route = (req, res) => {
      void bodyOf(req).then((b) => {
        handled += b.length;
        res.end('ok');
      });
    };
    // No Content-Length: the limit has to count the bytes as they come, then cut the upload off.
    const status = await new Promise<number>((resolve) => {
      const req = request(`${base}/courses/x`, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', () => {});
      const chunk = Buffer.alloc(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent <= MAX_BODY_BYTES + chunk.length) {
          sent += chunk.length;
          if (!req.write(chunk)) return req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(handled).toBeLessThanOrEqual(MAX_BODY_BYTES + 64 * 1024);
  });

  it('gives the larger limit only to the upload action of a request with a session (16.4)', () => {
    expect(bodyLimitFor('/me/ce?_action=ce.addExternal', true)).toBe(MAX_UPLOAD_BYTES);
    expect(bodyLimitFor('/_actions/ce.addExternal', true)).toBe(MAX_UPLOAD_BYTES);
    // Without a session, or for anything else under /me/ce (the old rule gave every /me/ce path 8 MB).
    expect(bodyLimitFor('/me/ce?_action=ce.addExternal', false)).toBe(MAX_BODY_BYTES);
    expect(bodyLimitFor('/me/ce', true)).toBe(MAX_BODY_BYTES);
    expect(bodyLimitFor('/me/ce?_action=ce.deleteExternal', true)).toBe(MAX_BODY_BYTES);
    expect(bodyLimitFor('/courses/x', true)).toBe(MAX_BODY_BYTES);
    expect(MAX_UPLOAD_BYTES).toBe(6 * 1024 * 1024);
    expect(hasSessionCookie({ headers: { cookie: 'a=1; session=abc' } })).toBe(true);
    expect(hasSessionCookie({ headers: { cookie: '__Host-session=abc' } })).toBe(true);
    expect(hasSessionCookie({ headers: { cookie: 'mysession=abc; session=' } })).toBe(false);
  });

  it("sees a session cookie exactly where Astro's cookie parser does, spaces and tabs included", () => {
    // What cookie.parse (Astro's) reads as session=abc: the front door must not call these signed out.
    for (const cookie of ['session =abc', 'session= abc', 'session=\tabc', 'session\t=abc', 'a=1;session=abc', 'a=1;  session=abc ', 'session="abc"'])
      expect(hasSessionCookie({ headers: { cookie } }), cookie).toBe(true);
    for (const cookie of ['Session=abc', 'session=', 'session= ', 'xsession=abc', 'session_x=abc', ''])
      expect(hasSessionCookie({ headers: { cookie } }), cookie).toBe(false);
    expect(hasSessionCookie({ headers: {} })).toBe(false);
  });

  it('never keeps the compressed answer to a request with a session cookie, however it is spelled', async () => {
    route = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<p>${'A page for whoever asked. '.repeat(100)}</p>`);
    };
    const start = sharedCacheSize();
    const personal = await call('/page', { headers: { 'accept-encoding': 'br', cookie: 'session =abc' } });
    expect(personal.headers['content-encoding']).toBe('br');
    expect(personal.headers['cache-control']).toBe('no-store');
    expect(sharedCacheSize()).toBe(start);
    const anonymous = await call('/page', { headers: { 'accept-encoding': 'br' } });
    expect(anonymous.headers['cache-control']).toBeUndefined();
    expect(sharedCacheSize()).toBe(start + 1);
  });

  it('answers TRACE with 405 before the app, and its refusals carry the headers every answer gets', async () => {
    let called = false;
    route = (_req, res) => {
      called = true;
      res.end('app');
    };
    const guarded = createServer(createFrontDoor((req: IncomingMessage, res: ServerResponse) => route(req, res), { headers: { 'x-frame-options': 'DENY' } }));
    await new Promise<void>((r) => guarded.listen(0, '127.0.0.1', r));
    try {
      const at = `http://127.0.0.1:${(guarded.address() as AddressInfo).port}`;
      const send = (method: string, path: string) =>
        new Promise<{ status: number; headers: IncomingHttpHeaders }>((resolve, reject) => {
          const req = request(`${at}${path}`, { method }, (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
          });
          req.on('error', reject);
          req.end();
        });
      const trace = await send('TRACE', '/');
      expect(trace.status).toBe(405);
      expect(trace.headers.allow).toBe('GET, HEAD, POST');
      expect(trace.headers['x-frame-options']).toBe('DENY');
      const undecodable = await send('GET', '/%E0%A4%A');
      expect(undecodable.status).toBe(400);
      expect(undecodable.headers['x-frame-options']).toBe('DENY');
      // Still encoded once decoded ('%252E' is '%2E'): Astro would log an error and answer 404.
      expect((await send('POST', '/_actions/simulation%252Edecide')).status).toBe(404);
      expect((await send('GET', '/courses/a%2541')).status).toBe(404);
      // Only the path counts: a query may carry an escaped percent sign, and an escaped '?' stays in the path.
      expect((await send('GET', '/courses/a%3F%2541')).status).toBe(404);
      // Actions take POST only.
      for (const method of ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']) {
        const other = await send(method, '/_actions/simulation.decide');
        expect(other.status, method).toBe(405);
        expect(other.headers.allow).toBe('POST');
      }
      expect(called).toBe(false);
      // What stays the app's: a percent sign that decodes to a plain one, an escaped dot, a POST to an action.
      for (const [method, path] of [['GET', '/verify/AB%25'], ['GET', '/courses/a%2Eb'], ['GET', '/verify?code=%2541'], ['POST', '/_actions/simulation%2Edecide'], ['GET', '/_actionsx']]) {
        called = false;
        expect((await send(method!, path!)).status, path).toBe(200);
        expect(called, path).toBe(true);
      }
    } finally {
      await new Promise((r) => guarded.close(r));
    }
  });

  it('answers 408 to a body that does not arrive within the deadline, and frees the connection (16.4)', async () => {
    const slow = createServer(createFrontDoor((_req: IncomingMessage, res: ServerResponse) => res.end('never'), { bodyTimeoutMs: 200 }));
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    try {
      const port = (slow.address() as AddressInfo).port;
      const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(`http://127.0.0.1:${port}/_actions/x`, { method: 'POST', headers: { 'content-length': 1000 } }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        // One byte short of the announced length, then nothing: the front door must not wait forever.
        req.write(Buffer.alloc(999));
      });
      expect(reply.status).toBe(408);
      expect(reply.body).toContain('took too long');
    } finally {
      slow.closeAllConnections();
      await new Promise((r) => slow.close(r));
    }
  });

  it('sets Node\'s timeouts and a connection cap on the server (16.4)', () => {
    const s = applyServerLimits(createServer(), { maxConnections: 123 });
    expect(s.maxConnections).toBe(123);
    expect(s.requestTimeout).toBe(60_000);
    expect(s.headersTimeout).toBe(15_000);
    expect(s.keepAliveTimeout).toBe(5_000);
  });

  it('accepts a body just under the limit', async () => {
    route = (req, res) => void bodyOf(req).then((b) => res.end(String(b.length)));
    const reply = await call('/courses/x', { method: 'POST', body: Buffer.alloc(MAX_BODY_BYTES) });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(String(MAX_BODY_BYTES));
  });

  it('hands the app the body whole as req.body, byte for byte, chunked or not', async () => {
    route = (req, res) => void bodyOf(req).then((b) => res.end(`${req.headers['content-length']}:${b.toString('utf8')}`));
    const form = 'name=Jos%C3%A9&course=sample-course';
    expect((await call('/_actions/x', { method: 'POST', body: form, headers: { 'content-length': Buffer.byteLength(form) } })).body).toBe(`${form.length}:${form}`);
    const chunked = await new Promise<string>((resolve, reject) => {
      const req = request(`${base}/_actions/x`, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.write('a=1&');
      req.end('b=2');
    });
    // The front door gives a chunked body a Content-Length once it has counted it.
    expect(chunked).toBe('7:a=1&b=2');
  });

  it('hands a UTF-8 body over as a string and any other body as its bytes, so the app reads the same bytes either way', async () => {
    let kind = '';
    route = (req, res) => {
      const given = (req as IncomingMessage & { body?: unknown }).body;
      kind = typeof given;
      void bodyOf(req).then((b) => res.end(b.toString('hex')));
    };
    const json = Buffer.from(JSON.stringify({ name: 'José Ñúñez-Müller', note: '✓ 💬' }), 'utf8');
    expect((await call('/_actions/x', { method: 'POST', body: json, headers: { 'content-length': json.length, 'content-type': 'application/json' } })).body).toBe(json.toString('hex'));
    expect(kind).toBe('string');
    // 0xC3 alone and 0xFF are not UTF-8: decoding and encoding again would change them.
    const latin1 = Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0x4a, 0x6f, 0x73, 0xc3, 0xff]);
    expect((await call('/_actions/x', { method: 'POST', body: latin1, headers: { 'content-length': latin1.length } })).body).toBe(latin1.toString('hex'));
    expect(kind).toBe('object');
  });

  it('never hands the app a request whose client went away mid-body', async () => {
    let called = false;
    route = (req, res) => {
      if (req.url === '/_actions/x') called = true;
      res.end(req.url === '/_actions/x' ? 'ok' : 'still here');
    };
    // No sleeps: wait for the server to see the request arrive, then to see its client go.
    const arrived = new Promise<IncomingMessage>((resolve) => server.once('request', resolve));
    const req = request(`${base}/_actions/x`, { method: 'POST', headers: { 'content-length': 1000 } });
    req.on('error', () => {});
    // Half the announced body, then the client disappears.
    req.write(Buffer.alloc(500));
    const serverSide = await arrived;
    const gone = new Promise((resolve) => serverSide.once('close', resolve));
    req.destroy();
    await gone;
    // A whole request through the same server afterwards: whatever the abort set off has run by the
    // time it is answered, and the server still answers the next client.
    expect((await call('/')).body).toBe('still here');
    expect(called).toBe(false);
  });
});
