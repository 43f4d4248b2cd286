/**
 * Prints, as JSON, what the start script needs from the settings: the values that decide a rebuild
 * and how to listen, and the security headers of every response. It runs in a process of its own
 * (scripts/server-settings.mjs) because loading TypeScript through tsx registers module hooks for
 * the whole process, and in the server those hooks sat in the path of every dynamic import Astro
 * makes per request (about a tenth of the CPU in the bench's profiles).
 * A bad value prints the settings' own message, naming the variable, and exits with status 1.
 */
export {};

try {
  const { settings } = await import('../src/lib/server/settings');
  const { baseHeaders } = await import('../src/lib/server/security-headers');
  const { ALLOWED_HOSTS, CONTENT_DIR, SKIP_BUILD, HOST, PORT, TRUST_PROXY, MAX_CONNECTIONS } = settings;
  process.stdout.write(JSON.stringify({ settings: { ALLOWED_HOSTS, CONTENT_DIR, SKIP_BUILD, HOST, PORT, TRUST_PROXY, MAX_CONNECTIONS }, headers: baseHeaders(settings) }));
} catch (error) {
  if ((error as Error)?.name !== 'SettingsError') throw error;
  console.error((error as Error).message);
  process.exit(1);
}
