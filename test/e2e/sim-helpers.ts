/** Drives the simulation player with the keyboard, and finds decision paths with the real engine. */
import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { validateScenario } from '~/lib/domain/simulation/graph';
import { applyDecision, startRun, type RunState } from '~/lib/domain/simulation/engine';
import { candidates } from '../fixtures/sim-candidates';
import type { Decision, Scenario } from '~/lib/shared/schemas/simulation';

export function loadScenario(id: string) {
  const v = validateScenario(id, parse(readFileSync(`content/simulations/${id}.yaml`, 'utf8')));
  if (!v.ok) throw new Error(v.errors.join('\n'));
  return { scenario: v.scenario, maxScore: v.analysis.maxScore, best: v.analysis.bestChoices };
}

/** A decision sequence from the start to an ending that satisfies `goal`, by depth-first search over real engine states. */
export function findPath(scenario: Scenario, goal: (s: RunState) => boolean): Decision[] {
  const seen = new Set<string>();
  const walk = (state: RunState, path: Decision[]): Decision[] | null => {
    if (state.finished) return goal(state) ? path : null;
    const key = JSON.stringify([state.node, state.vars, state.tries]);
    if (seen.has(key)) return null;
    seen.add(key);
    for (const d of candidates(scenario, state)) {
      const r = applyDecision(scenario, state, d);
      if (!r.ok) continue;
      const found = walk(r.state, [...path, d]);
      if (found) return found;
    }
    return null;
  };
  const path = walk(startRun(scenario), []);
  if (!path) throw new Error('no path reaches the goal');
  return path;
}

const norm = (s: string) =>
  s
    .replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\\u0026/g, '&')
    .replace(/[*`]/g, '')
    .replace(/\\"/g, '"')
    .replace(/\s+/g, ' ');

/** Feedback of choice options the learner has not picked must not be anywhere in the page. */
export async function expectNoUntakenFeedback(page: Page, scenario: Scenario, taken: Set<string>): Promise<void> {
  const html = norm(await page.content());
  const leaks: string[] = [];
  for (const [nodeId, node] of Object.entries(scenario.nodes)) {
    if (node.type !== 'choice') continue;
    for (const o of node.options) {
      if (taken.has(`${nodeId}:${o.id}`)) continue;
      const needle = norm(o.feedback).trim().slice(0, 60);
      if (needle.length > 20 && html.includes(needle)) leaks.push(`${nodeId}:${o.id}`);
    }
  }
  expect(leaks).toEqual([]);
}

/** Presses Tab until the focused element satisfies `match` (at most 120 presses). */
async function tabTo(page: Page, describe: string, match: (el: { tag: string; name: string; text: string; type: string; value: string }) => boolean): Promise<void> {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement & { name?: string; type?: string; value?: string };
      return { tag: a.tagName.toLowerCase(), name: a.name ?? '', text: (a.textContent ?? '').trim(), type: a.type ?? '', value: typeof a.value === 'string' ? a.value : '' };
    });
    if (match(el)) return;
  }
  throw new Error(`could not reach ${describe} with the Tab key`);
}

/** Makes one decision with the keyboard alone and waits for the server's answer. */
export async function decideByKeyboard(page: Page, scenario: Scenario, d: Decision): Promise<void> {
  const node = scenario.nodes[d.node]!;
  // Act only once the player shows this step (focus moves to it after each answer).
  await expect(page.getByTestId('sim-step')).toHaveAttribute('data-node', d.node);
  // The island posts to /_actions/…; a plain form post (before hydration) goes to ?_action=…
  const answered = page.waitForResponse(
    (r) => r.request().method() === 'POST' && /_actions\/simulation\.decide|_action=simulation\.decide/.test(r.url()),
    { timeout: 20_000 },
  );
  if (d.kind === 'continue') {
    await tabTo(page, 'Continue', (e) => e.tag === 'button' && e.text === 'Continue');
    await page.keyboard.press('Enter');
  } else if (d.kind === 'choice' && node.type === 'choice') {
    const text = node.options.find((o) => o.id === d.choice)!.text.replace(/[*`]/g, '');
    await tabTo(page, `option "${text}"`, (e) => e.tag === 'button' && e.name === 'choice' && e.text === text);
    await page.keyboard.press('Enter');
  } else if (d.kind === 'input') {
    await tabTo(page, 'the answer box', (e) => e.tag === 'input' && e.name === 'value');
    await page.keyboard.type(d.value);
    await page.keyboard.press('Enter');
  } else if (d.kind === 'form' && node.type === 'form') {
    for (const f of node.fields) {
      await tabTo(page, `field ${f.id}`, (e) => e.name === `field:${f.id}`);
      await page.keyboard.type(d.fields[f.id] ?? '');
    }
    await tabTo(page, 'Submit the form', (e) => e.tag === 'button' && e.text === 'Submit the form');
    await page.keyboard.press('Enter');
  } else if (d.kind === 'task' && node.type === 'task') {
    // Tick in the order shown (the run's own order), then commit.
    const shown = await page.getByTestId('sim-step').locator('input[name="element"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    for (const id of shown.filter((v) => d.elements.includes(v))) {
      await tabTo(page, `element ${id}`, (e) => e.name === 'element' && e.value === id);
      await page.keyboard.press('Space');
    }
    await tabTo(page, 'Commit this narrative', (e) => e.tag === 'button' && e.text === 'Commit this narrative');
    await page.keyboard.press('Enter');
  }
  const response = await answered.catch((e: Error) => {
    throw new Error(`no answer to ${JSON.stringify(d)}: ${e.message}`);
  });
  expect([200, 303]).toContain(response.status());
  if (response.url().includes('_actions/')) await expect(page.getByTestId('sim-step')).toBeFocused();
}
