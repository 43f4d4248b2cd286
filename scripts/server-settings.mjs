// The settings the server process needs, read by scripts/server-settings.ts in a child process so
// that the server itself never loads tsx (see that file). Exits with the child's message when a
// value is bad.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** @returns {{ settings: { ALLOWED_HOSTS: string[], CONTENT_DIR: string, SKIP_BUILD: boolean, HOST: string, PORT: number, TRUST_PROXY: number, MAX_CONNECTIONS: number }, headers: Record<string, string> }} */
export function readServerSettings() {
  const script = fileURLToPath(new URL('./server-settings.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', script], { env: process.env, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    process.exit(r.status ?? 1);
  }
  return JSON.parse(r.stdout);
}
