import { describe, expect, it } from 'vitest';
import { partOfStack, partOfUrl } from '../../bench/profile';

const site = 'file:///work/app/bench/out/site/dist/server';
const frame = (functionName: string, url = '') => ({ functionName, url });

describe("the bench's profile parts: who owns a sample's time", () => {
  it("tells Astro's chunks in the build from ours by their names", () => {
    expect(partOfUrl(`${site}/chunks/astro/server_BFqfHGy2.mjs`)).toBe('astro');
    expect(partOfUrl(`${site}/chunks/server_DbbbloLR.mjs`)).toBe('astro');
    expect(partOfUrl(`${site}/chunks/_@astrojs-ssr-adapter_2lZSBIKL.mjs`)).toBe('astro');
    expect(partOfUrl(`${site}/manifest_uzdnJZDH.mjs`)).toBe('astro');
    expect(partOfUrl(`${site}/entry.mjs`)).toBe('astro');
    expect(partOfUrl('file:///work/app/node_modules/astro/dist/core/render-context.js')).toBe('astro');
    // Ours: pages, the middleware bundle, our modules' chunks (even one named like Astro's, but longer), the front door.
    expect(partOfUrl(`${site}/pages/courses/_course_/_lesson_.astro.mjs`)).toBe('ours');
    expect(partOfUrl(`${site}/_astro-internal_middleware.mjs`)).toBe('ours');
    expect(partOfUrl(`${site}/chunks/progress_B2PtJx0Q.mjs`)).toBe('ours');
    expect(partOfUrl(`${site}/chunks/server-settings_B2PtJx0Q.mjs`)).toBe('ours');
    expect(partOfUrl('file:///work/app/scripts/compress-answers.mjs')).toBe('ours');
    expect(partOfUrl('file:///work/app/node_modules/zod/lib/types.js')).toBe('ours');
  });

  it("sorts Node's own modules, and leaves a native frame to its caller", () => {
    expect(partOfUrl('node:zlib')).toBe('compression');
    expect(partOfUrl('file:///work/app/node_modules/drizzle-orm/better-sqlite3/session.js')).toBe('database');
    expect(partOfUrl('node:internal/deps/undici/undici')).toBe('webApi');
    expect(partOfUrl('node:internal/webstreams/readablestream')).toBe('webApi');
    expect(partOfUrl('node:_http_outgoing')).toBe('nodeHttp');
    expect(partOfUrl('node:internal/streams/writable')).toBe('nodeHttp');
    expect(partOfUrl('node:internal/modules/esm/loader')).toBe('other');
    expect(partOfUrl('')).toBeUndefined();
  });

  it('counts a sample under compression or the database wherever they were called from', () => {
    // zlib's native work shows as the self time of its JavaScript wrapper, called from our code.
    expect(partOfStack([frame('processChunkSync', 'node:zlib'), frame('compressBody', 'file:///work/app/scripts/compress-answers.mjs')])).toBe('compression');
    // A native SQLite call under Drizzle, under our lesson page, under Astro.
    expect(
      partOfStack([frame('get', 'file:///work/app/node_modules/drizzle-orm/better-sqlite3/session.js'), frame('courseProgress', `${site}/chunks/progress_B2PtJx0Q.mjs`), frame('render', `${site}/chunks/server_DbbbloLR.mjs`)]),
    ).toBe('database');
  });

  it('otherwise takes the innermost frame with a source file; garbage collection and socket writes by name', () => {
    expect(partOfStack([frame('createAstro', `${site}/chunks/server_DbbbloLR.mjs`), frame('(anonymous)', `${site}/pages/verify.astro.mjs`)])).toBe('astro');
    expect(partOfStack([frame('encodeUtf8String'), frame('(anonymous)', `${site}/pages/verify.astro.mjs`)])).toBe('ours');
    expect(partOfStack([frame('(garbage collector)')])).toBe('gc');
    expect(partOfStack([frame('writev'), frame('writevGeneric', 'node:internal/stream_base_commons')])).toBe('nodeHttp');
    expect(partOfStack([frame('writev')])).toBe('nodeHttp');
    expect(partOfStack([frame('(program)')])).toBe('other');
  });
});
