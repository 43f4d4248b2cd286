import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyzeScenario, MAX_SEARCH_STATES, replayRun, runResult, validateScenario } from '~/lib/domain/simulation';
import type { Scenario, ScenarioInput } from '~/lib/shared/schemas/simulation';
import { scenarioSchema } from '~/lib/shared/schemas/simulation';

const FIXTURES = new URL('../fixtures/simulations/', import.meta.url);
const raw = (name: string): unknown => parse(readFileSync(new URL(`${name}.yaml`, FIXTURES), 'utf8'));
const load = (name: string): Scenario => scenarioSchema.parse(raw(name));

function errorsOf(id: string, data: unknown): string[] {
  const result = validateScenario(id, data);
  if (result.ok) throw new Error(`${id} unexpectedly passed validation`);
  return result.errors;
}

/** A minimal valid scenario to vary in single tests. */
function base(nodes: ScenarioInput['nodes'], extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    title: 'Inline',
    course: 'test-course',
    summary: 'Inline scenario.',
    objectives: ['obj-a'],
    minutes: 5,
    passThreshold: 70,
    role: 'You test.',
    start: 'start',
    nodes,
    ...extra,
  };
}
const goodEnd = { type: 'end' as const, outcome: 'done', label: 'Done', good: true, debrief: 'Done.' };
const badEnd = { type: 'end' as const, outcome: 'failed', label: 'Failed', good: false, debrief: 'Failed.' };

describe('analyzeScenario on the valid fixture', () => {
  const scenario = load('valid-broken-tooth');
  const analysis = analyzeScenario('valid-broken-tooth', scenario);

  it('computes the realisable maximum score', () => {
    /*
     * By hand. Points on the way to the only good end, "paid" (trust >= 30 and claimOk >= 1 at outcome-check):
     *   ask-first   when-how 2 (trust 50 -> 60)      | insurance 0 (-> 45)
     *   explain     investigate 3 (+10)              | promise 1 (+45, clamped at 100) | no-coverage 0 -> "lost" (bad)
     *   which-plan  best accepted "Medical" 2 (first try)
     *   dx-code     S02.5XXA 3 (failing leads via coder-help to the same form with 0)
     *   form-boxes  1 + 1 + 1 = 3
     *   fee-talk    explain-plan 1 (trust unchanged)  | collect-now 2 (trust -75)
     *   submit      with-narrative 2 (claimOk 1)      | bare 0 -> "denied" (bad)
     * collect-now leaves trust at most 100 - 75 = 25 < 30, so it always ends at "hung-up": the
     * per-node maximum 2+3+2+3+3+2+2 = 17 is not realisable. The best realisable run is
     *   2 + 3 + 2 + 3 + 3 + 1 + 2 = 16 (when-how, investigate, Medical, S02.5XXA, form, explain-plan, with-narrative).
     */
    expect(analysis.ok).toBe(true);
    if (!analysis.ok) return;
    expect(analysis.maxScore).toBe(16);
    expect(analysis.warnings).toEqual([]);
    expect(analysis.bestPath).toEqual([
      'call', 'ask-first', 'benefits', 'explain', 'which-plan', 'dx-code', 'form-boxes', 'fee-talk', 'submit', 'outcome-check', 'paid',
    ]);
  });

  it('returns best decisions that replay to the good end with the maximum score', () => {
    if (!analysis.ok) throw new Error(analysis.errors.join('\n'));
    expect(analysis.bestChoices).toContainEqual({ node: 'which-plan', kind: 'input', value: 'Medical' });
    expect(analysis.bestChoices).toContainEqual({ node: 'fee-talk', kind: 'choice', choice: 'explain-plan' });
    const replay = replayRun(scenario, analysis.bestChoices);
    expect(replay.ok).toBe(true);
    if (!replay.ok) return;
    expect(replay.state).toMatchObject({ finished: true, good: true, outcome: 'claim-paid', node: 'paid', score: 16 });
    expect(runResult(scenario, replay.state, analysis.maxScore)).toEqual({ score: 16, maxScore: 16, percent: 100, passed: true, critical: false });
    expect(replay.state.log.map((e) => e.node)).toEqual(analysis.bestPath.slice(0, -1));
  });

  it('is deterministic', () => {
    expect(analyzeScenario('valid-broken-tooth', load('valid-broken-tooth'))).toEqual(analysis);
  });
});

describe('analyzeScenario on broken fixtures', () => {
  const cases: Array<[string, string[]]> = [
    ['broken-unknown-target', ['broken-unknown-target: node "call": option "good-way": next "form-box" does not exist']],
    ['broken-unreachable', ['broken-unreachable: node "orphan": is unreachable']],
    ['broken-cycle', ['broken-cycle: node "ask": is part of a cycle: ask -> recap -> ask']],
    ['broken-dead-end', ['broken-dead-end: node "stuck": next: required']],
    ['broken-no-default', ['broken-no-default: node "route": next: the last rule has an "if"']],
    [
      'broken-default-not-last',
      ['broken-default-not-last: node "route": option "a": next rule 1 has no "if"', 'broken-default-not-last: node "route": option "a": next: the last rule has an "if"'],
    ],
    [
      'broken-unknown-variable',
      [
        'broken-unknown-variable: node "call": option "a": effects use undeclared variable "mood"',
        'broken-unknown-variable: node "route": next rule 1: condition uses undeclared variable "patience"',
      ],
    ],
    ['broken-no-good-end', ['broken-no-good-end: no good ending: none of the end nodes "sad", "sadder" has good: true']],
    // Option "a" scores 5 but drops trust below 30, which routes to the bad end: the realisable maximum is 0.
    ['broken-zero-score', ['broken-zero-score: node "call": the best run to a good end scores 0 points']],
  ];

  for (const [id, expected] of cases) {
    it(`${id} fails with a message naming the scenario and the node`, () => {
      const errors = errorsOf(id, raw(id));
      for (const message of expected) expect(errors.some((e) => e.startsWith(message)), `${message}\n in ${errors.join('\n')}`).toBe(true);
      for (const e of errors) {
        expect(e.startsWith(`${id}: `)).toBe(true);
        expect(e).toMatch(/node "[a-z0-9-]+"|end nodes "/);
      }
    });
  }
});

describe('structure checks on inline scenarios', () => {
  it('reports a start that does not exist', () => {
    const errors = errorsOf('no-start', base({ intro: { type: 'scene', narrative: 'Hi.', next: 'done' }, done: goodEnd }));
    expect(errors).toContain('no-start: start "start" does not exist (nodes: intro, done)');
  });

  it('reports duplicate option and field ids', () => {
    const errors = errorsOf(
      'dupes',
      base({
        start: {
          type: 'choice',
          prompt: 'Pick.',
          options: [
            { id: 'a', text: 'A', points: 1, feedback: 'A.', next: 'form' },
            { id: 'a', text: 'A again', points: 0, feedback: 'A again.', next: 'form' },
          ],
        },
        form: {
          type: 'form',
          prompt: 'Fill.',
          fields: [
            { id: 'f', label: 'F', kind: 'text', accepted: ['x'], points: 1, feedback: 'F.' },
            { id: 'f', label: 'F2', kind: 'text', accepted: ['y'], points: 1, feedback: 'F2.' },
          ],
          next: 'done',
        },
        done: goodEnd,
      }),
    );
    expect(errors).toContain('dupes: node "start": option id "a" is used more than once');
    expect(errors).toContain('dupes: node "form": field id "f" is used more than once');
  });

  it('reports accepted answers that collide after normalisation, wrong answers that are accepted, and non-numeric money', () => {
    const errors = errorsOf(
      'answers',
      base({
        start: {
          type: 'input',
          prompt: 'Code?',
          label: 'Code',
          normalize: 'code',
          accepted: [
            { value: 'S02.5XXA', points: 2, feedback: 'Yes.' },
            { value: 's025xxa', points: 1, feedback: 'Also yes.' },
          ],
          wrong: [{ value: 'S02.5 XXA', feedback: 'No?' }],
          otherwise: 'No.',
          maxTries: 2,
          next: 'fee',
        },
        fee: {
          type: 'input',
          prompt: 'Fee?',
          label: 'Fee',
          normalize: 'money',
          accepted: [{ value: 'eighteen hundred', points: 1, feedback: 'Yes.' }],
          otherwise: 'No.',
          maxTries: 1,
          next: 'done',
        },
        done: goodEnd,
      }),
    );
    expect(errors).toContain('answers: node "start": accepted "s025xxa" is the same answer as "S02.5XXA" once normalised (code)');
    expect(errors).toContain('answers: node "start": wrong answer "S02.5 XXA" is also accepted (as "S02.5XXA")');
    expect(errors).toContain('answers: node "fee": accepted "eighteen hundred" is not a number, so no typed answer can match it');
  });

  it('reports misspelt fields, bad conditions and select answers outside the options, naming node and option', () => {
    const errors = errorsOf(
      'schema',
      base({
        start: {
          type: 'choice',
          prompt: 'Pick.',
          options: [
            { id: 'a', text: 'A', points: 1, feedback: 'A.', nxt: 'done' },
            { id: 'b', text: 'B', points: 0, feedback: 'B.', next: [{ if: { var: 'x', lt: 1, gt: 3 }, to: 'done' }, { to: 'done' }] },
          ],
        } as never,
        form: {
          type: 'form',
          prompt: 'Fill.',
          fields: [{ id: 'f', label: 'F', kind: 'select', options: ['YES', 'NO'], accepted: ['MAYBE'], points: 1, feedback: 'F.' }],
          next: 'done',
        },
        done: goodEnd,
      }),
    );
    expect(errors).toContain("schema: node \"start\": option \"a\": Unrecognized key(s) in object: 'nxt'");
    expect(errors).toContain('schema: node "start": option "a": next: required: every node except an end needs a next (a node id or a list of rules).');
    expect(errors).toContain('schema: node "start": option "b": next[0].if: A condition needs exactly one of lt, lte, gt, gte, eq (found lt, gt).');
    expect(errors).toContain('schema: node "form": field "f": accepted[0]: "MAYBE" is not one of the options.');
  });

  it('rejects an initial value outside min and max', () => {
    const errors = errorsOf(
      'vars',
      base(
        { start: { type: 'scene', narrative: 'Hi.', next: 'done' }, done: goodEnd },
        { state: { trust: { label: 'Trust', initial: 120, min: 0, max: 100 } } },
      ),
    );
    expect(errors).toEqual(['vars: state.trust.initial: initial must lie between min (0) and max (100).']);
  });

  it('reads numeric YAML answers as text', () => {
    const scenario = load('valid-broken-tooth');
    const form = scenario.nodes['form-boxes'];
    expect(form?.type === 'form' && form.fields.map((f) => f.accepted)).toEqual([['YES'], ['431'], ['1850']]);
  });
});

describe('maximum score search', () => {
  it('takes the failing route of an input when that is what scores best, and replays it', () => {
    const scenario = scenarioSchema.parse(
      base({
        start: {
          type: 'input',
          prompt: 'Code?',
          label: 'Code',
          normalize: 'code',
          accepted: [{ value: 'A1', points: 1, feedback: 'Yes.' }],
          otherwise: 'No.',
          maxTries: 2,
          next: 'done',
          nextOnFail: 'remedial',
        },
        remedial: {
          type: 'choice',
          prompt: 'Remedial question.',
          options: [
            { id: 'x', text: 'X', points: 5, feedback: 'X.', next: 'done' },
            { id: 'y', text: 'Y', points: 0, feedback: 'Y.', next: 'done' },
          ],
        },
        done: goodEnd,
      }),
    );
    const analysis = analyzeScenario('fail-route', scenario);
    if (!analysis.ok) throw new Error(analysis.errors.join('\n'));
    expect(analysis.maxScore).toBe(5);
    expect(analysis.bestPath).toEqual(['start', 'remedial', 'done']);
    expect(analysis.bestChoices.filter((d) => d.node === 'start')).toHaveLength(2);
    const replay = replayRun(scenario, analysis.bestChoices);
    expect(replay.ok && replay.state).toMatchObject({ finished: true, good: true, score: 5 });
  });

  it('counts the best accepted answer of an input and the sum of a form', () => {
    const scenario = scenarioSchema.parse(
      base({
        start: {
          type: 'input',
          prompt: 'Plan?',
          label: 'Plan',
          normalize: 'text',
          accepted: [
            { value: 'both', points: 1, feedback: 'Partly.' },
            { value: 'medical', points: 4, feedback: 'Yes.' },
          ],
          otherwise: 'No.',
          maxTries: 1,
          next: 'form',
        },
        form: {
          type: 'form',
          prompt: 'Fill.',
          fields: [
            { id: 'a', label: 'A', kind: 'text', accepted: ['x'], points: 1.5, feedback: 'A.' },
            { id: 'b', label: 'B', kind: 'select', options: ['1', '2'], accepted: ['2'], points: 0.25, feedback: 'B.' },
          ],
          next: 'done',
        },
        done: goodEnd,
      }),
    );
    const analysis = analyzeScenario('sums', scenario);
    expect(analysis.ok && analysis.maxScore).toBe(5.75);
    expect(analysis.ok && analysis.bestChoices).toEqual([
      { node: 'start', kind: 'input', value: 'medical' },
      { node: 'form', kind: 'form', fields: { a: 'x', b: '2' } },
    ]);
  });

  it('warns about a node that only an impossible condition leads to', () => {
    const scenario = scenarioSchema.parse(
      base(
        {
          start: {
            type: 'choice',
            prompt: 'Pick.',
            options: [
              { id: 'a', text: 'A', points: 1, effects: { trust: 10 }, feedback: 'A.', next: 'route' },
              { id: 'b', text: 'B', points: 0, feedback: 'B.', next: 'route' },
            ],
          },
          route: { type: 'scene', narrative: 'Later.', next: [{ if: { var: 'trust', gt: 100 }, to: 'secret' }, { to: 'done' }] },
          secret: { type: 'scene', narrative: 'Never.', next: 'done' },
          done: goodEnd,
        },
        { state: { trust: { label: 'Trust', initial: 50, min: 0, max: 100 } } },
      ),
    );
    const analysis = analyzeScenario('dead-rule', scenario);
    expect(analysis.ok && analysis.warnings).toEqual(['dead-rule: node "secret": no run can reach it, because the conditions on the way to it never hold']);
  });

  it('reports a good end that no sequence of decisions can reach', () => {
    const errors = errorsOf(
      'blocked',
      base(
        {
          start: { type: 'scene', narrative: 'Hi.', next: [{ if: { var: 'trust', gt: 90 }, to: 'done' }, { to: 'failed' }] },
          done: goodEnd,
          failed: badEnd,
        },
        { state: { trust: { label: 'Trust', initial: 50, min: 0, max: 100 } } },
      ),
    );
    expect(errors).toEqual(['blocked: node "start": no sequence of decisions from start reaches a good end ("done"); check the conditions on the way']);
  });

  it('stops with an error instead of searching an exploding state space', () => {
    // 17 yes/no choices each add a different power of two: 2^17 distinct states at the end.
    const nodes: Record<string, unknown> = {};
    for (let i = 0; i < 17; i++) {
      const next = i === 16 ? 'done' : `q${i + 1}`;
      nodes[i === 0 ? 'start' : `q${i}`] = {
        type: 'choice',
        prompt: `Question ${i}`,
        options: [
          { id: 'yes', text: 'Yes', points: 1, effects: { x: 2 ** i }, feedback: 'Yes.', next },
          { id: 'no', text: 'No', points: 0, feedback: 'No.', next },
        ],
      };
    }
    nodes.done = goodEnd;
    const errors = errorsOf('huge', base(nodes as ScenarioInput['nodes'], { state: { x: { label: 'X', initial: 0, min: 0, max: 1e9 } } }));
    expect(errors).toEqual([expect.stringContaining(`huge: node "start": more than ${MAX_SEARCH_STATES} different (node, state) combinations`)]);
  });
});
