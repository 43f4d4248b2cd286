/**
 * Content collections over content/ (CONTENT_DIR for tests). Each file is validated against its
 * schema in src/lib/shared/schemas; the courses loader then checks the whole tree's cross-file
 * rules (src/lib/content/tree.ts), so a bad file fails `astro build` and `astro check` with a
 * message naming the file and the field.
 */
import { defineCollection } from 'astro:content';
import type { LoaderContext } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { resolve } from 'node:path';
import { courseSchema, evaluationSchema, instructorSchema, lessonSchema } from './lib/shared/schemas/course';
import { loadContentTree } from './lib/content/tree';
import { quizBankSchema } from './lib/shared/schemas/quiz';
import { scenarioSchema } from './lib/shared/schemas/simulation';
import { providerSchema } from './lib/shared/schemas/provider';
import { licensureSchema } from './lib/shared/schemas/licensure';
import { settings } from './lib/server/settings';

const root = resolve(settings.CONTENT_DIR);
const fileId = ({ entry }: { entry: string }) => entry.replace(/\.(yaml|mdx)$/, '');

const coursesGlob = glob({ pattern: '*/course.yaml', base: `${root}/courses`, generateId: ({ entry }) => entry.split('/')[0]! });

const courses = defineCollection({
  loader: {
    name: 'courses-checked',
    load: async (context: LoaderContext) => {
      await coursesGlob.load(context);
      const { errors } = loadContentTree(root);
      if (errors.length) {
        throw new Error(`Content check failed with ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n  - ${errors.join('\n  - ')}`);
      }
    },
  },
  schema: courseSchema,
});

const lessons = defineCollection({
  loader: glob({
    pattern: '*/lessons/*.mdx',
    base: `${root}/courses`,
    generateId: ({ entry }) => {
      const [course, , file] = entry.split('/');
      return `${course}/${file!.replace(/\.mdx$/, '').replace(/^\d+-/, '')}`;
    },
  }),
  schema: lessonSchema,
});

const instructors = defineCollection({
  loader: glob({ pattern: '*.yaml', base: `${root}/instructors`, generateId: fileId }),
  schema: instructorSchema,
});

const evaluations = defineCollection({
  loader: glob({ pattern: '*.yaml', base: `${root}/evaluations`, generateId: fileId }),
  schema: evaluationSchema,
});

/** Question banks hold answer keys: they are read on the server only (lib/server/attempts). */
const quizzes = defineCollection({
  loader: glob({ pattern: '*.yaml', base: `${root}/quizzes`, generateId: fileId }),
  schema: quizBankSchema,
});

/** Scenarios hold points and feedback for every option: read on the server only (lib/server/runs). */
const simulations = defineCollection({
  loader: glob({ pattern: '*.yaml', base: `${root}/simulations`, generateId: fileId }),
  schema: scenarioSchema,
});

/** content/provider.yaml: the CE provider printed on every certificate. */
const provider = defineCollection({
  loader: glob({ pattern: 'provider.yaml', base: root, generateId: () => 'provider' }),
  schema: providerSchema,
});

/** content/licensure/<state>.yaml: CE rules per licence type and cycle, each with its source. */
const licensure = defineCollection({
  loader: glob({ pattern: '*.yaml', base: `${root}/licensure`, generateId: fileId }),
  schema: licensureSchema,
});

export const collections = { courses, lessons, instructors, evaluations, quizzes, simulations, provider, licensure };
