import { describe, expect, it } from 'vitest';
import { caseDiagram, NODE_W, shorten } from '~/lib/domain/case-diagram';
import { scenarioSchema, type Scenario } from '~/lib/shared/schemas/simulation';
import { loadFixture } from '../fixtures/simulation';

/**
 * greet (choice) ─ calm ──────▶ ask (input) ─ next ──▶ fixed (good end)
 *                 └ promise ──▶ angry (bad end)   └ nextOnFail ▶ angry
 *                 └ argue ────▶ angry
 */
const small: Scenario = scenarioSchema.parse({
  title: 'Small case',
  course: 'c',
  summary: 's',
  objectives: ['o'],
  minutes: 5,
  passThreshold: 70,
  role: 'Front desk',
  start: 'greet',
  nodes: {
    greet: {
      type: 'choice',
      prompt: 'How do you answer?',
      options: [
        { id: 'calm', text: 'Calmly', points: 2, feedback: 'Good.', next: 'ask' },
        { id: 'promise', text: 'Promise coverage', points: 0, feedback: 'No.', critical: true, next: 'angry' },
        { id: 'argue', text: 'Argue', points: 0, feedback: 'No.', next: 'angry' },
      ],
    },
    ask: { type: 'input', prompt: 'Code?', label: 'Code', normalize: 'code', accepted: [{ value: 'D0140', points: 3, feedback: 'Yes.' }], otherwise: 'No.', maxTries: 2, next: 'fixed', nextOnFail: 'angry' },
    fixed: { type: 'end', outcome: 'fixed', label: 'Claim fixed', good: true, debrief: 'd' },
    angry: { type: 'end', outcome: 'angry', label: 'Patient leaves angry and never comes back', good: false, debrief: 'd' },
  },
});

describe('case diagram', () => {
  it('puts each step one row below the deepest step leading to it', () => {
    const d = caseDiagram(small, { id: 'x' });
    const layer = Object.fromEntries(d.nodes.map((n) => [n.id, n.layer]));
    // angry is reached from greet (row 0) and from ask (row 1), so it sits on row 2 with fixed.
    expect(layer).toEqual({ greet: 0, ask: 1, fixed: 2, angry: 2 });
    const row2 = d.nodes.filter((n) => n.layer === 2);
    expect(row2[0]!.x + NODE_W).toBeLessThan(row2[1]!.x);
  });

  it('merges options that lead to the same step and keeps the critical mark', () => {
    const d = caseDiagram(small, { id: 'x' });
    const toAngry = d.edges.find((e) => e.from === 'greet' && e.to === 'angry')!;
    expect(toAngry.via).toEqual(['promise', 'argue']);
    expect(toAngry.critical).toBe(true);
    expect(d.edges).toHaveLength(4);
    expect(d.svg).toContain('stroke-dasharray="6 4"');
  });

  it('turns traffic into whole-percent shares per source step', () => {
    // greet: 6 calm, 2 to angry -> 75% / 25%; ask: 5 fixed, 1 angry -> 83% / 17%.
    const d = caseDiagram(small, {
      id: 'x',
      traffic: [
        { from: 'greet', to: 'ask', count: 6 },
        { from: 'greet', to: 'angry', count: 2 },
        { from: 'ask', to: 'fixed', count: 5 },
        { from: 'ask', to: 'angry', count: 1 },
      ],
    });
    const share = (from: string, to: string) => d.edges.find((e) => e.from === from && e.to === to)!.share;
    expect([share('greet', 'ask'), share('greet', 'angry'), share('ask', 'fixed'), share('ask', 'angry')]).toEqual([75, 25, 83, 17]);
    expect(d.svg).toContain('>75%<');
    expect(d.sentences[0]).toBe('Start, step “greet” (choice · 3 options) leads 75% (6) to “ask” (calm); 25% (2) to “angry” (promise, argue), critical.');
  });

  it('says when nobody has left a step yet instead of dividing by zero', () => {
    const d = caseDiagram(small, { id: 'x', traffic: [] });
    expect(d.edges.every((e) => e.count === 0 && e.share === null)).toBe(true);
    expect(d.sentences[0]).toContain('(no learners yet) to “ask”');
  });

  it('names endings as good or bad in words, not colour alone', () => {
    const d = caseDiagram(small, { id: 'x' });
    expect(d.sentences).toContain('Bad ending “angry”: Patient leaves angry and never comes back.');
    expect(d.sentences).toContain('Good ending “fixed”: Claim fixed.');
    expect(d.svg).toContain('✕ angry');
    // Cut to 24 characters in the box; the full label stays in the title and the sentences.
    expect(d.svg).toContain('>Bad: Patient leaves ang…<');
    expect(shorten('abc', 3)).toBe('abc');
  });

  it('marks the best path and describes it', () => {
    const d = caseDiagram(small, { id: 'x', bestPath: ['greet', 'ask', 'fixed'] });
    expect(d.edges.filter((e) => e.onBestPath).map((e) => `${e.from}>${e.to}`)).toEqual(['greet>ask', 'ask>fixed']);
    expect(d.sentences.at(-1)).toBe('Best path: “greet” → “ask” → “fixed”.');
  });

  it('escapes authored text and prefixes ids so two diagrams share a page', () => {
    const tricky = scenarioSchema.parse({ ...small, title: '<script>x</script>' });
    const d = caseDiagram(tricky, { id: 'one' });
    expect(d.svg).not.toContain('<script>');
    expect(d.svg).toContain('id="one-arrow"');
    expect(d.svg).toContain('aria-labelledby="one-title one-desc"');
  });

  it('draws every node of a shipped-size case inside the picture', () => {
    const scenario = loadFixture('valid-broken-tooth');
    const d = caseDiagram(scenario, { id: 'bt' });
    expect(d.nodes).toHaveLength(Object.keys(scenario.nodes).length);
    for (const n of d.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.x + NODE_W).toBeLessThanOrEqual(d.width);
    }
    for (const e of d.edges) expect(d.nodes.find((n) => n.id === e.to)!.layer).toBeGreaterThan(d.nodes.find((n) => n.id === e.from)!.layer);
  });
});
