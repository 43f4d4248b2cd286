/**
 * Starts and kills the real server (`node scripts/start.mjs`) for the load run: loopback only, its
 * own port and database, output kept in a log file so a failure can show what the server said.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..', '..');

export { freePort } from '../fixtures/free-port';

export interface ServerOptions {
  /** The content/ folder the server is built from (the load test uses its own copy). */
  contentDir: string;
  port: number;
  databasePath: string;
  dataDir: string;
  logFile: string;
  /** False on the first start, so start.mjs builds when the sources changed; true on restarts. */
  skipBuild: boolean;
}

export interface RunningServer {
  child: ChildProcess;
  origin: string;
  exited: Promise<number | null>;
}

/** Starts the server and resolves once /healthz answers 200 (rejects if it exits or takes too long). */
export async function startServer(opts: ServerOptions, timeoutMs = 240_000): Promise<RunningServer> {
  const log = createWriteStream(opts.logFile, { flags: 'a' });
  log.write(`\n--- start ${new Date().toISOString()} ---\n`);
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(opts.port),
      DATABASE_PATH: opts.databasePath,
      DATA_DIR: opts.dataDir,
      ADMIN_EMAIL: 'admin@load.test',
      ADMIN_PASSWORD: 'load-admin-password-not-used',
      SKIP_BUILD: opts.skipBuild ? '1' : (process.env.SKIP_BUILD ?? ''),
      NODE_ENV: 'production',
      CONTENT_DIR: opts.contentDir,
    },
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const origin = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`the server exited during start-up; its output:\n${tail(opts.logFile)}`);
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.status === 200) return { child, origin, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not answer /healthz within ${timeoutMs / 1000} s; its output:\n${tail(opts.logFile)}`);
}

export function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** SIGKILL: no shutdown code runs, as in a crash or the OOM killer. */
export async function killHard(server: RunningServer): Promise<void> {
  server.child.kill('SIGKILL');
  await server.exited;
}

/** SIGTERM, as an operator stopping the service; start.mjs closes the listener and exits. */
export async function stopGracefully(server: RunningServer): Promise<number | null> {
  server.child.kill('SIGTERM');
  return server.exited;
}
