import { describe, expect, it } from 'vitest';
import type { Decision, RunState } from '~/lib/domain/simulation';
import {
  analyzeScenario,
  applyDecision,
  decisionOf,
  normalizeAnswer,
  replayRun,
  runResult,
  startRun,
} from '~/lib/domain/simulation';
import type { Scenario } from '~/lib/shared/schemas/simulation';
import { decisionSchema, scenarioSchema } from '~/lib/shared/schemas/simulation';
import { go, loadFixture, pick, playOn, type } from '../fixtures/simulation';

const load = loadFixture;
const scenario = load('valid-broken-tooth');

/** Applies decisions that must all be accepted. */
const play = (decisions: Decision[], from?: RunState): RunState => playOn(scenario, decisions, from);
const RIGHT_FIELDS = { box10c: 'YES', box14q: '431', box28: '1850' };
const RIGHT_FORM: Decision = { node: 'form-boxes', kind: 'form', fields: RIGHT_FIELDS };

const toWhichPlan = [go('call'), pick('ask-first', 'when-how'), go('benefits'), pick('explain', 'investigate')];
const toDxCode = [...toWhichPlan, type('which-plan', 'medical')];
const toFeeTalk = [...toDxCode, type('dx-code', 'S02.5XXA'), RIGHT_FORM];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('startRun', () => {
  it('starts at the start node with the initial values', () => {
    expect(startRun(scenario)).toEqual({
      node: 'call',
      vars: { trust: 50, claimOk: 0 },
      score: 0,
      finished: false,
      outcome: null,
      good: null,
      tries: {},
      log: [],
    });
  });

  it('waits on a scene until the learner continues', () => {
    const r = applyDecision(scenario, startRun(scenario), go('call'));
    expect(r.ok && r.state.node).toBe('ask-first');
    expect(r.ok && r.result).toEqual({ points: 0, feedback: null, advanced: true });
  });
});

describe('choices, effects and clamping', () => {
  it('adds points and effects and returns the option feedback', () => {
    const r = applyDecision(scenario, play([go('call')]), pick('ask-first', 'when-how'));
    if (!r.ok) throw new Error(r.error);
    expect(r.state).toMatchObject({ node: 'benefits', vars: { trust: 60, claimOk: 0 }, score: 2 });
    expect(r.result).toEqual({ points: 2, verdict: 'right', feedback: expect.stringContaining('FB-WHEN-HOW'), advanced: true });
    expect(r.state.log.at(-1)).toEqual({ node: 'ask-first', kind: 'choice', choice: 'when-how', points: 2 });
  });

  it('clamps at the maximum, which changes where the run ends', () => {
    const state = play([go('call'), pick('ask-first', 'when-how'), go('benefits'), pick('explain', 'promise')]);
    expect(state.vars.trust).toBe(100); // 60 + 45 = 105, clamped
    const end = play(
      [type('which-plan', 'medical'), type('dx-code', 'S02.5XXA'), RIGHT_FORM, pick('fee-talk', 'collect-now'), pick('submit', 'with-narrative')],
      state,
    );
    // Unclamped, 105 - 75 = 30 would not be below 30 and the claim would be paid.
    expect(end.vars.trust).toBe(25);
    expect(play([go('outcome-check')], end)).toMatchObject({ node: 'hung-up', finished: true, good: false, outcome: 'patient-left' });
  });

  it('clamps at the minimum and finishes at an end reached straight from a choice', () => {
    const state = play([go('call'), pick('ask-first', 'insurance'), go('benefits'), pick('explain', 'no-coverage')]);
    expect(state).toMatchObject({ node: 'lost', vars: { trust: 0 }, finished: true, outcome: 'no-treatment', good: false, score: 0 });
  });
});

describe('conditional routing', () => {
  const beforeCheck = (fee: string, submit: string) => play([...toFeeTalk, pick('fee-talk', fee), pick('submit', submit)]);

  it('routes to "paid" when trust held and the claim is complete', () => {
    expect(play([go('outcome-check')], beforeCheck('explain-plan', 'with-narrative'))).toMatchObject({ node: 'paid', good: true, score: 16 });
  });

  it('routes to "denied" when the claim is incomplete', () => {
    expect(play([go('outcome-check')], beforeCheck('explain-plan', 'bare'))).toMatchObject({ node: 'denied', good: false, outcome: 'claim-denied' });
  });

  it('routes to "hung-up" when trust fell below 30, whatever the claim', () => {
    expect(play([go('outcome-check')], beforeCheck('collect-now', 'with-narrative'))).toMatchObject({ node: 'hung-up', good: false });
  });

  it('resolves an option\'s conditional next on the state after its effects', () => {
    const s = scenarioSchema.parse({
      title: 'T',
      course: 'c',
      summary: 'S.',
      objectives: ['o'],
      minutes: 1,
      passThreshold: 50,
      role: 'R.',
      state: { x: { label: 'X', initial: 0, min: 0, max: 1 } },
      start: 'start',
      nodes: {
        start: {
          type: 'choice',
          prompt: 'P',
          options: [
            { id: 'set', text: 'Set', points: 1, effects: { x: 1 }, feedback: 'F', next: [{ if: { var: 'x', eq: 1 }, to: 'yes' }, { to: 'no' }] },
            { id: 'keep', text: 'Keep', points: 1, feedback: 'F', next: [{ if: { var: 'x', eq: 1 }, to: 'yes' }, { to: 'no' }] },
          ],
        },
        yes: { type: 'end', outcome: 'yes', label: 'Yes', good: true, debrief: 'D' },
        no: { type: 'end', outcome: 'no', label: 'No', good: false, debrief: 'D' },
      },
    });
    const set = applyDecision(s, startRun(s), { node: 'start', kind: 'choice', choice: 'set' });
    const keep = applyDecision(s, startRun(s), { node: 'start', kind: 'choice', choice: 'keep' });
    expect(set.ok && set.state.node).toBe('yes');
    expect(keep.ok && keep.state.node).toBe('no');
  });
});

describe('input nodes', () => {
  it('gives full points on the first try, normalising case and spaces', () => {
    const r = applyDecision(scenario, play(toWhichPlan), type('which-plan', '  MEDICAL '));
    expect(r.ok && r.result).toEqual({ points: 2, correct: true, verdict: 'right', feedback: expect.stringContaining('FB-PLAN-MEDICAL'), advanced: true });
  });

  it('gives a lower-scoring accepted answer its own points', () => {
    const r = applyDecision(scenario, play(toWhichPlan), type('which-plan', 'both'));
    expect(r.ok && r.result.points).toBe(1);
  });

  it('stays on the node after a wrong answer, with feedback, a hint and the tries left', () => {
    const r = applyDecision(scenario, play(toDxCode), type('dx-code', 'w50.0xxa'));
    if (!r.ok) throw new Error(r.error);
    expect(r.result).toEqual({
      points: 0,
      correct: false,
      verdict: 'wrong',
      feedback: expect.stringContaining('FB-DX-EXTERNAL'),
      hint: expect.stringContaining('HINT-DX-1'),
      triesLeft: 2,
      advanced: false,
    });
    expect(r.state).toMatchObject({ node: 'dx-code', tries: { 'dx-code': 1 }, score: 7 });
    expect(r.state.log.at(-1)).toEqual({ node: 'dx-code', kind: 'input', input: 'w50.0xxa', points: 0, correct: false });
  });

  it('uses the "otherwise" feedback and the next hint for other wrong answers', () => {
    const once = play([...toDxCode, type('dx-code', 'K08.8')]);
    const r = applyDecision(scenario, once, type('dx-code', 'S02.6XXA'));
    expect(r.ok && r.result).toMatchObject({ feedback: expect.stringContaining('FB-DX-OTHERWISE'), hint: expect.stringContaining('HINT-DX-2'), triesLeft: 1 });
  });

  it('gives half the points on the second try and nothing on the third', () => {
    const second = applyDecision(scenario, play([...toDxCode, type('dx-code', 'x')]), type('dx-code', 's02.5 xxa'));
    expect(second.ok && second.result).toMatchObject({ points: 1.5, correct: true, advanced: true });
    expect(second.ok && second.state).toMatchObject({ node: 'form-boxes', score: 8.5 });

    const third = applyDecision(scenario, play([...toDxCode, type('dx-code', 'x'), type('dx-code', 'y')]), type('dx-code', 'S025XXA'));
    expect(third.ok && third.result).toMatchObject({ points: 0, correct: true, advanced: true });
    expect(third.ok && third.state.node).toBe('form-boxes');
  });

  it('moves on to nextOnFail with 0 points and shows the answer after maxTries wrong answers', () => {
    const r = applyDecision(scenario, play([...toDxCode, type('dx-code', 'a'), type('dx-code', 'b')]), type('dx-code', 'c'));
    if (!r.ok) throw new Error(r.error);
    expect(r.result).toEqual({
      points: 0,
      correct: false,
      verdict: 'wrong',
      feedback: expect.stringContaining('FB-DX-OTHERWISE'),
      triesLeft: 0,
      solution: { value: 'S02.5XXA', feedback: expect.stringContaining('FB-DX-RIGHT') },
      advanced: true,
    });
    expect(r.state).toMatchObject({ node: 'coder-help', score: 7, tries: { 'dx-code': 3 } });
  });

  it('falls back to next when there is no nextOnFail', () => {
    const r = applyDecision(scenario, play([...toWhichPlan, type('which-plan', 'dental')]), type('which-plan', 'the dental one'));
    expect(r.ok && r.state.node).toBe('dx-code');
    expect(r.ok && r.result.points).toBe(0);
  });

  it('refuses an empty answer without using a try', () => {
    const state = play(toDxCode);
    expect(applyDecision(scenario, state, type('dx-code', '   '))).toEqual({ ok: false, error: 'Type an answer first.' });
  });
});

describe('normalizeAnswer', () => {
  it('reads money and numbers the same however they are written', () => {
    for (const v of ['1805', '1,805', '$1805.00', ' $ 1,805.0 ', '1805.']) expect(normalizeAnswer('money', v)).toBe('1805');
    expect(normalizeAnswer('number', '-2.50')).toBe('-2.5');
    expect(normalizeAnswer('number', '0x10')).not.toBe('16');
    expect(normalizeAnswer('money', '')).not.toBe('0');
  });

  it('normalises codes and text', () => {
    expect(normalizeAnswer('code', ' s02.5 xxa ')).toBe('S025XXA');
    expect(normalizeAnswer('text', '  Medical   Plan\t')).toBe('medical plan');
  });
});

describe('forms', () => {
  const atForm = play([...toDxCode, type('dx-code', 'S02.5XXA')]);

  it('grades each field with the field\'s normalisation', () => {
    const r = applyDecision(scenario, atForm, { node: 'form-boxes', kind: 'form', fields: { box10c: 'YES', box14q: ' 4.31', box28: '$1,850.00' } });
    expect(r.ok && r.result).toMatchObject({ points: 3, correct: true, advanced: true });
  });

  it('gives points only for the right fields and returns per-field feedback', () => {
    const r = applyDecision(scenario, atForm, { node: 'form-boxes', kind: 'form', fields: { box10c: 'NO', box14q: '431', box28: '1805' } });
    if (!r.ok) throw new Error(r.error);
    expect(r.result).toMatchObject({ points: 1, correct: false, verdict: 'partly', feedback: '1 of 3 fields right.' });
    expect(r.result.fields?.map((f) => [f.id, f.correct, f.points])).toEqual([
      ['box10c', false, 0],
      ['box14q', true, 1],
      ['box28', false, 0],
    ]);
    expect(r.state).toMatchObject({ node: 'fee-talk', score: 11 });
  });
});

describe('refused decisions leave the state untouched', () => {
  const atChoice = deepFreeze(play([go('call')]));
  const atForm = deepFreeze(play([...toDxCode, type('dx-code', 'S02.5XXA')]));
  const atInput = deepFreeze(play(toDxCode));
  const analysis = analyzeScenario('valid-broken-tooth', scenario);
  if (!analysis.ok) throw new Error(analysis.errors.join('\n'));
  const finished = deepFreeze(play(analysis.bestChoices));

  const cases: Array<[string, RunState, unknown, RegExp]> = [
    ['another node', atChoice, pick('explain', 'investigate'), /no longer the current one/],
    ['a replayed earlier step', atChoice, go('call'), /no longer the current one/],
    ['a finished run', finished, go('outcome-check'), /already finished/],
    ['an option not offered here', atChoice, pick('ask-first', 'investigate'), /not offered/],
    ['a made-up option', atChoice, pick('ask-first', '__proto__'), /not offered/],
    ['the wrong kind for a choice', atChoice, type('ask-first', 'when-how'), /expects a choice/],
    ['the wrong kind for a scene', deepFreeze(startRun(scenario)), pick('call', 'when-how'), /expects a continue/],
    ['the wrong kind for an input', atInput, go('dx-code'), /expects a typed answer/],
    ['a missing form field', atForm, { node: 'form-boxes', kind: 'form', fields: { box10c: 'YES', box14q: '431' } }, /missing: 28 Total charge/],
    ['an extra form field', atForm, { node: 'form-boxes', kind: 'form', fields: { ...RIGHT_FIELDS, box99: 'x' } }, /no field "box99"/],
    ['a select value that is not an option', atForm, { node: 'form-boxes', kind: 'form', fields: { box10c: 'yes', box14q: '431', box28: '1850' } }, /not one of the options/],
    ['an over-long input', atInput, type('dx-code', 'S'.repeat(201)), /too long/],
    ['an over-long form value', atForm, { node: 'form-boxes', kind: 'form', fields: { box10c: 'YES', box14q: '4'.repeat(201), box28: '1850' } }, /too long/],
    ['a non-string answer', atInput, { node: 'dx-code', kind: 'input', value: 42 }, /Type an answer/],
  ];

  for (const [what, state, decision, message] of cases) {
    it(`refuses ${what}`, () => {
      const before = structuredClone(state);
      const r = applyDecision(scenario, state, decision as Decision);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatch(message);
      expect(state).toEqual(before);
    });
  }

  it('does not mutate the state it is given when a decision is accepted', () => {
    const before = structuredClone(atInput);
    const wrong = applyDecision(scenario, atInput, type('dx-code', 'nope'));
    const right = applyDecision(scenario, atInput, type('dx-code', 'S02.5XXA'));
    expect(wrong.ok && right.ok).toBe(true);
    expect(atInput).toEqual(before);
  });

  it('a 200-character answer is still graded', () => {
    expect(applyDecision(scenario, atInput, type('dx-code', 'S'.repeat(200))).ok).toBe(true);
  });
});

describe('replayRun', () => {
  const decisions = [
    ...toWhichPlan,
    type('which-plan', 'dental'),
    type('which-plan', 'Medical'),
    type('dx-code', 'W50.0XXA'),
    type('dx-code', 'nope'),
    type('dx-code', 'still no'),
    go('coder-help'),
    { node: 'form-boxes', kind: 'form', fields: { box10c: 'YES', box14q: '431', box28: '1,805' } } as Decision,
    pick('fee-talk', 'explain-plan'),
    pick('submit', 'with-narrative'),
    go('outcome-check'),
  ];

  it('equals applying the decisions one by one', () => {
    const stepwise = play(decisions);
    const replay = replayRun(scenario, decisions);
    expect(replay.ok).toBe(true);
    expect(replay.ok && replay.state).toEqual(stepwise);
    // 2 + 3 + 1 (Medical on the second try) + 0 (dx-code failed) + 2 (box28 wrong) + 1 + 2
    expect(stepwise).toMatchObject({ score: 11, finished: true, good: true, node: 'paid' });
  });

  it('reproduces a run from its own log', () => {
    const state = play(decisions);
    expect(replayRun(scenario, state.log.map(decisionOf))).toEqual({ ok: true, state, results: expect.any(Array) });
  });

  it('stops at the first refused decision and says which', () => {
    // The third decision skips the "benefits" scene, as a forged request would.
    const forged = [go('call'), pick('ask-first', 'when-how'), pick('explain', 'promise'), ...decisions.slice(4)];
    const replay = replayRun(scenario, forged);
    expect(replay).toMatchObject({ ok: false, index: 2, error: expect.stringMatching(/no longer the current one/) });
    expect(!replay.ok && replay.state).toMatchObject({ node: 'benefits', score: 2 });
  });

  it('refuses a decision after the end', () => {
    const replay = replayRun(scenario, [...decisions, go('outcome-check')]);
    expect(replay).toMatchObject({ ok: false, index: decisions.length, error: 'This case is already finished.' });
  });

  it('accepts exactly what decisionSchema accepts from the browser', () => {
    for (const d of decisions) expect(decisionSchema.parse(d)).toEqual(d);
    expect(decisionSchema.safeParse({ node: 'x', kind: 'choice', choice: 'a', points: 5 }).success).toBe(false);
    expect(decisionSchema.safeParse({ node: 'x', kind: 'input', value: 'a'.repeat(201) }).success).toBe(false);
  });
});

describe('runResult', () => {
  const at = (score: number, finished = true, good: boolean | null = true): RunState => ({ ...startRun(scenario), score, finished, good });

  it('passes at exactly the threshold and fails just below it', () => {
    // passThreshold 70: 7 of 10 is exactly 70 %.
    expect(runResult(scenario, at(7), 10)).toEqual({ score: 7, maxScore: 10, percent: 70, passed: true, critical: false });
    expect(runResult(scenario, at(6.99), 10)).toMatchObject({ percent: 69.9, passed: false });
  });

  it('never passes an unfinished run', () => {
    expect(runResult(scenario, at(16, false, null), 16)).toMatchObject({ percent: 100, passed: false });
  });

  it('never passes a run that ends badly, whatever its points', () => {
    expect(runResult(scenario, at(16, true, false), 16)).toMatchObject({ percent: 100, passed: false });
  });

  it('scores the hand-checked replay against the maximum', () => {
    const state = play([
      ...toWhichPlan,
      type('which-plan', 'x'),
      type('which-plan', 'medical'),
      type('dx-code', 'S02.5XXA'),
      RIGHT_FORM,
      pick('fee-talk', 'explain-plan'),
      pick('submit', 'with-narrative'),
      go('outcome-check'),
    ]);
    // 16 - 1 (half of "medical") = 15 of 16 = 93.75 %
    expect(runResult(scenario, state, 16)).toEqual({ score: 15, maxScore: 16, percent: 93.75, passed: true, critical: false });
  });
});
