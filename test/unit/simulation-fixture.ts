/** The valid simulation fixture and the decision helpers the engine and view tests share. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { applyDecision, startRun, type Decision, type RunState } from '../../src/lib/domain/simulation';
import { scenarioSchema, type Scenario } from '../../src/lib/shared/schemas/simulation';

const FIXTURES = new URL('../fixtures/simulations/', import.meta.url);
export const fixtureSource = (name: string): string => readFileSync(new URL(`${name}.yaml`, FIXTURES), 'utf8');
export const loadFixture = (name: string): Scenario => scenarioSchema.parse(parse(fixtureSource(name)));

/** Applies decisions that must all be accepted, from the start of the run or a given state. */
export function playOn(scenario: Scenario, decisions: Decision[], from: RunState = startRun(scenario)): RunState {
  let state = from;
  for (const d of decisions) {
    const r = applyDecision(scenario, state, d);
    if (!r.ok) throw new Error(`${d.node}: ${r.error}`);
    state = r.state;
  }
  return state;
}

export const go = (node: string): Decision => ({ node, kind: 'continue' });
export const pick = (node: string, choice: string): Decision => ({ node, kind: 'choice', choice });
export const type = (node: string, value: string): Decision => ({ node, kind: 'input', value });
