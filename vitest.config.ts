/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// getViteConfig gives tests the same module graph as the app (astro:content, astro:actions).
export default getViteConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          // Argon2 at OWASP settings and fresh SQLite files per file are slower than pure code.
          testTimeout: 20_000,
          // Hooks seed the same data (the demo seed hashes passwords): same allowance as the tests.
          hookTimeout: 20_000,
        },
      },
    ],
  },
});
