// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
// The one reader of the environment; a bad value stops the build with a message naming it.
import { settings } from './src/lib/server/settings.ts';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  integrations: [mdx(), react()],
  security: {
    // Reject cross-site form posts: the CSRF defence the Lucia guide recommends (Origin check).
    checkOrigin: true,
    // The Host names the site answers to. Astro ignores the Host header otherwise, and the Origin
    // check could never match. Fixed at build time; `npm start` rebuilds when ALLOWED_HOSTS changes.
    allowedDomains: settings.ALLOWED_HOSTS.map((hostname) => ({ hostname })),
  },
  server: {
    port: settings.PORT,
    host: settings.HOST,
  },
  vite: {
    ssr: { external: ['better-sqlite3', '@node-rs/argon2'] },
  },
});
