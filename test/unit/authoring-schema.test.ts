/**
 * One schema (issue 22): the browser editor's fields and the zod content schemas describe the same
 * files. The walk fails on any field, type, enum value or required flag in one and not the other.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fields } from '@keystatic/core';
import editorConfig, { editorSchemas, lessonComponentsForEditor } from '~/lib/authoring/keystatic.config';
import { editedCollections } from '~/lib/authoring/collections';
import { compareShapes, editorShape } from '~/lib/authoring/drift';
import { editorFields } from '~/lib/authoring/keystatic-fields';
import { describeField, type Field } from '~/lib/authoring/zod-shape';
import { lessonComponentProps } from '~/lib/shared/schemas/lesson-components';

const zodFields = (schema: z.ZodTypeAny): Record<string, Field> => {
  const { shape } = describeField(schema);
  if (shape.kind !== 'object') throw new Error('not an object schema');
  return shape.fields;
};

/** The editor's fields of a collection, without the file name (written into the path) and the lesson body. */
function editorCollectionFields(name: keyof typeof editedCollections) {
  const schema = { ...editorConfig.collections![name]!.schema } as Record<string, unknown>;
  delete schema[editorConfig.collections![name]!.slugField as string];
  delete schema.body;
  return schema as Parameters<typeof editorShape>[0];
}

describe('the editor and the content schemas', () => {
  it.each(Object.keys(editedCollections) as Array<keyof typeof editedCollections>)('%s: same fields, types, enums and required flags', (name) => {
    expect(compareShapes(zodFields(editedCollections[name].schema), editorShape(editorCollectionFields(name)))).toEqual([]);
  });

  it.each(Object.keys(lessonComponentProps) as Array<keyof typeof lessonComponentProps>)('lesson component %s: same props', (name) => {
    expect(compareShapes(zodFields(lessonComponentProps[name]), editorShape(lessonComponentsForEditor[name].schema))).toEqual([]);
  });

  it('edits every lesson component and every question type', () => {
    expect(Object.keys(lessonComponentsForEditor).sort()).toEqual(['Callout', 'Checkpoint', 'Figure', 'KeyTerm', 'Simulation', 'ToothChart']);
    const questions = editorShape(editorSchemas.quizzes).questions!.shape;
    expect(questions.kind === 'list' && questions.of.kind === 'variants' && Object.keys(questions.of.variants).sort()).toEqual(['code', 'matching', 'multiple', 'numeric', 'single', 'true-false']);
  });

  it('fails when the content schema gains a field the editor lacks', () => {
    const before = z.object({ name: z.string(), bio: z.string() }).strict();
    const after = before.extend({ license: z.string() });
    expect(compareShapes(zodFields(after), editorShape(editorFields(before)))).toEqual(['license: in the content schema but not in the editor']);
  });

  it('fails when the editor gains a field the content schema lacks', () => {
    const schema = z.object({ name: z.string() }).strict();
    const editor = { ...editorFields(schema), nickname: fields.text({ label: 'Nickname' }) };
    expect(compareShapes(zodFields(schema), editorShape(editor))).toEqual(['nickname: in the editor but not in the content schema']);
  });

  it('fails on a different type, enum value or required flag', () => {
    const schema = z.object({ level: z.enum(['intro', 'advanced']), hours: z.number(), title: z.string(), note: z.string().optional() }).strict();
    const editor = {
      level: fields.select({ label: 'Level', options: [{ label: 'intro', value: 'intro' }, { label: 'expert', value: 'expert' }], defaultValue: 'intro' }),
      hours: fields.text({ label: 'Hours' }),
      title: fields.text({ label: 'Title' }),
      note: fields.text({ label: 'Note', validation: { isRequired: true } }),
    };
    expect(compareShapes(zodFields(schema), editorShape(editor))).toEqual([
      'level: the editor does not offer advanced',
      'level: the editor offers expert, which the content schema refuses',
      'hours: the content schema has a number, the editor a text',
      'title: required in the content schema only',
      'note: required in the editor only',
    ]);
  });

  it('refuses a label for a field the schema does not have', () => {
    expect(() => editorFields(z.object({ name: z.string() }), { nmae: { label: 'Name' } })).toThrow('editor labels name fields the schema does not have: nmae');
  });
});
