/**
 * What the editor's case page shows for `content/simulations/<id>.yaml`, read fresh from disk on
 * every request (so a save in the editor or by hand is redrawn on reload): the steps with their
 * options and where each leads, the diagram (src/lib/domain/case-diagram.ts, the one the course
 * report draws), the best path and maximum score from the build's analysis, and the findings the
 * build would report (unreachable steps, dead ends, critical options that can still end well).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { caseDiagram, type CaseDiagram } from '~/lib/domain/case-diagram';
import { validateScenario } from '~/lib/domain/simulation/graph';
import { scenarioSchema, type Scenario, type ScenarioNode } from '~/lib/shared/schemas/simulation';

export interface CaseStep {
  id: string;
  type: ScenarioNode['type'];
  text: string;
  /** Where the step leads: one line per option or route. */
  routes: Array<{ label: string; to: string; points?: number; critical: boolean }>;
  ending?: { good: boolean; label: string };
}

export interface CaseView {
  id: string;
  title: string;
  steps: CaseStep[];
  diagram: CaseDiagram | null;
  maxScore: number | null;
  bestPath: string[];
  findings: string[];
}

export const caseIds = (contentRoot: string): string[] => {
  const dir = join(contentRoot, 'simulations');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort() : [];
};

export function caseView(contentRoot: string, id: string): CaseView | null {
  if (!caseIds(contentRoot).includes(id)) return null;
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(join(contentRoot, 'simulations', `${id}.yaml`), 'utf8'));
  } catch (e) {
    return { id, title: id, steps: [], diagram: null, maxScore: null, bestPath: [], findings: [`not valid YAML: ${(e as Error).message.split('\n')[0]}`] };
  }
  const checked = validateScenario(id, raw);
  const parsed = scenarioSchema.safeParse(raw);
  const scenario: Scenario | null = checked.ok ? checked.scenario : parsed.success ? parsed.data : null;
  const bestPath = checked.ok ? checked.analysis.bestPath : [];
  return {
    id,
    title: scenario?.title ?? id,
    steps: scenario ? Object.entries(scenario.nodes).map(([nodeId, node]) => step(nodeId, node)) : [],
    diagram: scenario ? caseDiagram(scenario, { id: `case-${id}`, bestPath, title: `Diagram of the case “${scenario.title}”` }) : null,
    maxScore: checked.ok ? checked.analysis.maxScore : null,
    bestPath,
    findings: checked.ok ? checked.analysis.warnings : checked.errors,
  };
}

function targets(next: Extract<ScenarioNode, { next: unknown }>['next']): Array<{ label: string; to: string }> {
  if (typeof next === 'string') return [{ label: 'next', to: next }];
  return next.map((rule, i) => ({ label: rule.if ? `rule ${i + 1} (if ${rule.if.var})` : `rule ${i + 1} (otherwise)`, to: rule.to }));
}

function step(id: string, node: ScenarioNode): CaseStep {
  switch (node.type) {
    case 'end':
      return { id, type: node.type, text: node.debrief, routes: [], ending: { good: node.good, label: node.label } };
    case 'choice':
      return {
        id,
        type: node.type,
        text: node.prompt,
        routes: node.options.flatMap((o) => targets(o.next).map((t) => ({ label: `${o.id}: ${o.text}`, to: t.to, points: o.points, critical: o.critical === true }))),
      };
    case 'scene':
      return { id, type: node.type, text: node.narrative ?? node.lines?.map((l) => `${l.speaker}: ${l.text}`).join(' ') ?? '', routes: targets(node.next).map((t) => ({ ...t, critical: false })) };
    case 'input':
      return {
        id,
        type: node.type,
        text: node.prompt,
        routes: [...targets(node.next), ...(node.nextOnFail ? [{ label: 'after the last wrong try', to: node.nextOnFail }] : [])].map((t) => ({ ...t, critical: false })),
      };
    default:
      return { id, type: node.type, text: node.prompt, routes: targets(node.next).map((t) => ({ ...t, critical: false })) };
  }
}
