import { describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { COMPRESS_THRESHOLD, compressResponse, sharedCacheSize } from '~/lib/server/compress';

const page = `<!doctype html><html><head><title>Lesson</title></head><body>${'<p>Read the page, then press Mark complete.</p>'.repeat(200)}</body></html>`;

/** A page as Astro streams it: the body in several chunks. */
function streamedPage(headers: Record<string, string> = {}): Response {
  const bytes = new TextEncoder().encode(page);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000));
      controller.close();
    },
  });
  const h = new Headers({ 'content-type': 'text/html', ...headers });
  h.append('set-cookie', 'a=1; Path=/');
  h.append('set-cookie', 'b=2; Path=/');
  return new Response(body, { status: 200, headers: h });
}
const bytesOf = async (r: Response) => Buffer.from(await r.arrayBuffer());

describe('compression of the app\'s answers, whole, in one call', () => {
  it('brotli-compresses a streamed page, says so with its length, and keeps its other headers', async () => {
    const r = await compressResponse(streamedPage({ 'cache-control': 'no-store' }), 'gzip, deflate, br');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-encoding')).toBe('br');
    expect(r.headers.get('vary')).toBe('Accept-Encoding');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    const raw = await bytesOf(r);
    expect(Number(r.headers.get('content-length'))).toBe(raw.length);
    expect(raw.length).toBeLessThan(page.length / 5);
    expect(brotliDecompressSync(raw).toString('utf8')).toBe(page);
  });

  it('uses gzip for a client without brotli, and sends the page as it is to one that asks for neither', async () => {
    const gz = await compressResponse(streamedPage(), 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(await bytesOf(gz)).toString('utf8')).toBe(page);
    const plain = await compressResponse(streamedPage(), null);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    expect((await bytesOf(plain)).toString('utf8')).toBe(page);
    const refused = await compressResponse(streamedPage(), 'br;q=0, gzip;q=0');
    expect(refused.headers.get('content-encoding')).toBeNull();
  });

  it('adds Accept-Encoding to a Vary the answer has already', async () => {
    const r = await compressResponse(streamedPage({ vary: 'Cookie' }), 'br');
    expect(r.headers.get('vary')).toBe('Cookie, Accept-Encoding');
  });

  it('compresses JSON action results and CSV too', async () => {
    const json = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ i, text: 'a decision' })) });
    const r = await compressResponse(new Response(json, { headers: { 'content-type': 'application/json' } }), 'gzip');
    expect(r.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(await bytesOf(r)).toString('utf8')).items).toHaveLength(200);
    const csv = 'name,hours\n' + 'Ana Lopez,2\n'.repeat(200);
    const c = await compressResponse(new Response(csv, { headers: { 'content-type': 'text/csv; charset=utf-8' } }), 'br');
    expect(c.headers.get('content-encoding')).toBe('br');
  });

  it('leaves bodies under the threshold as they are', async () => {
    const small = 'x'.repeat(COMPRESS_THRESHOLD - 1);
    const r = await compressResponse(new Response(small, { headers: { 'content-type': 'text/plain' } }), 'br');
    expect(r.headers.get('content-encoding')).toBeNull();
    expect(await r.text()).toBe(small);
  });

  it('leaves PDFs, HEAD, partial and bodiless answers, no-transform and encoded answers alone', async () => {
    const big = new Uint8Array(5000).fill(37);
    const pdf = new Response(big, { headers: { 'content-type': 'application/pdf' } });
    expect(await compressResponse(pdf, 'br')).toBe(pdf);
    const head = streamedPage();
    expect(await compressResponse(head, 'br', 'HEAD')).toBe(head);
    const partial = new Response(page, { status: 206, headers: { 'content-type': 'text/html', 'content-range': `bytes 0-${page.length - 1}/${page.length * 2}` } });
    expect(await compressResponse(partial, 'br')).toBe(partial);
    const redirect = new Response(null, { status: 303, headers: { location: '/next', 'content-type': 'text/html' } });
    expect(await compressResponse(redirect, 'br')).toBe(redirect);
    const noTransform = streamedPage({ 'cache-control': 'no-transform' });
    expect(await compressResponse(noTransform, 'br')).toBe(noTransform);
    const already = new Response(page, { headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' } });
    expect(await compressResponse(already, 'br')).toBe(already);
  });

  it('compresses an answer that is the same for everyone once per coding, and never keeps a personal one', async () => {
    const other = page.replace('Lesson', 'Catalog');
    const html = (body: string) => new Response(body, { headers: { 'content-type': 'text/html' } });
    const start = sharedCacheSize();
    const first = await compressResponse(html(page), 'br', { shared: true });
    const again = await compressResponse(html(page), 'br', { shared: true });
    expect(sharedCacheSize()).toBe(start + 1);
    const againBytes = await bytesOf(again);
    expect(brotliDecompressSync(againBytes).toString('utf8')).toBe(page);
    expect(againBytes).toEqual(await bytesOf(first));
    // Another body, or the same body in gzip, is another entry: never the wrong bytes.
    const different = await compressResponse(html(other), 'br', { shared: true });
    expect(brotliDecompressSync(await bytesOf(different)).toString('utf8')).toBe(other);
    const gz = await compressResponse(html(page), 'gzip', { shared: true });
    expect(gunzipSync(await bytesOf(gz)).toString('utf8')).toBe(page);
    expect(sharedCacheSize()).toBe(start + 3);
    // A signed-in page (not shared) is compressed but not kept.
    const personal = await compressResponse(html(page.replace('Lesson', 'Ana Lopez')), 'br');
    expect(personal.headers.get('content-encoding')).toBe('br');
    expect(sharedCacheSize()).toBe(start + 3);
  });

  it('answers with the headers it is given, also when it leaves the body alone', async () => {
    const headers = new Headers({ 'content-type': 'text/html', 'x-made-by': 'middleware' });
    const r = await compressResponse(streamedPage(), 'br', { headers });
    expect(r.headers.get('x-made-by')).toBe('middleware');
    expect(r.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(await bytesOf(r)).toString('utf8')).toBe(page);
    const redirect = new Response(null, { status: 303, headers: { location: '/next' } });
    const moved = await compressResponse(redirect, 'br', { headers: new Headers({ location: '/next', 'x-made-by': 'middleware' }) });
    expect(moved).not.toBe(redirect);
    expect(moved.status).toBe(303);
    expect(moved.headers.get('x-made-by')).toBe('middleware');
    expect(moved.headers.get('content-encoding')).toBeNull();
  });
});
