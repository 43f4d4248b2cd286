/**
 * The baseline: a minimal static file server on node:http, the cheapest way to deliver a page.
 * It stats and streams the file on every request (no cache, no compression), as a plain static
 * server does. Run as its own process so it gets a core of its own, like the app server.
 *
 *   node --import tsx bench/static-server.ts <root> <port> [host]
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

export function createStaticServer(root: string): Server {
  const base = resolve(root);
  return createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!));
    const candidates = extname(path) ? [path] : [`${path.replace(/\/$/, '')}.html`, join(path, 'index.html')];
    for (const candidate of candidates) {
      const file = join(base, candidate);
      if (!file.startsWith(base)) break;
      let size: number;
      let mtime: Date;
      try {
        const st = statSync(file);
        if (!st.isFile()) continue;
        size = st.size;
        mtime = st.mtime;
      } catch {
        continue;
      }
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': size,
        'last-modified': mtime.toUTCString(),
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root, port, host = '127.0.0.1'] = process.argv.slice(2);
  if (!root || !port) {
    console.error('usage: static-server.ts <root> <port> [host]');
    process.exit(2);
  }
  const server = createStaticServer(root);
  server.listen(Number(port), host, () => console.log(`static server on http://${host}:${port}`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
