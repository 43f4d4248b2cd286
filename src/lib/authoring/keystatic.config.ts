/**
 * The browser editor (Keystatic, `npm run dev` only, at /keystatic). Its forms come from the
 * content schemas (./keystatic-fields.ts); only labels and help text are written here. Files are
 * read and written through ./keystatic-api.ts, which keeps the house format and runs the content
 * checks before anything is written.
 */
import { collection, config, fields } from '@keystatic/core';
import { block, wrapper } from '@keystatic/core/content-components';
import { lessonComponentProps } from '~/lib/shared/schemas/lesson-components';
import { editedCollections as c } from './collections';
import { editorFields } from './keystatic-fields';

/** The entry's file name: written into the path, never into the file. */
const fileName = (label: string, description: string) => fields.text({ label, description, validation: { isRequired: true } });

const long = { multiline: true };

const props = (name: keyof typeof lessonComponentProps) => editorFields(lessonComponentProps[name]);

export const lessonComponentsForEditor = {
  Callout: wrapper({ label: 'Callout', description: 'A boxed note, tip or warning', schema: props('Callout') }),
  Checkpoint: block({ label: 'Checkpoint', description: 'A self-check question (not scored)', schema: props('Checkpoint') }),
  Figure: block({ label: 'Figure', description: 'An image from public/ with alt text and a caption', schema: props('Figure') }),
  KeyTerm: block({ label: 'Key term', description: 'A term and its definition (also in the course glossary)', schema: props('KeyTerm') }),
  ToothChart: block({ label: 'Tooth chart', description: 'The Universal chart, with teeth highlighted', schema: props('ToothChart') }),
  Simulation: block({ label: 'Case simulation', description: 'A case from content/simulations', schema: props('Simulation') }),
};

export const editorSchemas = {
  courses: editorFields(c.courses.schema, {
    summary: long,
    description: long,
    disclosure: long,
    ceHours: { label: 'CE hours', description: 'A multiple of 0.25; content:check compares it with the content estimate' },
    agd: { label: 'AGD subject codes' },
    'agd.code': { label: 'AGD code', description: 'Three digits, like 550' },
    instructors: { description: 'Instructor profile ids (file names in content/instructors)' },
    'publicity.hardware': long,
    'publicity.software': long,
  }),
  lessons: {
    ...editorFields(c.lessons.schema, { objectives: { description: 'Objective ids of the course this lesson serves' } }),
    body: fields.mdx({ label: 'Lesson', components: lessonComponentsForEditor }),
  },
  quizzes: editorFields(c.quizzes.schema, {
    course: { description: 'The course whose quiz this bank is' },
    'questions.prompt': long,
    'questions.explanation': long,
    'questions.options': { description: 'Tick "correct" on the right answer(s)' },
  }),
  evaluations: editorFields(c.evaluations.schema),
  instructors: editorFields(c.instructors.schema, { bio: long, disclosure: long, accounts: { description: 'Sign-in emails that teach as this instructor' } }),
};

const slugHelp = 'Lower-case words joined by dashes; it becomes the file name';

export default config({
  storage: { kind: 'local' },
  ui: { brand: { name: 'Dental CE authoring' } },
  collections: {
    courses: collection({
      label: c.courses.label,
      path: c.courses.path as `${string}/*/${string}`,
      slugField: 'id',
      format: { data: 'yaml' },
      schema: { id: fileName('Course id', `${slugHelp}: content/courses/<id>/course.yaml`), ...editorSchemas.courses },
    }),
    lessons: collection({
      label: c.lessons.label,
      path: c.lessons.path as `${string}/**`,
      slugField: 'file',
      format: { contentField: 'body' },
      schema: { file: fileName('Lesson file', '<course>/lessons/NN-slug, like sample-course/lessons/04-x-rays'), ...editorSchemas.lessons },
    }),
    quizzes: collection({
      label: c.quizzes.label,
      path: c.quizzes.path as `${string}/*`,
      slugField: 'id',
      format: { data: 'yaml' },
      schema: { id: fileName('Bank id', `${slugHelp}: the course's quiz field names it`), ...editorSchemas.quizzes },
    }),
    evaluations: collection({
      label: c.evaluations.label,
      path: c.evaluations.path as `${string}/*`,
      slugField: 'id',
      format: { data: 'yaml' },
      schema: { id: fileName('Evaluation id', slugHelp), ...editorSchemas.evaluations },
    }),
    instructors: collection({
      label: c.instructors.label,
      path: c.instructors.path as `${string}/*`,
      slugField: 'id',
      format: { data: 'yaml' },
      schema: { id: fileName('Instructor id', slugHelp), ...editorSchemas.instructors },
    }),
  },
});
