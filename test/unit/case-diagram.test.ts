import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { caseDiagram, NODE_H, NODE_W, shorten, type CaseDiagram } from '~/lib/domain/case-diagram';
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

  describe('edges never pass behind a box', () => {
    /** Whether the segment p–q meets the rectangle's inside (Liang–Barsky clipping; touching its border does not count). */
    const crosses = ([px, py]: [number, number], [qx, qy]: [number, number], r: { x: number; y: number }) => {
      const inset = 0.5; // a line running along a border, or ending on it, does not pass behind the box
      const [left, right, top, bottom] = [r.x + inset, r.x + NODE_W - inset, r.y + inset, r.y + NODE_H - inset];
      let [t0, t1] = [0, 1];
      const dx = qx - px;
      const dy = qy - py;
      for (const [p, q] of [[-dx, px - left], [dx, right - px], [-dy, py - top], [dy, bottom - py]] as const) {
        if (p === 0) {
          if (q < 0) return false;
          continue;
        }
        const t = q / p;
        if (p < 0) t0 = Math.max(t0, t);
        else t1 = Math.min(t1, t);
        if (t0 > t1) return false;
      }
      return true;
    };
    const collisions = (d: CaseDiagram) =>
      d.edges.flatMap((e) =>
        e.points.slice(1).flatMap((q, i) =>
          d.nodes.filter((n) => n.id !== e.from && n.id !== e.to && crosses(e.points[i]!, q, n)).map((n) => `${e.from} → ${e.to} crosses ${n.id}`),
        ),
      );

    it('the check finds a segment through a box, and passes one beside it', () => {
      const box = { x: 100, y: 100 };
      expect(crosses([50, 125], [300, 125], box)).toBe(true); // straight through
      expect(crosses([150, 80], [150, 200], box)).toBe(true); // top to bottom
      expect(crosses([50, 90], [300, 90], box)).toBe(false); // above it
      expect(crosses([100 + NODE_W / 2, 100 + NODE_H], [100 + NODE_W / 2, 300], box)).toBe(false); // leaves from its bottom edge
      expect(crosses([90, 80], [90, 300], box)).toBe(false); // down its left side
    });

    it('routes an edge that skips a row round by a gutter, outside every box', () => {
      const d = caseDiagram(small, { id: 'x' });
      const skip = d.edges.find((e) => e.from === 'greet' && e.to === 'angry')!;
      // greet (row 0) to angry (row 2): down, sideways, along the gutter, sideways, down.
      expect(skip.points).toHaveLength(6);
      const gutterX = skip.points[2]![0];
      expect(d.nodes.every((n) => gutterX < n.x || gutterX > n.x + NODE_W)).toBe(true);
      expect(gutterX).toBeGreaterThan(0);
      expect(gutterX).toBeLessThan(d.width);
      // Next-row edges are one straight line.
      expect(d.edges.find((e) => e.from === 'greet' && e.to === 'ask')!.points).toHaveLength(2);
      expect(collisions(d)).toEqual([]);
      expect(d.svg).toContain(`L${gutterX} `);
    });

    for (const id of ['upset-caller', 'broken-tooth-10']) {
      it(`in the shipped case ${id}, no edge segment meets a box other than its own two`, () => {
        const scenario = scenarioSchema.parse(parse(readFileSync(`content/simulations/${id}.yaml`, 'utf8')));
        const d = caseDiagram(scenario, { id });
        expect(d.edges.length).toBeGreaterThan(10);
        expect(collisions(d)).toEqual([]);
        // The shipped cases do skip rows, so the detours are exercised.
        expect(d.edges.some((e) => e.points.length > 2)).toBe(true);
        // A detour arrives at a point of its own: its arrowhead is not hidden under another edge's.
        for (const e of d.edges.filter((x) => x.points.length > 2)) {
          const end = String(e.points.at(-1));
          expect(d.edges.filter((x) => x !== e && String(x.points.at(-1)) === end)).toEqual([]);
        }
        for (const e of d.edges) {
          const from = d.nodes.find((n) => n.id === e.from)!;
          const to = d.nodes.find((n) => n.id === e.to)!;
          // It starts on the bottom side of its step and ends on the top side of its target.
          const [sx, sy] = e.points[0]!;
          const [ex, ey] = e.points.at(-1)!;
          expect(sy).toBe(from.y + NODE_H);
          expect(sx).toBeGreaterThan(from.x);
          expect(sx).toBeLessThan(from.x + NODE_W);
          expect(ey).toBe(to.y);
          expect(ex).toBeGreaterThan(to.x);
          expect(ex).toBeLessThan(to.x + NODE_W);
          for (const [x, y] of e.points) {
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(d.width);
            expect(y).toBeGreaterThanOrEqual(0);
            expect(y).toBeLessThanOrEqual(d.height);
          }
        }
      });
    }
  });
});
