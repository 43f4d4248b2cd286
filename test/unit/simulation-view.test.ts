import { describe, expect, it } from 'vitest';
import type { Decision, RunState, StepView } from '~/lib/domain/simulation';
import { analyzeScenario, applyDecision, currentStepView, historyView, startRun } from '~/lib/domain/simulation';
import { fixtureSource, go, loadFixture, pick, playOn, type } from '../fixtures/simulation';
import { storyAfter, type HistoryEntry } from '~/lib/shared/simulation-view';

const source = fixtureSource('valid-broken-tooth');
const scenario = loadFixture('valid-broken-tooth');
const analysis = analyzeScenario('valid-broken-tooth', scenario);
if (!analysis.ok) throw new Error(analysis.errors.join('\n'));
const { maxScore } = analysis;

// The fixture tags every secret with a marker so a leak is easy to spot.
const markers = (prefix: string) => [...new Set(source.match(new RegExp(`${prefix}-[A-Z0-9-]+`, 'g')) ?? [])];
const FEEDBACK = markers('FB');
const HINTS = markers('HINT');
const DEBRIEFS = markers('DEBRIEF');
// Accepted values of inputs and text fields (select options are visible by design).
const ACCEPTED = ['Medical', 'Both', 'S02.5XXA', '431', '1850'];
const SECRET_KEYS = ['points', 'feedback', 'accepted', 'effects', 'next', 'nextOnFail', 'wrong', 'otherwise', 'correct', 'solution'];

const play = (decisions: Decision[], from?: RunState): RunState => playOn(scenario, decisions, from);
const toDxCode = [go('call'), pick('ask-first', 'when-how'), go('benefits'), pick('explain', 'investigate'), type('which-plan', 'medical')];

function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) (out.add(k), keysOf(v, out));
  return out;
}

function view(state: RunState): StepView {
  const v = currentStepView(scenario, state, maxScore, 1);
  if (!v) throw new Error('no view');
  return v;
}

/** What no step view may ever contain, except hints already earned and the debrief of the end actually reached. */
function expectNoSecrets(v: StepView) {
  const json = JSON.stringify(v);
  const earned = v.type === 'input' ? v.hints.join(' ') : '';
  for (const marker of [...FEEDBACK, ...HINTS])
    if (!earned.includes(marker)) expect(json, `${v.node} leaks ${marker}`).not.toContain(marker);
  for (const marker of DEBRIEFS) if (!(v.type === 'end' && v.debrief.includes(marker))) expect(json).not.toContain(marker);
  const keys = keysOf(v);
  for (const key of SECRET_KEYS) expect(keys.has(key), `${v.node} has a "${key}" key`).toBe(false);
}

describe('currentStepView', () => {
  it('shows a scene with its narrative, lines, visual, meters and progress', () => {
    expect(view(startRun(scenario))).toEqual({
      node: 'call',
      type: 'scene',
      narrative: 'A young mother phones on a Monday morning, upset and in pain.',
      lines: [
        { speaker: 'Patient', text: 'I was buckling my daughter into her car seat and she kicked me right in the mouth.' },
        { speaker: 'Patient', text: 'Half of my front tooth is gone.' },
      ],
      visual: { kind: 'tooth-chart', teeth: [10], caption: 'Tooth #10, the upper left lateral incisor' },
      // claimOk has no meter: true, so the learner does not see it.
      meters: [{ id: 'trust', label: 'Patient trust', value: 50, min: 0, max: 100 }],
      // Longest: call, ask-first, benefits, explain, which-plan, dx-code, coder-help, form-boxes, fee-talk, submit, outcome-check -> end.
      // Shortest: call, ask-first, benefits, explain -> lost.
      progress: { taken: 0, remainingMin: 4, remainingMax: 11, percent: 0 },
    });
  });

  it('shows a choice as option ids and texts only', () => {
    const v = view(play([go('call')]));
    expect(v).toMatchObject({ type: 'choice', prompt: 'What do you ask first?' });
    expect(v.type === 'choice' && v.options).toEqual([
      { id: 'when-how', text: 'When and how did it happen?' },
      { id: 'insurance', text: 'Which insurance do you have?' },
    ]);
    expectNoSecrets(v);
  });

  it('shows an input with only the hints earned so far and the tries left', () => {
    const first = view(play(toDxCode));
    expect(first).toMatchObject({ type: 'input', label: 'Diagnosis code', normalize: 'code', hints: [], triesLeft: 3, maxTries: 3, maxLength: 200 });
    expectNoSecrets(first);
    expect(JSON.stringify(first)).not.toContain('S02.5XXA');
    expect(JSON.stringify(first)).not.toContain('W50.0XXA');

    const afterWrong = view(play([...toDxCode, type('dx-code', 'W50.0XXA')]));
    expect(afterWrong).toMatchObject({ hints: ['HINT-DX-1: look in chapter S of ICD-10-CM.'], triesLeft: 2 });
    expect(JSON.stringify(afterWrong)).not.toContain('HINT-DX-2');
    expect(JSON.stringify(afterWrong)).not.toContain('S02.5XXA');
  });

  it('shows a form as field ids, labels, kinds and select options', () => {
    const v = view(play([...toDxCode, type('dx-code', 'S02.5XXA')]));
    expect(v).toMatchObject({ type: 'form', form: 'cms-1500' });
    expect(v.type === 'form' && v.fields).toEqual([
      { id: 'box10c', label: '10c Other accident?', kind: 'select', options: ['YES', 'NO'] },
      { id: 'box14q', label: '14 Qualifier', kind: 'text' },
      { id: 'box28', label: '28 Total charge', kind: 'text' },
    ]);
    expectNoSecrets(v);
    const json = JSON.stringify(v);
    expect(json).not.toContain('431');
    expect(json).not.toContain('1850');
  });

  it('shows the ending with its debrief and the score summary', () => {
    const end = view(play(analysis.bestChoices));
    expect(end).toMatchObject({
      type: 'end',
      outcome: 'claim-paid',
      label: 'Claim paid',
      good: true,
      debrief: expect.stringContaining('DEBRIEF-PAID'),
      result: { score: 16, maxScore: 16, percent: 100, passed: true, critical: false },
      progress: { taken: 10, remainingMin: 0, remainingMax: 0, percent: 100 },
    });
    expect(JSON.stringify(end)).not.toContain('DEBRIEF-DENIED');
  });

  it('computes the maximum itself when not given one', () => {
    const end = currentStepView(scenario, play(analysis.bestChoices), undefined, 1);
    expect(end?.type === 'end' && end.result.maxScore).toBe(16);
  });

  it('never leaks secrets along any of several runs, and progress only rises', () => {
    const runs: Decision[][] = [
      analysis.bestChoices,
      [
        ...toDxCode,
        type('dx-code', 'a'),
        type('dx-code', 'b'),
        type('dx-code', 'c'),
        go('coder-help'),
        { node: 'form-boxes', kind: 'form', fields: { box10c: 'NO', box14q: 'x', box28: '0' } },
        pick('fee-talk', 'collect-now'),
        pick('submit', 'bare'),
        go('outcome-check'),
      ],
      [go('call'), pick('ask-first', 'insurance'), go('benefits'), pick('explain', 'no-coverage')],
    ];
    for (const decisions of runs) {
      let state = startRun(scenario);
      let last = -1;
      for (const d of [...decisions, null]) {
        const v = view(state);
        expectNoSecrets(v);
        if (v.type === 'input') for (const value of ACCEPTED) expect(JSON.stringify(v)).not.toContain(value);
        expect(v.progress.percent).toBeGreaterThanOrEqual(last);
        last = v.progress.percent;
        if (d) state = play([d], state);
      }
      expect(last).toBe(100);
    }
  });

  it('returns null for a run at a node the scenario no longer has', () => {
    expect(currentStepView(scenario, { ...startRun(scenario), node: 'gone' }, undefined, 1)).toBeNull();
  });
});

describe('historyView', () => {
  it('tells the story so far with only the feedback already given', () => {
    const state = play([...toDxCode, type('dx-code', 'W50.0XXA')]);
    const history = historyView(scenario, state);
    expect(history.map((h) => [h.type, h.node])).toEqual([
      ['scene', 'call'],
      ['choice', 'ask-first'],
      ['scene', 'benefits'],
      ['choice', 'explain'],
      ['input', 'which-plan'],
      ['input', 'dx-code'],
    ]);
    expect(history[0]).toMatchObject({ lines: expect.arrayContaining([expect.objectContaining({ speaker: 'Patient' })]) });
    expect(history[1]).toEqual({
      type: 'choice',
      node: 'ask-first',
      prompt: 'What do you ask first?',
      choice: { id: 'when-how', text: 'When and how did it happen?' },
      points: 2,
      verdict: 'right',
      feedback: expect.stringContaining('FB-WHEN-HOW'),
    });
    expect(history[5]).toMatchObject({
      value: 'W50.0XXA',
      correct: false,
      points: 0,
      feedback: expect.stringContaining('FB-DX-EXTERNAL'),
      hint: expect.stringContaining('HINT-DX-1'),
    });

    const json = JSON.stringify(history);
    const given = ['FB-WHEN-HOW', 'FB-INVESTIGATE', 'FB-PLAN-MEDICAL', 'FB-DX-EXTERNAL', 'HINT-DX-1'];
    for (const marker of given) expect(json).toContain(marker);
    for (const marker of [...FEEDBACK, ...HINTS, ...DEBRIEFS].filter((m) => !given.includes(m)))
      expect(json, `history leaks ${marker}`).not.toContain(marker);
    // The accepted answer of the input still being attempted stays hidden.
    expect(json).not.toContain('S02.5XXA');
  });

  it('shows form results and the solution of an input whose tries ran out', () => {
    const state = play([
      ...toDxCode,
      type('dx-code', 'a'),
      type('dx-code', 'b'),
      type('dx-code', 'c'),
      go('coder-help'),
      { node: 'form-boxes', kind: 'form', fields: { box10c: 'YES', box14q: '', box28: '1,850' } },
    ]);
    const history = historyView(scenario, state);
    expect(history.find((h) => h.type === 'input' && h.solution)).toMatchObject({
      node: 'dx-code',
      value: 'c',
      solution: { value: 'S02.5XXA', feedback: expect.stringContaining('FB-DX-RIGHT') },
    });
    const form = history.at(-1);
    expect(form).toMatchObject({ type: 'form', points: 2, correct: false, feedback: '2 of 3 fields right.' });
    expect(form?.type === 'form' && form.fields.map((f) => [f.id, f.value, f.correct])).toEqual([
      ['box10c', 'YES', true],
      ['box14q', '', false],
      ['box28', '1,850', true],
    ]);
  });

  it('is empty at the start', () => {
    expect(historyView(scenario, startRun(scenario))).toEqual([]);
  });
});

describe('storyAfter: the player adds each decision’s entry to the story it holds', () => {
  it('builds the same story a reload shows, one answer at a time, retries included', () => {
    const decisions = [...toDxCode, type('dx-code', 'a'), type('dx-code', 'b')];
    let story: HistoryEntry[] = [];
    let state = startRun(scenario);
    for (const d of decisions) {
      state = play([d], state);
      // As the decide action answers: the last entry and the number of entries before it.
      const whole = historyView(scenario, state);
      story = storyAfter(story, { latest: whole.at(-1)!, latestAt: whole.length - 1 })!;
    }
    expect(story.map((h) => h.node)).toEqual(['call', 'ask-first', 'benefits', 'explain', 'which-plan', 'dx-code', 'dx-code']);
    expect(story).toEqual(historyView(scenario, state));
  });

  it('replaces what comes after the entry’s place, and gives up when the player holds too little', () => {
    const [call, ask, benefits] = historyView(scenario, play(toDxCode.slice(0, 3)));
    expect(storyAfter([call!, ask!], { latest: benefits!, latestAt: 1 })).toEqual([call, benefits]);
    expect(storyAfter([], { latest: call!, latestAt: 0 })).toEqual([call]);
    expect(storyAfter([call!], { latest: benefits!, latestAt: 2 })).toBeNull();
  });
});
