import { describe, expect, it } from 'vitest';
import { expandEvaluation } from '~/lib/domain/evaluation-form';
import { evaluationSummary } from '~/lib/domain/reports';
import { stateNotesFor } from '~/lib/domain/state-notes';
import { courseSchema, evaluationSchema, oneYearAfter } from '~/lib/shared/schemas/course';
import { licensureSchema, type LicenceRulesInput } from '~/lib/shared/schemas/licensure';
import { costLabel, publicitySchema } from '~/lib/shared/schemas/publicity';

const publicity = { cost: 'free', level: 'introductory', hardware: 'A computer.', software: 'A browser.', creditExpires: '2027-06-01' };
const course = (over: Record<string, unknown> = {}) => ({
  title: 'T', summary: 'S', description: 'D', ceHours: 1, format: 'self-instruction-online', agd: [{ code: '550', hours: 1 }],
  instructors: ['x'], objectives: [{ id: 'a', text: 'A.' }, { id: 'b', text: 'B.' }, { id: 'c', text: 'C.' }],
  disclosure: 'None.', access: 'open', published: true, releaseDate: '2026-06-01', reviewDate: '2027-06-01', publicity, hoursBasis: 'content-estimate', ...over,
});
const issues = (data: unknown) => {
  const r = courseSchema.safeParse(data);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('publicity fields', () => {
  it('reads the cost as free, included with membership or whole cents', () => {
    expect(publicitySchema.parse({ ...publicity, cost: 49.5 }).cost).toEqual({ cents: 4950 });
    expect(costLabel({ cents: 4950 })).toBe('$49.50');
    expect(costLabel({ cents: 4900 })).toBe('$49');
    expect(costLabel('included-with-membership')).toBe('Included with club membership');
    expect(costLabel('free')).toBe('Free');
    expect(publicitySchema.safeParse({ ...publicity, cost: 49.999 }).success).toBe(false);
    expect(publicitySchema.safeParse({ ...publicity, cost: 'cheap' }).success).toBe(false);
    expect(publicitySchema.safeParse({ ...publicity, level: 'expert' }).success).toBe(false);
  });

  it('is required on a published course, and credit must expire after release', () => {
    expect(issues(course())).toEqual([]);
    const { publicity: _drop, ...without } = course();
    expect(issues(without)).toEqual([expect.stringMatching(/^publicity: a published course states its cost/)]);
    expect(issues({ ...without, published: false })).toEqual([]);
    expect(issues(course({ publicity: { ...publicity, creditExpires: '2026-05-01' } }))).toEqual(['publicity.creditExpires: creditExpires must come after releaseDate']);
  });
});

describe('yearly review of coding content', () => {
  it('allows a review date at most one year after release', () => {
    expect(issues(course({ codingContent: true, reviewDate: '2027-06-01' }))).toEqual([]);
    expect(issues(course({ codingContent: true, reviewDate: '2027-06-02' }))).toEqual([
      'reviewDate: coding content is reviewed yearly: reviewDate must be at most one year after releaseDate (by 2027-06-01)',
    ]);
    // Other content may wait longer.
    expect(issues(course({ reviewDate: '2029-06-01' }))).toEqual([]);
  });

  it('counts a year from 29 February as ending on 28 February', () => {
    expect(oneYearAfter(new Date('2028-02-29')).toISOString().slice(0, 10)).toBe('2029-02-28');
    expect(oneYearAfter(new Date('2026-11-29')).toISOString().slice(0, 10)).toBe('2027-11-29');
  });
});

describe('evaluation items per objective', () => {
  const form = evaluationSchema.parse({
    title: 'E',
    items: [
      { id: 'can-now', type: 'objectives', text: 'I can now' },
      { id: 'free-of-bias', type: 'likert', text: 'Free of commercial bias.' },
      { id: 'future-topics', type: 'text', text: 'Future topics?' },
    ],
  });

  it('asks "I can now ..." once per course objective, keeping acronyms as written', () => {
    const expanded = expandEvaluation(form, [
      { id: 'medical-coverage', text: 'Explain when a medical plan may pay.' },
      { id: 'cms-1500', text: 'CMS-1500 boxes: complete the accident items.' },
    ]);
    expect(expanded.items.map((i) => [i.id, i.type, i.text])).toEqual([
      ['can-now-medical-coverage', 'likert', 'I can now explain when a medical plan may pay.'],
      ['can-now-cms-1500', 'likert', 'I can now CMS-1500 boxes: complete the accident items.'],
      ['free-of-bias', 'likert', 'Free of commercial bias.'],
      ['future-topics', 'text', 'Future topics?'],
    ]);
    expect(expanded.items[0]).toMatchObject({ objective: 'medical-coverage', required: true });
  });

  it('reports the objective statements apart from the others, and text answers per item', () => {
    const expanded = expandEvaluation(form, [{ id: 'x', text: 'Do X.' }]);
    const s = evaluationSummary(expanded.items, [
      { 'can-now-x': 4, 'free-of-bias': 5, 'future-topics': 'Appeals' },
      { 'can-now-x': 3, 'free-of-bias': 5, 'future-topics': ' ' },
    ]);
    // (4 + 3) / 2 = 3.5
    expect(s.objectives).toEqual([{ id: 'can-now-x', objective: 'x', text: 'I can now do X.', mean: 3.5, answered: 2 }]);
    expect(s.likert).toEqual([{ id: 'free-of-bias', text: 'Free of commercial bias.', mean: 5, answered: 2 }]);
    expect(s.texts).toEqual([{ id: 'future-topics', text: 'Future topics?', answers: ['Appeals'] }]);
  });
});

describe('state acceptance notes', () => {
  const rules = (extra: Partial<LicenceRulesInput> = {}): LicenceRulesInput => ({
    label: 'Dentist',
    hoursPerCycle: { hours: 24, source: 'https://board.example/hours' },
    cycle: { years: 2, anchor: { kind: 'licence-expiry' }, source: 'https://board.example/cycle' },
    ...extra,
  });
  const state = licensureSchema.parse({
    state: 'TX',
    name: 'Texas',
    officialDomains: ['board.example'],
    licenceTypes: {
      dentist: rules({
        categoryCaps: [{ id: 'pm', label: 'PM', agdCodes: ['550'], maxHours: 0, courseNote: 'CAP-NOTE', source: 'https://board.example/cap' }],
        categoryMinimums: [{ id: 'clinical', label: 'Clinical', minHours: 16, excludeAgdCodes: ['550', '770'], courseNote: 'MIN-NOTE', source: 'https://board.example/min' }],
      }),
      hygienist: rules(),
    },
  });

  it('shows a cap note to a course it covers and a minimum note to a course that does not count toward it', () => {
    expect(stateNotesFor(state, 'dentist', ['550'])).toEqual([
      { state: 'Texas', text: 'CAP-NOTE', source: 'https://board.example/cap' },
      { state: 'Texas', text: 'MIN-NOTE', source: 'https://board.example/min' },
    ]);
    // A course coded 550 and 490 (periodontics) counts partly as clinical: no minimum note, and the cap note applies.
    expect(stateNotesFor(state, 'dentist', ['550', '490']).map((n) => n.text)).toEqual(['CAP-NOTE']);
    expect(stateNotesFor(state, 'dentist', ['490'])).toEqual([]);
  });

  it('says nothing to another license type or a state file without that type', () => {
    expect(stateNotesFor(state, 'hygienist', ['550'])).toEqual([]);
    expect(stateNotesFor(state, 'dental-assistant', ['550'])).toEqual([]);
  });

  it('refuses a minimum above the hours of the whole cycle', () => {
    const r = licensureSchema.safeParse({
      state: 'TX', name: 'Texas', officialDomains: ['board.example'],
      licenceTypes: { dentist: rules({ categoryMinimums: [{ id: 'c', label: 'C', minHours: 30, source: 'https://board.example/min' }] }) },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('minHours (30) is more than the 24 hours of the whole cycle');
  });
});
