/**
 * Which content files the browser editor edits, and the schema of each. The editor's config
 * (./keystatic.config.ts) and its API (./keystatic-api.ts) both read this list, so a file is
 * edited, read and checked by the same schema that the content reader validates it with.
 *
 * Isomorphic: Keystatic loads its config in the browser too.
 */
import type { z } from 'zod';
import { courseSchema, evaluationSchema, instructorSchema, lessonSchema } from '~/lib/shared/schemas/course';
import { quizBankSchema } from '~/lib/shared/schemas/quiz';
import { describeField, type Shape } from './zod-shape';

export interface EditedCollection {
  label: string;
  /** Keystatic's path, relative to the folder that holds content/ (`*` is the entry's slug). */
  path: string;
  /** The file the path stands for, as a pattern over the path from that folder. */
  file: RegExp;
  schema: z.ZodTypeAny;
  /** YAML data, or an MDX lesson whose frontmatter follows the schema. */
  format: 'yaml' | 'mdx';
}

export const editedCollections = {
  courses: { label: 'Courses', path: 'content/courses/*/course', file: /^content\/courses\/[^/]+\/course\.yaml$/, schema: courseSchema, format: 'yaml' },
  lessons: { label: 'Lessons', path: 'content/courses/**', file: /^content\/courses\/[^/]+\/lessons\/[^/]+\.mdx$/, schema: lessonSchema, format: 'mdx' },
  quizzes: { label: 'Question banks', path: 'content/quizzes/*', file: /^content\/quizzes\/[^/]+\.yaml$/, schema: quizBankSchema, format: 'yaml' },
  evaluations: { label: 'Evaluations', path: 'content/evaluations/*', file: /^content\/evaluations\/[^/]+\.yaml$/, schema: evaluationSchema, format: 'yaml' },
  instructors: { label: 'Instructor profiles', path: 'content/instructors/*', file: /^content\/instructors\/[^/]+\.yaml$/, schema: instructorSchema, format: 'yaml' },
} satisfies Record<string, EditedCollection>;

/** The collection a file belongs to, with its schema's shape; undefined for files the editor does not edit. */
export function collectionOf(path: string): (EditedCollection & { shape: Shape }) | undefined {
  const c = Object.values(editedCollections).find((e) => e.file.test(path));
  return c && { ...c, shape: describeField(c.schema).shape };
}
