import { describe, expect, it } from 'vitest';
import { commonPaths, decisionSplits, evaluationSummary, funnel, histogram, median, wrongPairings } from '~/lib/domain/reports';

describe('report aggregations', () => {
  it('median of odd and even counts', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('funnel: share of the cohort and drop from the stage before', () => {
    // 40 enrolled, 30 read, 25 passed, 25 evaluated: 75%, 62.5%, 62.5%; drops 10, 5, 0.
    const f = funnel([
      { id: 'enrolled', label: 'Enrolled', count: 40 },
      { id: 'lessons', label: 'Finished lessons', count: 30 },
      { id: 'quiz', label: 'Passed post-test', count: 25 },
      { id: 'evaluated', label: 'Evaluated', count: 25 },
    ]);
    expect(f.map((s) => s.percentOfStart)).toEqual([100, 75, 62.5, 62.5]);
    expect(f.map((s) => s.dropFromPrevious)).toEqual([0, 10, 5, 0]);
    expect(funnel([{ id: 'enrolled', label: 'Enrolled', count: 0 }])[0]!.percentOfStart).toBe(0);
  });

  it('histogram: bins of ten, 100 in the last bin, edges go up', () => {
    const bins = histogram([0, 9.99, 10, 55, 69.9, 70, 100, 100]);
    expect(bins).toHaveLength(10);
    expect(bins.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 1, 1, 1, 0, 2]);
    expect(bins[9]!.label).toBe('90–100%');
    expect(bins[0]!.label).toBe('0–<10%');
  });

  it('decision splits: counts, shares and the median time per node', () => {
    const rows = [
      { node: 'ask', choice: 'when', kind: 'choice', ms: 4000 },
      { node: 'ask', choice: 'when', kind: 'choice', ms: 6000 },
      { node: 'ask', choice: 'plan', kind: 'choice', ms: 1000 },
      { node: 'ask', choice: 'when', kind: 'choice', ms: null },
      { node: 'dx', choice: null, kind: 'input', ms: 30000 },
    ];
    const [ask, dx] = decisionSplits(rows);
    // ask: 4 decisions, "when" 3 (75%), "plan" 1 (25%); median of 4000, 6000, 1000 = 4000.
    expect(ask).toEqual({ node: 'ask', total: 4, medianMs: 4000, options: [{ id: 'when', count: 3, share: 75 }, { id: 'plan', count: 1, share: 25 }] });
    expect(dx).toEqual({ node: 'dx', total: 1, medianMs: 30000, options: [{ id: '(input)', count: 1, share: 100 }] });
  });

  it('common bad paths, most frequent first', () => {
    expect(commonPaths(['a›b', 'a›c', 'a›b', 'a›b', 'a›c', 'z'], 2)).toEqual([{ path: 'a›b', count: 3 }, { path: 'a›c', count: 2 }]);
  });

  it('evaluation summary: Likert means, bias share, median minutes, comments', () => {
    const items = [
      { id: 'met', type: 'likert' as const, text: 'Objectives met' },
      { id: 'bias', type: 'yes-no' as const, text: 'Bias?' },
      { id: 'minutes', type: 'minutes' as const, text: 'Minutes' },
      { id: 'comments', type: 'text' as const, text: 'Comments' },
    ];
    const s = evaluationSummary(items, [
      { met: 5, bias: false, minutes: 120, comments: 'Great' },
      { met: 4, bias: true, minutes: 180, comments: null },
      { met: 2, bias: false, minutes: 150, comments: '  ' },
    ]);
    // mean (5+4+2)/3 = 3.67; bias 1 of 3 = 33.3%; median minutes 150.
    expect(s.likert).toEqual([{ id: 'met', text: 'Objectives met', answered: 3, mean: 3.67 }]);
    expect(s.yesShare[0]).toMatchObject({ share: 33.3, answered: 3 });
    expect(s.medianMinutes).toBe(150);
    expect(s.comments).toEqual(['Great']);
    expect(s.responses).toBe(3);
  });
});

describe('wrong pairings of a matching question', () => {
  const pairs = [
    { id: 'a', left: 'The R in HEARD' },
    { id: 'b', left: 'The D in HEARD' },
  ];
  it('reads right-hand ids through each attempt’s own order before counting', () => {
    // Attempt 1 showed Resolve as r1; attempt 2 showed it as r2. Both learners put "Review" against
    // the R, which is r3 in the first attempt and r1 in the second: the same wrong pairing twice.
    const first = [
      { id: 'r1', text: 'Resolve', pairId: 'a' },
      { id: 'r2', text: 'Diagnose', pairId: 'b' },
      { id: 'r3', text: 'Review', pairId: null },
    ];
    const second = [
      { id: 'r1', text: 'Review', pairId: null },
      { id: 'r2', text: 'Resolve', pairId: 'a' },
      { id: 'r3', text: 'Diagnose', pairId: 'b' },
    ];
    const out = wrongPairings([
      { answer: { a: 'r3', b: 'r2' }, pairs, rightChoices: first },
      { answer: { a: 'r1', b: 'r2' }, pairs, rightChoices: second },
    ]);
    expect(out).toEqual([
      { left: 'The R in HEARD', right: 'Review', count: 2 },
      { left: 'The D in HEARD', right: 'Resolve', count: 1 },
    ]);
  });

  it('ignores right pairs, blanks and ids the attempt never showed', () => {
    const shown = [
      { id: 'r1', text: 'Resolve', pairId: 'a' },
      { id: 'r2', text: 'Diagnose', pairId: 'b' },
    ];
    expect(wrongPairings([{ answer: { a: 'r1', b: 'r9' }, pairs, rightChoices: shown }])).toEqual([]);
  });
});
