/**
 * The browser editor as an Astro integration that only `astro dev` loads: the production build
 * (`npm run build`, `npm start`) has no editor routes and no editor JavaScript. Who may write in
 * production, and how a change reaches learners: docs/authoring.md, "Who may write".
 *
 * It does what `@keystatic/astro` does (the same page), but serves the API from ./keystatic-api.ts,
 * which reads and writes the house format and refuses a save the content checks reject.
 */
import type { AstroIntegration } from 'astro';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function authoring(): AstroIntegration {
  return {
    name: 'dental-ce-authoring',
    hooks: {
      'astro:config:setup': ({ command, injectRoute, updateConfig, config }) => {
        if (command !== 'dev') return;
        const configFile = fileURLToPath(new URL('./keystatic.config.ts', import.meta.url));
        updateConfig({
          vite: {
            plugins: [{ name: 'dental-ce-authoring', resolveId: (id: string) => (id === 'virtual:keystatic-config' ? configFile : null) }],
            optimizeDeps: { entries: ['src/lib/authoring/keystatic.config.ts', '.astro/keystatic-imports.js'] },
          },
        });
        const dotAstro = new URL('./.astro/', config.root);
        mkdirSync(dotAstro, { recursive: true });
        writeFileSync(new URL('keystatic-imports.js', dotAstro), 'import "@keystatic/astro/ui";\nimport "@keystatic/core/ui";\n');
        injectRoute({ entrypoint: fileURLToPath(new URL('./pages/editor.astro', import.meta.url)), pattern: '/keystatic/[...params]', prerender: false });
        injectRoute({ entrypoint: fileURLToPath(new URL('./keystatic-api.ts', import.meta.url)), pattern: '/api/keystatic/[...params]', prerender: false });
        // Cases as steps, a diagram and a plain form (Keystatic has no form for steps keyed by id).
        const cases = fileURLToPath(new URL('./pages/cases.astro', import.meta.url));
        injectRoute({ entrypoint: cases, pattern: '/author/cases', prerender: false });
        injectRoute({ entrypoint: cases, pattern: '/author/cases/[id]', prerender: false });
        injectRoute({ entrypoint: cases, pattern: '/author/new-case', prerender: false });
        // A lesson as a learner sees it, linked from the editor's lesson form (./finding-marks.ts).
        injectRoute({ entrypoint: fileURLToPath(new URL('./pages/preview.astro', import.meta.url)), pattern: '/author/preview/[course]/[lesson]', prerender: false });
      },
    },
  };
}
