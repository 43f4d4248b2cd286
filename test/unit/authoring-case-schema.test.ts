/**
 * One schema, for cases too (issue 22 item 3): the case form's fields (src/lib/authoring/case-form.ts)
 * and the zod case schema describe the same file. Like test/unit/authoring-schema.test.ts for the
 * Keystatic forms, the walk fails on any field, type, enum value or required flag in one only,
 * down through steps (a map keyed by id), their kinds, options, and `next` (a step id or rules).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { caseSpec, formSpec, specShape, type Spec } from '~/lib/authoring/case-form';
import { compareShapes } from '~/lib/authoring/drift';
import { describeField, type Field } from '~/lib/authoring/zod-shape';
import { scenarioSchema } from '~/lib/shared/schemas/simulation';

const zodFields = (schema: z.ZodTypeAny): Record<string, Field> => {
  const { shape } = describeField(schema);
  if (shape.kind !== 'object') throw new Error('not an object schema');
  return shape.fields;
};
const formFields = (spec: Spec): Record<string, Field> => {
  const { shape } = specShape(spec);
  if (shape.kind !== 'object') throw new Error('not an object form');
  return shape.fields;
};

describe('the case form and the case schema', () => {
  it('have the same fields, types, enums and required flags', () => {
    expect(compareShapes(zodFields(scenarioSchema), formFields(caseSpec))).toEqual([]);
  });

  it('edit every kind of step, and show steps, state and effects as entries keyed by id', () => {
    const nodes = caseSpec.fields.nodes!;
    expect(nodes.kind).toBe('record');
    const step = nodes.kind === 'record' ? nodes.item : undefined;
    expect(step?.kind === 'variants' && Object.keys(step.variants).sort()).toEqual(['choice', 'end', 'form', 'input', 'scene', 'task']);
    expect(caseSpec.fields.state?.kind).toBe('record');
    const option = step?.kind === 'variants' && step.variants.choice!.options!.kind === 'list' ? step.variants.choice!.options!.item : undefined;
    expect(option?.kind === 'object' && Object.keys(option.fields)).toEqual(['id', 'text', 'points', 'effects', 'feedback', 'critical', 'next']);
    expect(option?.kind === 'object' && option.fields.effects!.kind).toBe('record');
    // `next` is a step chosen from the case's steps, or a list of rules.
    const next = option?.kind === 'object' ? option.fields.next : undefined;
    expect(next?.kind === 'union' && next.options.map((o) => o.kind)).toEqual(['text', 'list']);
    expect(next?.kind === 'union' && next.options[0]!.kind === 'text' && next.options[0]!.target).toBe(true);
  });

  const step = (extra: z.ZodRawShape = {}) =>
    z.object({ title: z.string(), nodes: z.record(z.discriminatedUnion('type', [z.object({ type: z.literal('end'), good: z.boolean(), ...extra }).strict()])) }).strict();

  it('fails when a step gains a field the form lacks', () => {
    const form = formSpec(step(), {});
    expect(compareShapes(zodFields(step({ outcome: z.string() })), formFields(form))).toEqual(['nodes{}(end).outcome: in the content schema but not in the editor']);
  });

  it('fails when the form gains a field the schema lacks', () => {
    const form = formSpec(step({ outcome: z.string() }), {});
    expect(compareShapes(zodFields(step()), formFields(form))).toEqual(['nodes{}(end).outcome: in the editor but not in the content schema']);
  });

  it('fails when `next` loses its rules or a field changes type or required flag', () => {
    const schema = z.object({ next: z.union([z.string(), z.array(z.object({ to: z.string() }))]), minutes: z.number(), role: z.string() }).strict();
    const form = formSpec(z.object({ next: z.string(), minutes: z.string(), role: z.string().optional() }).strict(), {});
    expect(compareShapes(zodFields(schema), formFields(form))).toEqual([
      'next: the content schema has a union, the editor a text',
      'minutes: the content schema has a number, the editor a text',
      'role: required in the content schema only',
    ]);
  });
});
