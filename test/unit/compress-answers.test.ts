import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, type IncomingHttpHeaders, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { COMPRESS_THRESHOLD, compressAnswers, sharedCacheSize } from '../../scripts/compress-answers.mjs';

const page = `<!doctype html><html><head><title>Lesson</title></head><body>${'<p>Read the page, then press Mark complete.</p>'.repeat(200)}</body></html>`;

/** What the app answers to the next request, written the way Astro's Node adapter writes it. */
interface Answer {
  status?: number;
  headers?: OutgoingHttpHeaders;
  /** Written in chunks of 1,000 bytes, as a stream of the body would be. */
  body?: string | Buffer;
  shared?: boolean;
  /** Set on the response before the app runs, as the front door sets its own headers. */
  preset?: Record<string, string>;
}
let answer: Answer = {};
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const { status = 200, headers = { 'content-type': 'text/html' }, body = page, shared = false, preset = {} } = answer;
    for (const [name, value] of Object.entries(preset)) res.setHeader(name, value);
    compressAnswers(req, res, { shared });
    res.statusMessage = 'As Astro says';
    res.writeHead(status, headers);
    const bytes = Buffer.from(body);
    for (let i = 0; i < bytes.length; i += 1000) res.write(bytes.subarray(i, i + 1000));
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

interface Reply {
  status: number;
  message: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

function fetchAs(next: Answer, acceptEncoding?: string, method = 'GET'): Promise<Reply> {
  answer = next;
  return new Promise((resolve, reject) => {
    const req = request(`${base}/`, { method, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, message: res.statusMessage ?? '', headers: res.headers, raw: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe("compression of the app's answers in the front door, whole, in one call", () => {
  it('brotli-compresses a page written in chunks, says so with its length, and keeps every other header', async () => {
    const r = await fetchAs(
      { headers: { 'content-type': 'text/html', 'cache-control': 'no-store', 'set-cookie': ['a=1; Path=/', 'b=2; Path=/'] }, preset: { 'x-frame-options': 'DENY' } },
      'gzip, deflate, br',
    );
    expect(r.status).toBe(200);
    expect(r.message).toBe('As Astro says');
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers.vary).toBe('Accept-Encoding');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(r.headers['transfer-encoding']).toBeUndefined();
    expect(Number(r.headers['content-length'])).toBe(r.raw.length);
    expect(r.raw.length).toBeLessThan(page.length / 5);
    expect(brotliDecompressSync(r.raw).toString('utf8')).toBe(page);
  });

  it('uses gzip for a client without brotli, and sends the page as it is to one that asks for neither', async () => {
    const gz = await fetchAs({}, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.raw).toString('utf8')).toBe(page);
    const plain = await fetchAs({});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(Number(plain.headers['content-length'])).toBe(page.length);
    expect(plain.raw.toString('utf8')).toBe(page);
    const refused = await fetchAs({}, 'br;q=0, gzip;q=0');
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.raw.toString('utf8')).toBe(page);
  });

  it('adds Accept-Encoding to a Vary the answer has already', async () => {
    const r = await fetchAs({ headers: { 'content-type': 'text/html', vary: 'Cookie' } }, 'br');
    expect(r.headers.vary).toBe('Cookie, Accept-Encoding');
  });

  it('compresses JSON action results and CSV too', async () => {
    const json = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ i, text: 'a decision' })) });
    const r = await fetchAs({ headers: { 'content-type': 'application/json' }, body: json }, 'gzip');
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(r.raw).toString('utf8')).items).toHaveLength(200);
    const csv = 'name,hours\n' + 'Ana Lopez,2\n'.repeat(200);
    const c = await fetchAs({ headers: { 'content-type': 'text/csv; charset=utf-8' }, body: csv }, 'br');
    expect(c.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(c.raw).toString('utf8')).toBe(csv);
  });

  it('leaves bodies under the threshold as they are', async () => {
    const small = 'x'.repeat(COMPRESS_THRESHOLD - 1);
    const r = await fetchAs({ headers: { 'content-type': 'text/plain' }, body: small }, 'br');
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.raw.toString('utf8')).toBe(small);
    const atThreshold = await fetchAs({ headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(COMPRESS_THRESHOLD) }, 'br');
    expect(atThreshold.headers['content-encoding']).toBe('br');
  });

  it('answers HEAD with the headers of the same GET, and no body', async () => {
    const get = await fetchAs({}, 'br');
    const head = await fetchAs({}, 'br', 'HEAD');
    expect(head.raw.length).toBe(0);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers.vary).toBe('Accept-Encoding');
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(Number(head.headers['content-length'])).toBe(get.raw.length);
  });

  it('leaves PDFs, partial and bodiless answers, no-transform and encoded answers alone', async () => {
    const pdf = Buffer.alloc(5000, 37);
    const p = await fetchAs({ headers: { 'content-type': 'application/pdf', 'content-length': 5000 }, body: pdf }, 'br');
    expect(p.headers['content-encoding']).toBeUndefined();
    expect(p.headers.vary).toBeUndefined();
    expect(p.raw.equals(pdf)).toBe(true);
    const partial = await fetchAs({ status: 206, headers: { 'content-type': 'text/html', 'content-range': `bytes 0-${page.length - 1}/${page.length * 2}` } }, 'br');
    expect(partial.headers['content-encoding']).toBeUndefined();
    expect(partial.raw.toString('utf8')).toBe(page);
    const redirect = await fetchAs({ status: 303, headers: { location: '/next', 'content-type': 'text/html' }, body: '' }, 'br');
    expect(redirect.status).toBe(303);
    expect(redirect.headers.location).toBe('/next');
    expect(redirect.headers['content-encoding']).toBeUndefined();
    const noTransform = await fetchAs({ headers: { 'content-type': 'text/html', 'cache-control': 'no-transform' } }, 'br');
    expect(noTransform.headers['content-encoding']).toBeUndefined();
    expect(noTransform.raw.toString('utf8')).toBe(page);
    const gzipped = Buffer.from('bytes the app says it has gzipped already');
    const already = await fetchAs({ headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' }, body: gzipped }, 'br');
    expect(already.headers['content-encoding']).toBe('gzip');
    expect(already.raw.equals(gzipped)).toBe(true);
  });

  it('compresses an answer that is the same for everyone once per coding, and never keeps a personal one', async () => {
    const other = page.replace('Lesson', 'Catalog');
    const start = sharedCacheSize();
    const first = await fetchAs({ shared: true }, 'br');
    const again = await fetchAs({ shared: true }, 'br');
    expect(sharedCacheSize()).toBe(start + 1);
    expect(brotliDecompressSync(again.raw).toString('utf8')).toBe(page);
    expect(again.raw.equals(first.raw)).toBe(true);
    // Another body, or the same body in gzip, is another entry: never the wrong bytes.
    const different = await fetchAs({ shared: true, body: other }, 'br');
    expect(brotliDecompressSync(different.raw).toString('utf8')).toBe(other);
    const gz = await fetchAs({ shared: true }, 'gzip');
    expect(gunzipSync(gz.raw).toString('utf8')).toBe(page);
    expect(sharedCacheSize()).toBe(start + 3);
    // A signed-in page (not shared) is compressed but not kept.
    const personal = await fetchAs({ body: page.replace('Lesson', 'Ana Lopez') }, 'br');
    expect(personal.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(personal.raw).toString('utf8')).toContain('Ana Lopez');
    expect(sharedCacheSize()).toBe(start + 3);
  });
});
