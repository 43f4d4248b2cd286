/**
 * Lesson bodies: only the lesson components, each with props its schema accepts
 * (src/lib/shared/schemas/lesson-components.ts), figures whose file exists under public/, embedded
 * simulations that exist, key terms the glossary can read, and no code. Messages name the file,
 * the line and the prop, e.g. `content/…/02-tooth-numbers.mdx:22: <Checkpoint> answer: …`.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { isLessonComponent, LESSON_COMPONENTS, lessonComponentProps } from '~/lib/shared/schemas/lesson-components';
import { keyTermsIn } from '../keyterms';
import type { ComponentUse } from '../lesson-source';
import type { ContentTree, LessonEntry } from '../reader';

export function checkLessonComponents(tree: ContentTree): string[] {
  const simulations = new Set(tree.simulations.map((s) => s.id));
  return tree.lessons.flatMap((lesson) => checkLesson(lesson, tree.publicDir, simulations));
}

function checkLesson(lesson: LessonEntry, publicDir: string, simulations: Set<string>): string[] {
  const errors: string[] = [];
  const at = (line: number) => `${lesson.file}:${line}`;
  for (const line of lesson.esmLines) errors.push(`${at(line)}: body: lessons are data: no import or export lines`);
  for (const line of lesson.expressionLines) errors.push(`${at(line)}: body: lessons are data: no {code} in the text; write the words out`);
  for (const use of lesson.components) {
    // Lower-case names are HTML elements, which MDX renders as they are.
    if (!/^[A-Z]/.test(use.name)) continue;
    if (!isLessonComponent(use.name)) {
      errors.push(`${at(use.line)}: body: <${use.name}> is not a lesson component (use ${LESSON_COMPONENTS.join(', ')})`);
      continue;
    }
    errors.push(...checkProps(use, at));
    const src = use.props.src;
    if (use.name === 'Figure' && src?.literal && typeof src.value === 'string' && src.value.startsWith('/')) {
      const path = join(publicDir, ...src.value.split('/').filter((p) => p && p !== '..'));
      if (!existsSync(path) || !statSync(path).isFile()) errors.push(`${at(src.line)}: <Figure> src: no file public${src.value}`);
    }
    const id = use.props.id;
    if (use.name === 'Simulation' && id?.literal && typeof id.value === 'string' && !simulations.has(id.value)) {
      errors.push(`${at(id.line)}: <Simulation> id: "${id.value}" names no scenario in content/simulations`);
    }
  }
  // The glossary reads key terms from the source text at request time (lib/content/keyterms.ts):
  // every <KeyTerm> must be one it can read.
  const keyTerms = lesson.components.filter((c) => c.name === 'KeyTerm');
  if (keyTerms.length !== keyTermsIn(lesson.body).length) {
    errors.push(`${at(keyTerms[0]?.line ?? 1)}: <KeyTerm>: every <KeyTerm> needs term="…" and definition="…" as plain text in double quotes`);
  }
  return errors;
}

function checkProps(use: ComponentUse, at: (line: number) => string): string[] {
  const name = use.name as keyof typeof lessonComponentProps;
  const schema: z.ZodTypeAny = lessonComponentProps[name];
  const errors: string[] = [];
  for (const line of use.spreadLines) errors.push(`${at(line)}: <${name}> {...}: write each prop out; spread props cannot be checked`);
  const values: Record<string, unknown> = {};
  for (const [prop, p] of Object.entries(use.props)) {
    if (p.literal) values[prop] = p.value;
    else errors.push(`${at(p.line)}: <${name}> ${prop}: write the value out (text in quotes, or a number or a list in braces), not code`);
  }
  if (errors.length) return errors;
  const result = schema.safeParse(values);
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push(`${at(use.props[key]?.line ?? use.line)}: <${name}> ${key}: not a prop of <${name}> (its props: ${propNames(schema).join(', ')})`);
      continue;
    }
    const prop = issue.path[0];
    const line = typeof prop === 'string' ? (use.props[prop]?.line ?? use.line) : use.line;
    const where = issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[') : '(props)';
    errors.push(`${at(line)}: <${name}> ${where}: ${issue.message}`);
  }
  return errors;
}

function propNames(schema: z.ZodTypeAny): string[] {
  let s: z.ZodTypeAny = schema;
  while (s._def.typeName === 'ZodEffects') s = s._def.schema;
  return s._def.typeName === 'ZodObject' ? Object.keys((s as z.AnyZodObject).shape) : [];
}
