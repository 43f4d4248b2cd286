// The baseline: the cheapest way to deliver the very bytes the app answered. The bench captures
// each measured response (status, headers and the body exactly as sent, compressed the same way)
// into a manifest; this minimal node:http server holds them in memory and answers each path with
// its bytes, no file system, no compression, no work. Run as its own process, like the app server.
//
//   node bench/baseline-server.mjs <manifest.json> <port> [host]
// manifest: { "<path>": { "status": 200, "headers": { ... }, "body": "<base64>" } }
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [manifestPath, port, host = '127.0.0.1'] = process.argv.slice(2);
if (!manifestPath || !port) {
  console.error('usage: baseline-server.mjs <manifest.json> <port> [host]');
  process.exit(2);
}
const answers = new Map();
for (const [path, r] of Object.entries(JSON.parse(readFileSync(manifestPath, 'utf8')))) {
  const body = Buffer.from(r.body, 'base64');
  answers.set(path, { status: r.status, headers: { ...r.headers, 'content-length': String(body.length) }, body });
}
const server = createServer((req, res) => {
  const answer = answers.get(req.url ?? '/');
  if (!answer) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return;
  }
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
});
server.keepAliveTimeout = 5_000;
server.listen(Number(port), host, () => console.log(`baseline on http://${host}:${port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)) && setTimeout(() => process.exit(0), 1000).unref());
