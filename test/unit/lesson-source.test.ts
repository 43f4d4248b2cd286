import { describe, expect, it } from 'vitest';
import { parseLessonSource } from '~/lib/content/lesson-source';
import { componentProps } from '~/lib/shared/schemas/lesson-components';

const lesson = (body: string) => `---\ntitle: T\norder: 1\nminutes: 5\nobjectives: [a]\n---\n${body}`;

describe('parseLessonSource', () => {
  it('reads frontmatter, and each element with its file line and literal props', () => {
    const r = parseLessonSource(lesson('\nText.\n\n<Checkpoint\n  question="Q?"\n  options={["a", `b`, \'c\']}\n  answer={-1}\n  explanation="E."\n/>\n\nInline <KeyTerm term="T" definition="D" /> here.\n'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.lesson.frontmatter).toEqual({ title: 'T', order: 1, minutes: 5, objectives: ['a'] });
    // Frontmatter is lines 1-6; the blank line 7, "Text." line 8, the element opens on line 10.
    expect(r.lesson.components).toEqual([
      {
        name: 'Checkpoint',
        line: 10,
        props: {
          question: { line: 11, literal: true, value: 'Q?' },
          options: { line: 12, literal: true, value: ['a', 'b', 'c'] },
          answer: { line: 13, literal: true, value: -1 },
          explanation: { line: 14, literal: true, value: 'E.' },
        },
        spreadLines: [],
      },
      { name: 'KeyTerm', line: 17, props: { term: { line: 17, literal: true, value: 'T' }, definition: { line: 17, literal: true, value: 'D' } }, spreadLines: [] },
    ]);
  });

  it('marks code as not literal, and finds spreads, imports and expressions', () => {
    const r = parseLessonSource(lesson('\nexport const x = 1;\n\n<ToothChart teeth={x} {...rest} caption="C" />\n\nSome {1 + 1} text. {/* a comment is fine */}\n'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.lesson.esmLines).toEqual([8]);
    expect(r.lesson.components[0]).toMatchObject({ name: 'ToothChart', line: 10, spreadLines: [10], props: { teeth: { literal: false }, caption: { value: 'C' } } });
    expect(r.lesson.expressionLines).toEqual([12]);
  });

  it('refuses a file without frontmatter and reports where MDX fails to parse', () => {
    expect(parseLessonSource('# Just a heading\n')).toMatchObject({ ok: false, field: '(frontmatter)' });
    expect(parseLessonSource(lesson('\n<Callout answer={[1,}>x</Callout>\n'))).toMatchObject({ ok: false, field: 'body', line: 8 });
  });
});

describe('componentProps (what the components run at render time)', () => {
  it('throws a message naming the component and the prop', () => {
    expect(() => componentProps('Checkpoint', { question: 'Q', options: ['a', 'b', 'c'], answer: 5, explanation: 'E' })).toThrow('<Checkpoint> answer: must be the 0-based index of the right option: 0 to 2 for 3 options, not 5');
    expect(() => componentProps('ToothChart', { teeth: [33], caption: 'C' })).toThrow('<ToothChart> teeth.0: 33 is not a Universal tooth number (1 to 32)');
    expect(() => componentProps('Figure', { src: '/images/x.svg', alt: ' ', caption: 'C' })).toThrow('<Figure> alt: cannot be empty');
  });

  it('returns the props when they are good', () => {
    expect(componentProps('ToothChart', { teeth: [1, 32], caption: 'C' })).toEqual({ teeth: [1, 32], caption: 'C' });
  });
});
