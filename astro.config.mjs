// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
// The one reader of the environment; a bad value stops the build with a message naming it.
import { settings } from './src/lib/server/settings.ts';
import { MAX_UPLOAD_BYTES } from './src/lib/shared/body-limits.mjs';
import { precompress } from './scripts/static-files.mjs';
// The browser editor: `astro dev` only; the built server has no editor routes (docs/authoring.md).
import { authoring } from './src/lib/authoring/integration.ts';

export default defineConfig({
  output: 'server',
  // 'middleware': the adapter's handler renders pages and nothing else. Our front door
  // (scripts/front-door.mjs) serves the static files from memory, precompressed at build by the
  // precompress integration; the standalone handler looked every page request up on disk first.
  // Streaming off: the front door compresses each page whole (scripts/compress-answers.mjs), so a
  // streamed page was only gathered up again; rendered to one string, a page skips Astro's
  // async-iterable and stream machinery (bench/README.md, "Streaming").
  adapter: node({ mode: 'middleware', experimentalDisableStreaming: true }),
  integrations: [mdx(), react(), authoring(), precompress()],
  security: {
    // Reject cross-site form posts: the CSRF defence the Lucia guide recommends (Origin check).
    checkOrigin: true,
    // The Host names the site answers to. Astro ignores the Host header otherwise, and the Origin
    // check could never match. Fixed at build time; `npm start` rebuilds when ALLOWED_HOSTS changes.
    allowedDomains: settings.ALLOWED_HOSTS.map((hostname) => ({ hostname })),
    // Astro reads at most this much of an action's body (default 1 MB, which refused the 5 MB
    // certificate files the outside-CE form promises). The middleware holds every action but a
    // member's upload to 1 MB before reading (lib/server/action-guard.ts).
    actionBodySizeLimit: MAX_UPLOAD_BYTES,
  },
  build: {
    // The stylesheet is a file (served from memory, cached for a year) rather than inlined in every
    // page: inlined, Astro hashed it with SHA-256 on every request for its CSP header, and every
    // page carried its bytes again.
    inlineStylesheets: 'never',
  },
  server: {
    port: settings.PORT,
    host: settings.HOST,
  },
  experimental: {
    // Astro hashes, at build time, every inline script it may put in a page and sends the hashes
    // in a Content-Security-Policy header; the middleware keeps its script-src and adds the rest of
    // our policy (lib/server/security-headers.ts), so pages stream instead of being read whole.
    csp: true,
  },
  vite: {
    ssr: { external: ['better-sqlite3', '@node-rs/argon2'] },
  },
});
