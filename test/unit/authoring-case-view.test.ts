/** The editor's case page: steps, diagram, best path and maximum score, and the build's findings. */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseIds, caseView } from '~/lib/authoring/case-view';

function contentWith(yaml: string): string {
  const root = join(mkdtempSync(join(tmpdir(), 'case-view-')), 'content');
  mkdirSync(join(root, 'simulations'), { recursive: true });
  writeFileSync(join(root, 'simulations', 'front-desk.yaml'), yaml);
  return root;
}

const threeSteps = `title: A late patient
course: sample-course
summary: A patient arrives late.
objectives: [navigate]
minutes: 2
passThreshold: 50
role: Front desk
start: arrive
nodes:
  arrive:
    type: choice
    prompt: Mr. Lee is 20 minutes late. What do you say?
    options:
      - { id: a, text: Offer the next free slot today, points: 2, feedback: Kind and clear., next: good }
      - { id: b, text: Tell him off in the waiting room, points: 0, feedback: Never in public., critical: true, next: bad }
  good: { type: end, outcome: seen, label: Seen today, good: true, debrief: He stays a patient. }
  bad: { type: end, outcome: left, label: Left angry, good: false, debrief: He does not come back. }
`;

describe('case view', () => {
  it('lists the steps, where each option leads, the best path and the maximum score', () => {
    const root = contentWith(threeSteps);
    expect(caseIds(root)).toEqual(['front-desk']);
    const view = caseView(root, 'front-desk')!;
    expect(view.maxScore).toBe(2);
    expect(view.bestPath).toEqual(['arrive', 'good']);
    expect(view.findings).toEqual([]);
    const arrive = view.steps.find((s) => s.id === 'arrive')!;
    expect(arrive.routes).toEqual([
      { label: 'a: Offer the next free slot today', to: 'good', points: 2, critical: false },
      { label: 'b: Tell him off in the waiting room', to: 'bad', points: 0, critical: true },
    ]);
    expect(view.steps.find((s) => s.id === 'bad')!.ending).toEqual({ good: false, label: 'Left angry' });
    expect(view.diagram!.svg).toContain('<svg');
    expect(view.diagram!.nodes.map((n) => n.id).sort()).toEqual(['arrive', 'bad', 'good']);
  });

  it('shows an unreachable step as the build reports it, and still draws the case', () => {
    const root = contentWith(`${threeSteps}  lost: { type: end, outcome: lost, label: Nobody gets here, good: false, debrief: Unused. }\n`);
    const view = caseView(root, 'front-desk')!;
    expect(view.findings.join('\n')).toMatch(/lost/);
    expect(view.maxScore).toBeNull();
    expect(view.diagram).not.toBeNull();
  });

  it('knows no case that has no file', () => {
    expect(caseView(contentWith(threeSteps), 'nope')).toBeNull();
  });
});
