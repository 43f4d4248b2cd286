/**
 * Content collections over content/ (CONTENT_DIR for tests). The YAML collections come from the
 * one content reader (src/lib/content/reader.ts), which validates every file against its schema in
 * src/lib/shared/schemas; the courses loader also runs every check over the whole tree
 * (src/lib/content/checks), so a bad file fails `astro build` and `astro check` with a message
 * naming the file and the field (and the line, in a lesson).
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { resolve } from 'node:path';
import { courseSchema, evaluationSchema, instructorSchema, lessonSchema } from './lib/shared/schemas/course';
import { contentTreeLoader } from './lib/content/collection-loader';
import { quizBankSchema } from './lib/shared/schemas/quiz';
import { scenarioSchema } from './lib/shared/schemas/simulation';
import { providerSchema } from './lib/shared/schemas/provider';
import { licensureSchema } from './lib/shared/schemas/licensure';
import { settings } from './lib/server/settings';

const source = { root: resolve(settings.CONTENT_DIR), publicDir: resolve('./public') };

const courses = defineCollection({
  loader: contentTreeLoader(source, (tree) => tree.courses, { failOnProblems: true }),
  schema: courseSchema,
});

/** Lessons are MDX: Astro's glob loader hands them to @astrojs/mdx for rendering. */
const lessons = defineCollection({
  loader: glob({
    pattern: '*/lessons/*.mdx',
    base: `${source.root}/courses`,
    generateId: ({ entry }) => {
      const [course, , file] = entry.split('/');
      return `${course}/${file!.replace(/\.mdx$/, '').replace(/^\d+-/, '')}`;
    },
  }),
  schema: lessonSchema,
});

const instructors = defineCollection({ loader: contentTreeLoader(source, (tree) => tree.instructors), schema: instructorSchema });

const evaluations = defineCollection({ loader: contentTreeLoader(source, (tree) => tree.evaluations), schema: evaluationSchema });

/** Question banks hold answer keys: they are read on the server only (lib/server/attempts). */
const quizzes = defineCollection({ loader: contentTreeLoader(source, (tree) => tree.quizzes), schema: quizBankSchema });

/** Scenarios hold points and feedback for every option: read on the server only (lib/server/runs). */
const simulations = defineCollection({ loader: contentTreeLoader(source, (tree) => tree.simulations), schema: scenarioSchema });

/** content/provider.yaml: the CE provider printed on every certificate. */
const provider = defineCollection({ loader: contentTreeLoader(source, (tree) => (tree.provider ? [tree.provider] : [])), schema: providerSchema });

/** content/licensure/<state>.yaml: CE rules per license type and cycle, each with its source. */
const licensure = defineCollection({ loader: contentTreeLoader(source, (tree) => tree.licensure), schema: licensureSchema });

export const collections = { courses, lessons, instructors, evaluations, quizzes, simulations, provider, licensure };
