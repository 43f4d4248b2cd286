import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { applyDecision, startRun, type RunState } from '~/lib/domain/simulation/engine';
import { decisionFromForm } from '~/actions/simulation';
import { candidates, decisionFields } from '../fixtures/sim-candidates';
import { loadScenario } from '../e2e/sim-helpers';

// The browser tests and the load test play cases with these candidates. Every step of every
// shipped case must offer at least one the engine accepts, or a client would be stranded there
// (the load test once threw at broken-tooth-10's narrative task, a step kind it did not know).
const CASES = readdirSync('content/simulations').filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));

describe('candidate decisions for the clients that play cases', () => {
  it('finds the shipped cases', () => {
    expect(CASES).toEqual(expect.arrayContaining(['broken-tooth-10', 'upset-caller']));
  });

  for (const id of CASES) {
    it(`${id}: every state reached offers an accepted decision, every step is reached, and each posts as the player's form does`, () => {
      const { scenario } = loadScenario(id);
      const seen = new Set<string>();
      const reached = new Set<string>();
      const stranded: string[] = [];
      const misposted: string[] = [];
      const queue: RunState[] = [startRun(scenario)];
      // A state is its step, the case's variables (they choose where steps lead) and the wrong tries
      // at this step, as the build's path audit counts them; tries left behind at earlier steps
      // change nothing ahead.
      while (queue.length > 0 && seen.size < 50_000) {
        const state = queue.shift()!;
        const key = JSON.stringify([state.node, state.vars, state.tries[state.node] ?? 0]);
        if (seen.has(key)) continue;
        seen.add(key);
        reached.add(state.node);
        if (state.finished) continue;
        let accepted = 0;
        for (const d of candidates(scenario, state)) {
          const form = new FormData();
          for (const [k, v] of decisionFields(d)) form.append(k, v);
          if (JSON.stringify(decisionFromForm(form)) !== JSON.stringify(d)) misposted.push(`${state.node}:${d.kind}`);
          const r = applyDecision(scenario, state, d);
          if (!r.ok) continue;
          accepted++;
          queue.push(r.state);
        }
        if (accepted === 0) stranded.push(state.node);
      }
      expect(queue).toEqual([]);
      expect(stranded).toEqual([]);
      expect(misposted).toEqual([]);
      expect([...reached].sort()).toEqual(Object.keys(scenario.nodes).sort());
      // The step that stranded the load test is among those reached.
      if (id === 'broken-tooth-10') expect(reached).toContain('narrative-task');
    });
  }
});
