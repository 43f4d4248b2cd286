/**
 * The lesson body rendered once (components/LessonBody.astro): what the cache serves is, byte for
 * byte, what a fresh render of the lesson's MDX gives, on the miss and on every hit after it.
 * Rendered with Astro's container API and the lesson files themselves, compiled by @astrojs/mdx.
 */
import { getContainerRenderer as mdxRenderer } from '@astrojs/mdx';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { loadRenderers } from 'astro:container';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import LessonBody from '~/components/LessonBody.astro';
import RenderMdx from '../fixtures/RenderMdx.astro';
import { cacheComponents, lessonComponents } from '~/components/mdx';
import { clearLessonCache, liveMarker } from '~/lib/server/lesson-html';
import Welcome from '../../content/courses/sample-course/lessons/01-welcome.mdx';
import ToothNumbers from '../../content/courses/sample-course/lessons/02-tooth-numbers.mdx';

// The real case player needs the database and the content store; a stub shows what it was given.
vi.mock('~/components/mdx', async (original) => {
  const { default: Stub } = await import('../fixtures/StubSimulation.astro');
  return { ...(await original<typeof import('~/components/mdx')>()), liveComponents: { Simulation: Stub } };
});

beforeEach(() => {
  // Tests run as `astro dev` would, where nothing is cached: these tests are about the built server.
  vi.stubEnv('DEV', false);
  clearLessonCache();
});
afterEach(() => vi.unstubAllEnvs());

describe('a lesson body rendered once per process', () => {
  for (const [name, Lesson] of [
    ['welcome', Welcome],
    ['tooth-numbers', ToothNumbers],
  ] as const) {
    it(`serves the same HTML as a fresh render, on the miss and on later hits (${name})`, async () => {
      const container = await AstroContainer.create({ renderers: await loadRenderers([mdxRenderer()]) });
      const fresh = await container.renderToString(RenderMdx, { props: { Content: Lesson, components: lessonComponents } });
      expect(fresh.length).toBeGreaterThan(500);
      const lesson = { id: `sample-course/${name}`, digest: 'build-1' };
      // The miss: LessonBody renders the body (here handed in as its slot) with markers, keeps it, writes it.
      const forCache = await container.renderToString(RenderMdx, { props: { Content: Lesson, components: cacheComponents } });
      const miss = await container.renderToString(LessonBody, { props: { lesson }, slots: { default: forCache } });
      expect(miss).toBe(fresh);
      // The hits: no slot, no render; the kept HTML.
      const hit = await container.renderToString(LessonBody, { props: { lesson } });
      expect(hit).toBe(fresh);
      expect(await container.renderToString(LessonBody, { props: { lesson } })).toBe(fresh);
    });
  }

  it('does not serve one lesson\'s HTML for another, nor an old render after the file changed', async () => {
    const container = await AstroContainer.create();
    await container.renderToString(LessonBody, { props: { lesson: { id: 'c/a', digest: '1' } }, slots: { default: '<p>Lesson A</p>' } });
    await container.renderToString(LessonBody, { props: { lesson: { id: 'c/b', digest: '1' } }, slots: { default: '<p>Lesson B</p>' } });
    expect(await container.renderToString(LessonBody, { props: { lesson: { id: 'c/a', digest: '1' } } })).toBe('<p>Lesson A</p>');
    expect(await container.renderToString(LessonBody, { props: { lesson: { id: 'c/b', digest: '1' } } })).toBe('<p>Lesson B</p>');
    const edited = await container.renderToString(LessonBody, { props: { lesson: { id: 'c/a', digest: '2' } }, slots: { default: '<p>Lesson A, edited</p>' } });
    expect(edited).toBe('<p>Lesson A, edited</p>');
    expect(await container.renderToString(LessonBody, { props: { lesson: { id: 'c/a', digest: '2' } } })).toBe('<p>Lesson A, edited</p>');
  });

  it('renders the case player live for each learner around the kept HTML', async () => {
    const container = await AstroContainer.create();
    const lesson = { id: 'customer-service/when-it-goes-wrong', digest: '1' };
    const body = `<p>Before the case.</p>${liveMarker('Simulation', { id: 'upset-caller' })}<p>After the case.</p>`;
    const ana = await container.renderToString(LessonBody, { props: { lesson }, slots: { default: body }, locals: { user: { fullName: 'Ana' } } as unknown as App.Locals });
    // (The dev compiler adds data-astro-source-* attributes to the stub's element.)
    expect(ana).toMatch(/^<p>Before the case\.<\/p><section data-case="upset-caller"[^>]*>Case upset-caller for Ana<\/section><p>After the case\.<\/p>$/);
    const ben = await container.renderToString(LessonBody, { props: { lesson }, locals: { user: { fullName: 'Ben' } } as unknown as App.Locals });
    expect(ben).toMatch(/^<p>Before the case\.<\/p><section data-case="upset-caller"[^>]*>Case upset-caller for Ben<\/section><p>After the case\.<\/p>$/);
  });
});
