/** The set-up checklist (domain/setup.ts) over this build's content: computed once per process. */
import { getCollection } from 'astro:content';
import { setupChecklist, type SetupItem } from '../domain/setup';
import { provider } from '../content/provider';

let cached: Promise<SetupItem[]> | undefined;

export function setupItems(): Promise<SetupItem[]> {
  if (import.meta.env.DEV || !cached) {
    cached = (async () => {
      const courses = await getCollection('courses');
      return setupChecklist(
        await provider(),
        courses.map((c) => ({ id: c.id, published: c.data.published, fields: { credit: c.data.credit, authors: c.data.authors, reviewers: c.data.reviewers, reviewedOn: c.data.reviewedOn } })),
      );
    })();
  }
  return cached;
}
