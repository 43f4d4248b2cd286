// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';

const allowedHosts = (process.env.ALLOWED_HOSTS || 'localhost,127.0.0.1')
  .split(',')
  .map((h) => h.trim())
  .filter(Boolean);

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  integrations: [mdx(), react()],
  security: {
    // Reject cross-site form posts: the CSRF defence the Lucia guide recommends (Origin check).
    checkOrigin: true,
    // The Host names the site answers to. Astro ignores the Host header otherwise, and the Origin
    // check could never match. Fixed at build time; `npm start` rebuilds when ALLOWED_HOSTS changes.
    allowedDomains: allowedHosts.map((hostname) => ({ hostname })),
  },
  server: {
    port: Number(process.env.PORT ?? 4321),
    host: process.env.HOST ?? 'localhost',
  },
  vite: {
    ssr: { external: ['better-sqlite3', '@node-rs/argon2'] },
  },
});
