/**
 * A lesson's MDX body rendered once per process and reused: the body is fixed by the build (or,
 * in `astro dev`, by the file's digest), so only the signed-in parts of the page around it are
 * rendered per request. Components whose output depends on the request (the case player: who is
 * playing, how far they got) are left as markers in the cached HTML and rendered live each time
 * (components/LessonBody.astro).
 *
 * The cache holds one entry per lesson (a few KB each, bounded by the content), keyed by the
 * entry's id and digest: a changed lesson file has a new digest and is rendered afresh, and a new
 * build starts a new process with an empty cache. `astro dev` never caches, so an edit to a lesson
 * component shows at once too.
 */

/** Marks where a live component goes; the props travel as base64url JSON so no HTML can break out. */
const MARKER = /<!--lesson-live:([A-Za-z]+):([A-Za-z0-9_-]*)-->/g;

export type LessonPart = { html: string } | { live: string; props: Record<string, unknown> };

export function liveMarker(name: string, props: Record<string, unknown>): string {
  return `<!--lesson-live:${name}:${Buffer.from(JSON.stringify(props), 'utf8').toString('base64url')}-->`;
}

/** The rendered body cut at its markers: static HTML, live component, static HTML, ... */
export function splitLive(html: string): LessonPart[] {
  const parts: LessonPart[] = [];
  let last = 0;
  for (const m of html.matchAll(MARKER)) {
    if (m.index > last) parts.push({ html: html.slice(last, m.index) });
    parts.push({ live: m[1]!, props: JSON.parse(Buffer.from(m[2]!, 'base64url').toString('utf8')) as Record<string, unknown> });
    last = m.index + m[0].length;
  }
  if (last < html.length) parts.push({ html: html.slice(last) });
  return parts;
}

interface LessonKey {
  id: string;
  /** Astro's hash of the lesson file (glob loader); without one, staleness cannot be told: no caching. */
  digest?: string;
}

const cache = new Map<string, { digest: string; parts: LessonPart[] }>();

/** Whether rendered lessons are kept: not under `astro dev`, where components change under a running process. */
export const cachingEnabled = (dev = import.meta.env.DEV) => !dev;

/** The cached parts of `lesson`, or undefined when it has not been rendered (or its file changed). */
export function cachedLessonParts(lesson: LessonKey, enabled = cachingEnabled()): LessonPart[] | undefined {
  if (!enabled || !lesson.digest) return undefined;
  const hit = cache.get(lesson.id);
  return hit?.digest === lesson.digest ? hit.parts : undefined;
}

/** Splits a fresh render of `lesson` and keeps it (replacing any render of an older digest). */
export function rememberLessonParts(lesson: LessonKey, html: string, enabled = cachingEnabled()): LessonPart[] {
  const parts = splitLive(html);
  if (enabled && lesson.digest) cache.set(lesson.id, { digest: lesson.digest, parts });
  return parts;
}

/** Empties the cache (tests). */
export function clearLessonCache(): void {
  cache.clear();
}
