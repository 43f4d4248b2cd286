import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import {
  IMMUTABLE_CACHE,
  MAX_BODY_BYTES,
  MAX_UPLOAD_BYTES,
  STATIC_CACHE,
  bodyLimitFor,
  cacheControlFor,
  createFrontDoor,
  negotiateEncoding,
  stripUntrustedForwarding,
} from '../../scripts/front-door.mjs';

describe('front door', () => {
  const headers = () => ({ host: 'localhost', 'x-forwarded-for': '6.6.6.6', 'x-forwarded-host': 'evil.test', forwarded: 'for=6.6.6.6', accept: '*/*' });

  it('drops forwarding headers unless a trusted proxy is declared', () => {
    const req = { headers: headers() };
    stripUntrustedForwarding(req, false);
    expect(req.headers).toEqual({ host: 'localhost', accept: '*/*' });
  });

  it('keeps them behind a trusted proxy', () => {
    const req = { headers: headers() };
    stripUntrustedForwarding(req, true);
    expect(req.headers['x-forwarded-for']).toBe('6.6.6.6');
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
const bigFile = join(dir, 'big.js');
const bigText = Array.from({ length: 40_000 }, (_, i) => `export const v${i} = ${i};`).join('\n');

beforeAll(async () => {
  writeFileSync(bigFile, bigText);
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

/** The body as Astro's Node adapter reads it: from `req.body` (async-iterable) when the front door set it. */
async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const source = (req as IncomingMessage & { body?: AsyncIterable<Buffer> }).body ?? req;
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

const page = `<!doctype html><html><head><title>Lesson</title></head><body>${'<p>Read the page, then press Mark complete.</p>'.repeat(200)}</body></html>`;
/** Like Astro's NodeApp.writeResponse: writeHead with all headers, then the body in chunks. */
const astroPage: RequestListener = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': ['a=1; Path=/', 'b=2; Path=/'] });
  for (let i = 0; i < page.length; i += 1000) res.write(new TextEncoder().encode(page.slice(i, i + 1000)));
  res.end();
};
/** Like Astro's static handler (`send`): headers set one by one, then a file stream piped in. */
const sendFile =
  (file: string, type: string, extra: Record<string, string> = {}): RequestListener =>
  (_req, res) => {
    res.setHeader('content-type', type);
    res.setHeader('cache-control', 'public, max-age=0');
    res.setHeader('etag', '"abc-123"');
    res.setHeader('last-modified', new Date(0).toUTCString());
    for (const [k, v] of Object.entries(extra)) res.setHeader(k, v);
    res.setHeader('content-length', String(bigText.length));
    createReadStream(file).pipe(res);
  };

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

  it('gives certificate uploads their larger limit, and only them', () => {
    expect(bodyLimitFor('/me/ce?x=1')).toBe(MAX_UPLOAD_BYTES);
    expect(bodyLimitFor('/me/ce/upload')).toBe(MAX_UPLOAD_BYTES);
    expect(bodyLimitFor('/me/certificate')).toBe(MAX_BODY_BYTES);
    expect(bodyLimitFor('/courses/x')).toBe(MAX_BODY_BYTES);
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

describe('front door: Accept-Encoding negotiation', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=1.0, br;q=0.5', 'gzip'],
    ['gzip;q=0', null],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['deflate', null],
  ])('%j -> %j', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});

describe('front door: compression', () => {
  it('brotli-compresses a streamed HTML page and keeps its other headers', async () => {
    route = astroPage;
    const reply = await call('/courses/sample-course/welcome', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers['content-length']).toBeUndefined();
    expect(reply.headers.vary).toMatch(/accept-encoding/i);
    expect(reply.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(reply.headers['cache-control']).toBeUndefined();
    expect(reply.body).toBe(page);
    expect(reply.raw.length).toBeLessThan(page.length / 5);
  });

  it('uses gzip for a client without brotli', async () => {
    route = astroPage;
    const reply = await call('/', { headers: { 'accept-encoding': 'gzip' } });
    expect(reply.headers['content-encoding']).toBe('gzip');
    expect(reply.body).toBe(page);
  });

  it('sends the page as it is to a client that asks for no encoding, still saying it varies', async () => {
    route = astroPage;
    const reply = await call('/');
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.headers.vary).toMatch(/accept-encoding/i);
    expect(reply.raw.toString()).toBe(page);
  });

  it('compresses a piped file with backpressure, drops its Content-Length and weakens its ETag', async () => {
    route = sendFile(bigFile, 'text/javascript; charset=utf-8');
    const reply = await call('/_astro/big.Ab12Cd34.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers['content-length']).toBeUndefined();
    expect(reply.headers.etag).toBe('W/"abc-123"');
    expect(reply.body).toBe(bigText);
  });

  it('compresses a body given whole to end() without writeHead', async () => {
    route = (_req, res) => {
      res.statusCode = 200;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ i, text: 'a decision' })) }));
    };
    const reply = await call('/_actions/simulation.decide', { method: 'POST', headers: { 'accept-encoding': 'gzip' } });
    expect(reply.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(reply.body).items).toHaveLength(200);
  });

  it('leaves small bodies alone and keeps their Content-Length', async () => {
    route = (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"status":"ok"}');
    };
    const reply = await call('/healthz', { headers: { 'accept-encoding': 'br' } });
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.headers['content-length']).toBe('15');
    expect(reply.body).toBe('{"status":"ok"}');
  });

  it('leaves images, HEAD requests, ranges and 304s uncompressed', async () => {
    route = sendFile(bigFile, 'image/png');
    expect((await call('/images/x.png', { headers: { 'accept-encoding': 'br' } })).headers['content-encoding']).toBeUndefined();

    route = sendFile(bigFile, 'text/css');
    const head = await call('/_astro/a.css', { method: 'HEAD', headers: { 'accept-encoding': 'br' } });
    expect(head.headers['content-encoding']).toBeUndefined();
    expect(head.headers['content-length']).toBe(String(bigText.length));

    route = (_req, res) => {
      res.writeHead(206, { 'content-type': 'text/css', 'content-range': 'bytes 0-1999/40000' });
      res.end('x'.repeat(2000));
    };
    const range = await call('/_astro/a.css', { headers: { 'accept-encoding': 'br', range: 'bytes=0-1999' } });
    expect(range.headers['content-encoding']).toBeUndefined();

    route = (_req, res) => {
      res.statusCode = 304;
      res.setHeader('content-type', 'text/css');
      res.setHeader('etag', '"abc"');
      res.end();
    };
    const notModified = await call('/_astro/a.css', { headers: { 'accept-encoding': 'br', 'if-none-match': '"abc"' } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers['content-encoding']).toBeUndefined();
    expect(notModified.headers['cache-control']).toBe(IMMUTABLE_CACHE);
  });

  it('does not compress twice', async () => {
    route = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      res.end(Buffer.from('already compressed'.repeat(100)));
    };
    const reply = await call('/', { headers: { 'accept-encoding': 'br' } });
    expect(reply.headers['content-encoding']).toBe('gzip');
    expect(reply.raw.toString()).toBe('already compressed'.repeat(100));
  });
});

describe('front door: cache headers', () => {
  it('caches hashed build assets for a year', async () => {
    route = sendFile(bigFile, 'text/javascript');
    expect((await call('/_astro/client.C5RI7xnT.js')).headers['cache-control']).toBe(IMMUTABLE_CACHE);
  });

  it('caches other static files briefly', async () => {
    route = sendFile(bigFile, 'image/svg+xml');
    expect((await call('/favicon.svg')).headers['cache-control']).toBe(STATIC_CACHE);
  });

  it('never adds caching to pages, errors or responses that chose their own', () => {
    expect(cacheControlFor('/courses/sample-course/welcome', 200, { 'content-type': 'text/html' })).toBeNull();
    expect(cacheControlFor('/_astro/missing.js', 404, {})).toBeNull();
    expect(cacheControlFor('/healthz', 200, { 'cache-control': 'no-store' })).toBeNull();
    expect(cacheControlFor('/me/certificate.pdf', 200, { 'cache-control': 'private, no-store', etag: '"x"' })).toBeNull();
    expect(cacheControlFor('/robots.txt', 200, { etag: '"x"', 'cache-control': 'public, max-age=0' })).toBe(STATIC_CACHE);
  });
});
