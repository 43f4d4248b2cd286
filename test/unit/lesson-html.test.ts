import { afterEach, describe, expect, it } from 'vitest';
import { cachedLessonParts, cachingEnabled, clearLessonCache, liveMarker, rememberLessonParts, splitLive } from '~/lib/server/lesson-html';

afterEach(() => clearLessonCache());

describe('lesson HTML rendered once', () => {
  it('cuts a body at its live-component markers and gives the props back as they went in', () => {
    const html = `<p>Before</p>${liveMarker('Simulation', { id: 'upset-caller' })}<p>After "quoted" --> text</p>`;
    expect(splitLive(html)).toEqual([{ html: '<p>Before</p>' }, { live: 'Simulation', props: { id: 'upset-caller' } }, { html: '<p>After "quoted" --> text</p>' }]);
    // Props that look like HTML cannot end the comment early: they travel encoded.
    const tricky = liveMarker('Simulation', { id: '--><script>x</script>' });
    expect(tricky).not.toContain('<script>');
    expect(splitLive(tricky)).toEqual([{ live: 'Simulation', props: { id: '--><script>x</script>' } }]);
    expect(splitLive('<p>No live parts</p>')).toEqual([{ html: '<p>No live parts</p>' }]);
  });

  it('serves the kept render while the lesson file is unchanged', () => {
    const lesson = { id: 'sample-course/welcome', digest: 'aaaa' };
    expect(cachedLessonParts(lesson, true)).toBeUndefined();
    rememberLessonParts(lesson, '<p>Welcome</p>', true);
    expect(cachedLessonParts(lesson, true)).toEqual([{ html: '<p>Welcome</p>' }]);
    expect(cachedLessonParts({ ...lesson }, true)).toEqual([{ html: '<p>Welcome</p>' }]);
  });

  it('never serves the render of an older version of the file: a new digest is a miss, then replaces it', () => {
    rememberLessonParts({ id: 'sample-course/welcome', digest: 'aaaa' }, '<p>Old text</p>', true);
    const edited = { id: 'sample-course/welcome', digest: 'bbbb' };
    expect(cachedLessonParts(edited, true)).toBeUndefined();
    rememberLessonParts(edited, '<p>New text</p>', true);
    expect(cachedLessonParts(edited, true)).toEqual([{ html: '<p>New text</p>' }]);
    // Going back to the old digest does not bring the old render back either.
    expect(cachedLessonParts({ id: 'sample-course/welcome', digest: 'aaaa' }, true)).toBeUndefined();
  });

  it('keeps nothing under astro dev, or for an entry without a digest', () => {
    expect(cachingEnabled(true)).toBe(false);
    expect(cachingEnabled(false)).toBe(true);
    rememberLessonParts({ id: 'a/b', digest: 'cccc' }, '<p>Dev</p>', cachingEnabled(true));
    expect(cachedLessonParts({ id: 'a/b', digest: 'cccc' }, true)).toBeUndefined();
    rememberLessonParts({ id: 'a/c' }, '<p>No digest</p>', true);
    expect(cachedLessonParts({ id: 'a/c' }, true)).toBeUndefined();
  });

  it('keeps one render per lesson', () => {
    rememberLessonParts({ id: 'c/one', digest: '1' }, '<p>One</p>', true);
    rememberLessonParts({ id: 'c/two', digest: '2' }, '<p>Two</p>', true);
    expect(cachedLessonParts({ id: 'c/one', digest: '1' }, true)).toEqual([{ html: '<p>One</p>' }]);
    expect(cachedLessonParts({ id: 'c/two', digest: '2' }, true)).toEqual([{ html: '<p>Two</p>' }]);
  });
});
