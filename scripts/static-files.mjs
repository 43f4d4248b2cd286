// Static files (dist/client: /_astro/* bundles, /images/*, the favicon) served from memory by the
// front door, before Astro's page pipeline. The build writes a brotli and a gzip copy next to each
// text file (integrations/precompress.ts); here every file and its copies are read once at start,
// with all of their response headers worked out once, so a request costs a Map look-up and one
// write. Plain JS so the start script runs it without a build step.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { preferredEncoding } from '../src/lib/shared/encoding.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.pdf': 'application/pdf',
};

/** Text formats worth compressing; images other than SVG, fonts and PDFs are compressed already. */
export const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.map', '.svg', '.txt', '.xml', '.webmanifest']);

/**
 * Bundles under /_astro/ carry a content hash in their names, so they never change: a year,
 * immutable. Every other file keeps its name when its content changes (public/favicon.svg, lesson
 * figures), so it is cached for an hour and revalidated by ETag after that.
 */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'public, max-age=3600';

/** Compressed copies of `bytes`, each kept only when it is smaller. Used by the build and as a fallback at start. */
export function compressVariants(bytes, { quality = constants.BROTLI_MAX_QUALITY, level = 9 } = {}) {
  const variants = {};
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  if (br.length < bytes.length) variants.br = br;
  const gz = gzipSync(bytes, { level });
  if (gz.length < bytes.length) variants.gzip = gz;
  return variants;
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * Every file under `clientDir`, keyed by URL path, with its bodies per encoding and their headers.
 * `headers` are added to every answer (the security headers pages get from the middleware).
 */
export function loadStaticFiles(clientDir, { headers = {}, assetsPrefix = '/_astro/' } = {}) {
  const files = new Map();
  if (!existsSync(clientDir)) return files;
  for (const path of walk(clientDir)) {
    // The precompressed copies are variants of their file, not files of their own.
    if ((path.endsWith('.br') || path.endsWith('.gz')) && existsSync(path.slice(0, -3))) continue;
    const url = '/' + relative(clientDir, path).split(sep).join('/');
    const ext = extname(path).toLowerCase();
    const identity = readFileSync(path);
    let variants = {};
    if (COMPRESSIBLE.has(ext)) {
      if (existsSync(`${path}.br`) || existsSync(`${path}.gz`)) {
        if (existsSync(`${path}.br`)) variants.br = readFileSync(`${path}.br`);
        if (existsSync(`${path}.gz`)) variants.gzip = readFileSync(`${path}.gz`);
      } else {
        // A build without the precompress step: compress once now, at a quality quick enough for a start.
        variants = compressVariants(identity, { quality: 5, level: 6 });
      }
    }
    const tag = createHash('sha256').update(identity).digest('base64url').slice(0, 22);
    const common = {
      ...headers,
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': url.startsWith(assetsPrefix) ? IMMUTABLE : REVALIDATE,
      'last-modified': statSync(path).mtime.toUTCString(),
      ...(Object.keys(variants).length ? { vary: 'Accept-Encoding' } : {}),
    };
    const answer = (body, encoding) => {
      // A strong ETag names one representation, so each encoding gets its own.
      const etag = `"${tag}${encoding ? `-${encoding}` : ''}"`;
      return { body, etag, headers: { ...common, etag, 'content-length': String(body.length), ...(encoding ? { 'content-encoding': encoding } : {}) } };
    };
    files.set(url, { identity: answer(identity), br: variants.br && answer(variants.br, 'br'), gzip: variants.gzip && answer(variants.gzip, 'gzip') });
  }
  // A folder with an index.html answers at its own path, as the adapter's static handler did.
  for (const [url, file] of [...files]) {
    if (url.endsWith('/index.html')) {
      const dir = url.slice(0, -'index.html'.length);
      if (!files.has(dir)) files.set(dir, file);
      if (dir.length > 1 && !files.has(dir.slice(0, -1))) files.set(dir.slice(0, -1), file);
    }
  }
  return files;
}

/** The answer for `req` among `file`'s encodings: brotli, then gzip, then the file as it is. */
export function pickEncoding(file, acceptEncoding) {
  const coding = preferredEncoding(acceptEncoding, { br: Boolean(file.br), gzip: Boolean(file.gzip) });
  return coding ? file[coding] : file.identity;
}

/**
 * A handler that answers GET and HEAD for a file in `files` and returns true; anything else
 * returns false untouched (for Astro). Conditional requests get 304 by ETag.
 */
export function createStaticHandler(files) {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    let file = files.get(path);
    if (!file && path.includes('%')) {
      try {
        file = files.get(decodeURIComponent(path));
      } catch {
        return false;
      }
    }
    if (!file) return false;
    const answer = pickEncoding(file, req.headers['accept-encoding']);
    const match = req.headers['if-none-match'];
    if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === answer.etag)) {
      const { 'content-length': _length, 'content-encoding': _encoding, ...rest } = answer.headers;
      res.writeHead(304, rest);
      res.end();
      return true;
    }
    res.writeHead(200, answer.headers);
    res.end(req.method === 'HEAD' ? undefined : answer.body);
    return true;
  };
}

/**
 * The build step (astro.config.mjs, `astro:build:done`): writes `<file>.br` and `<file>.gz` next to
 * every text file of the client output, at the highest quality, once. Returns how many files.
 */
export function precompressDir(clientDir) {
  let count = 0;
  for (const path of walk(clientDir)) {
    if (!COMPRESSIBLE.has(extname(path).toLowerCase())) continue;
    const variants = compressVariants(readFileSync(path));
    if (variants.br) writeFileSync(`${path}.br`, variants.br);
    if (variants.gzip) writeFileSync(`${path}.gz`, variants.gzip);
    count++;
  }
  return count;
}

/** The Astro integration that runs precompressDir after every build. */
export function precompress() {
  return {
    name: 'precompress-static-files',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const count = precompressDir(fileURLToPath(dir));
        logger.info(`brotli and gzip copies written for ${count} static files`);
      },
    },
  };
}
