import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createFrontDoor } from '../../scripts/front-door.mjs';
import { loadStaticFiles, precompressDir } from '../../scripts/static-files.mjs';
import { accepts } from '~/lib/shared/encoding.mjs';

const dir = mkdtempSync(join(tmpdir(), 'static-files-'));
const client = join(dir, 'client');
const script = Array.from({ length: 2000 }, (_, i) => `export const v${i} = "value ${i}";`).join('\n');
const svg = `<svg xmlns="http://www.w3.org/2000/svg">${'<circle r="1"/>'.repeat(300)}</svg>`;
let server: Server;
let base: string;
let handlerCalls: string[] = [];

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  raw: Buffer;
}
function call(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  mkdirSync(join(client, '_astro'), { recursive: true });
  mkdirSync(join(client, 'images', 'course'), { recursive: true });
  writeFileSync(join(client, '_astro', 'player.Ab12Cd34.js'), script);
  writeFileSync(join(client, 'favicon.svg'), svg);
  writeFileSync(join(client, 'images', 'course', 'photo.png'), Buffer.alloc(3000, 7));
  // The build step: .br and .gz next to the text files, none for the PNG.
  expect(precompressDir(client)).toBe(2);
  const files = loadStaticFiles(client, { headers: { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' } });
  server = createServer(
    createFrontDoor(
      (req, res) => {
        handlerCalls.push(`${req.method} ${req.url}`);
        res.end('from astro');
      },
      { staticFiles: files },
    ),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('static files from memory, before Astro', () => {
  it('writes brotli and gzip copies at build that decode to the file', () => {
    const file = join(client, '_astro', 'player.Ab12Cd34.js');
    expect(brotliDecompressSync(readFileSync(`${file}.br`)).toString()).toBe(script);
    expect(gunzipSync(readFileSync(`${file}.gz`)).toString()).toBe(script);
    expect(() => readFileSync(join(client, 'images', 'course', 'photo.png.br'))).toThrow();
  });

  it('answers a bundle with its brotli copy, a year of immutable caching and the security headers, without calling Astro', async () => {
    handlerCalls = [];
    const reply = await call('/_astro/player.Ab12Cd34.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(reply.headers.vary).toBe('Accept-Encoding');
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['x-frame-options']).toBe('DENY');
    expect(Number(reply.headers['content-length'])).toBe(reply.raw.length);
    expect(reply.raw.length).toBeLessThan(script.length / 4);
    expect(brotliDecompressSync(reply.raw).toString()).toBe(script);
    expect(handlerCalls).toEqual([]);
  });

  it('gives gzip to a client without brotli, and the file as it is to one that asks for neither', async () => {
    const gz = await call('/favicon.svg', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.raw).toString()).toBe(svg);
    const plain = await call('/favicon.svg');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.raw.toString()).toBe(svg);
    const refused = await call('/favicon.svg', { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('caches files without a hash in their name for an hour only, revalidated by ETag (304)', async () => {
    const first = await call('/favicon.svg', { 'accept-encoding': 'br' });
    expect(first.headers['cache-control']).toBe('public, max-age=3600');
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^".+-br"$/);
    const again = await call('/favicon.svg', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.raw.length).toBe(0);
    // The gzip answer is another representation: the brotli ETag does not match it.
    expect((await call('/favicon.svg', { 'accept-encoding': 'gzip', 'if-none-match': etag })).status).toBe(200);
  });

  it('sends images as they are, and HEAD without a body', async () => {
    const png = await call('/images/course/photo.png', { 'accept-encoding': 'br' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.raw.length).toBe(3000);
    const head = await call('/_astro/player.Ab12Cd34.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.raw.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
  });

  it('hands everything else to Astro: pages, unknown files, the precompressed copies themselves, and posts', async () => {
    handlerCalls = [];
    expect((await call('/courses/x')).raw.toString()).toBe('from astro');
    expect((await call('/_astro/missing.js')).raw.toString()).toBe('from astro');
    expect((await call('/favicon.svg.br')).raw.toString()).toBe('from astro');
    expect((await call('/favicon.svg', {}, 'POST')).raw.toString()).toBe('from astro');
    expect(handlerCalls).toEqual(['GET /courses/x', 'GET /_astro/missing.js', 'GET /favicon.svg.br', 'POST /favicon.svg']);
  });

  it('ignores the query string, and answers a path that does not decode with 400', async () => {
    expect((await call('/favicon.svg?v=2')).raw.toString()).toBe(svg);
    handlerCalls = [];
    expect((await call('/courses/%E0%A4%A')).status).toBe(400);
    expect(handlerCalls).toEqual([]);
  });

  it('reads Accept-Encoding by its tokens and q-values', () => {
    expect(accepts('gzip, deflate, br', 'br')).toBe(true);
    expect(accepts('gzip;q=1.0, br;q=0', 'br')).toBe(false);
    expect(accepts('*', 'gzip')).toBe(true);
    expect(accepts('brotli', 'br')).toBe(false);
    expect(accepts(undefined, 'gzip')).toBe(false);
    // A named coding's own q-value wins over the wildcard, whichever comes first.
    expect(accepts('*;q=0, gzip', 'gzip')).toBe(true);
    expect(accepts('gzip;q=0, *', 'gzip')).toBe(false);
    expect(accepts('*;q=0', 'br')).toBe(false);
  });
});
