/** Everything on a course's report page, computed once and shared with the CSV downloads. */
import type { Course } from '../content/courses';
import { lessonsOf } from '../content/courses';
import { evaluationFormOf } from '../content/evaluations';
import { quizOf } from '../content/quizzes';
import { getScenario } from '../content/simulations';
import type { Question } from '../shared/schemas/quiz';
import { binsFromCounts, commonPaths, decisionSplits, evaluationSummary, funnel, wrongPairings, type MatchingResponse } from '../domain/reports';
import { DIFFICULTY_FLAG_BELOW as DIFFICULTY_FLAG, DISCRIMINATION_FLAG_BELOW as DISCRIMINATION_FLAG } from '../domain/quiz/stats';
import { db } from './db';
import { courseEstimate } from '../content/estimates';
import { timeReport } from '../domain/time-report';
import { measuredTimes } from './engagement';
import { certifiedLearners, decisionRows, evaluationRows, funnelCounts, itemAnalysis, matchingResponses, outcomes, rosterPage, scoreBinCounts, stepTraffic, type Range } from './reports';
import { caseDiagram, type EdgeTraffic } from '../domain/case-diagram';
import { successors } from '../domain/simulation/graph';
import type { Scenario } from '../shared/schemas/simulation';

export const ITEM_SORTS = ['order', 'difficulty', 'discrimination', 'attempts'] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];

function answerText(q: Question | undefined, raw: string): string {
  try {
    const v = JSON.parse(raw) as unknown;
    if (q && (q.type === 'single' || q.type === 'multiple')) {
      const ids = Array.isArray(v) ? v : [v];
      return ids.map((id) => q.options.find((o) => o.id === id)?.text ?? String(id)).join(' + ');
    }
    if (typeof v === 'boolean') return v ? 'True' : 'False';

    return String(v);
  } catch {
    return raw;
  }
}

/** Per matching question, the wrong pairings as texts (read through each attempt's own snapshot). */
function matchingWrongAnswers(course: string, range: Range, ids: string[]) {
  const byQuestion = new Map<string, MatchingResponse[]>();
  for (const row of matchingResponses(db(), course, range, ids)) {
    if (!row.snapshot) continue;
    const snap = JSON.parse(row.snapshot) as Partial<MatchingResponse>;
    const answer = JSON.parse(row.answer) as unknown;
    if (!snap.pairs || !snap.rightChoices || typeof answer !== 'object' || answer === null || Array.isArray(answer)) continue;
    const list = byQuestion.get(row.q) ?? [];
    list.push({ answer: answer as Record<string, string>, pairs: snap.pairs, rightChoices: snap.rightChoices });
    byQuestion.set(row.q, list);
  }
  return new Map([...byQuestion].map(([q, list]) => [q, wrongPairings(list)]));
}

export async function itemReport(course: Course, range: Range, sort: ItemSort = 'order', dir: 'asc' | 'desc' = 'asc') {
  const bank = await quizOf(course);
  const questions = bank?.questions ?? [];
  const order = new Map(questions.map((q, i) => [q.id, i]));
  const pairings = matchingWrongAnswers(course.id, range, questions.filter((q) => q.type === 'matching').map((q) => q.id));
  const rows = itemAnalysis(db(), course.id, range).map((r) => {
    const q = questions.find((x) => x.id === r.questionId);
    const pairing = pairings.get(r.questionId)?.[0];
    return {
      ...r,
      prompt: q?.prompt ?? '(question no longer in the bank)',
      objective: q?.objective ?? '',
      order: order.get(r.questionId) ?? 9999,
      mostChosenWrong: q?.type === 'matching' ? (pairing ? `${pairing.left} → ${pairing.right} (${pairing.count})` : '—') : r.wrong[0] ? `${answerText(q, r.wrong[0].answer)} (${r.wrong[0].count})` : '—',
      flags: [
        ...(r.difficulty !== null && r.difficulty < DIFFICULTY_FLAG ? ['hard'] : []),
        ...(r.discrimination !== null && r.discrimination < DISCRIMINATION_FLAG ? ['low discrimination'] : []),
      ],
    };
  });
  const key = (r: (typeof rows)[number]) => (sort === 'order' ? r.order : sort === 'attempts' ? r.attempts : (r[sort] ?? -Infinity));
  rows.sort((a, b) => (key(a) - key(b)) * (dir === 'asc' ? 1 : -1) || a.order - b.order);
  return rows;
}

/**
 * Learners on each edge of a case: step-to-step moves, plus each finished run's last step to the
 * end node of its outcome (an outcome may label several end nodes; the one the last step leads to wins).
 */
function traffic(handle: ReturnType<typeof db>, scenario: Scenario, id: string, range: Range): EdgeTraffic[] {
  const { moves, endings } = stepTraffic(handle, id, range);
  const endNodes = (outcome: string) => Object.entries(scenario.nodes).filter(([, n]) => n.type === 'end' && n.outcome === outcome).map(([nodeId]) => nodeId);
  const last = endings.flatMap((e) => {
    const from = scenario.nodes[e.from];
    const candidates = endNodes(e.outcome);
    const to = (from ? candidates.find((c) => successors(from).includes(c)) : undefined) ?? candidates[0];
    return to ? [{ from: e.from, to, count: e.count }] : [];
  });
  return [...moves, ...last];
}

export async function courseReport(course: Course, range: Range, rosterAt = 1) {
  const bank = await quizOf(course);
  const lessons = await lessonsOf(course.id);
  const stages = funnel(
    funnelCounts(db(), { course: course.id, range, lessons: lessons.length, simulations: course.data.simulations, hasQuiz: !!bank, hasEvaluation: !!course.data.evaluation }),
  );
  const bins = bank ? binsFromCounts(scoreBinCounts(db(), course.id, range)) : [];
  const simulations = await Promise.all(
    course.data.simulations.map(async (id) => {
      const found = await getScenario(id);
      if (!found) return null;
      const ends = Object.entries(found.scenario.nodes).filter(([, n]) => n.type === 'end') as Array<[string, { type: 'end'; outcome: string; label: string; good: boolean }]>;
      const bad = ends.filter(([, n]) => !n.good).map(([, n]) => n.outcome);
      const o = outcomes(db(), id, range, bad);
      const label = (node: string, option: string) => {
        const n = found.scenario.nodes[node];
        return n?.type === 'choice' ? (n.options.find((x) => x.id === option)?.text ?? option) : option;
      };
      return {
        id,
        title: found.scenario.title,
        splits: decisionSplits(decisionRows(db(), id, range)).map((s) => {
          const n = found.scenario.nodes[s.node];
          const prompt = n && 'prompt' in n ? n.prompt : s.node;
          return { ...s, prompt, options: s.options.map((x) => ({ ...x, text: x.id.startsWith('(') ? x.id : label(s.node, x.id) })) };
        }),
        outcomes: o.counts.map((c) => ({ ...c, good: ends.find(([, n]) => n.outcome === c.outcome)?.[1].good ?? false, label: ends.find(([, n]) => n.outcome === c.outcome)?.[1].label ?? c.outcome })),
        diagram: caseDiagram(found.scenario, { id: `diagram-${id}`, traffic: traffic(db(), found.scenario, id, range), title: `Decision map of “${found.scenario.title}”` }),
        badPaths: commonPaths(o.badPaths).map((p) => ({ ...p, readable: p.path.split(' › ').map((step) => { const [node, option] = step.split(':'); return label(node ?? '', option ?? ''); }).join(' → ') })),
      };
    }),
  );
  const form = await evaluationFormOf(course);
  const evaluation = form ? { form, summary: evaluationSummary(form.items, evaluationRows(db(), course.id, range)) } : null;
  return { stages, bins, passMark: bank?.settings.passMark ?? null, simulations: simulations.filter((s) => s !== null), evaluation, roster: rosterPage(db(), course.id, range, rosterAt) };
}

/**
 * "Time and credit": engaged minutes of the learners who hold a certificate issued in the range
 * (the evidence a provider files to support its hours), against the claim and the content estimate.
 */
export async function timeAndCredit(course: Course, range: Range) {
  const learners = certifiedLearners(db(), course.id, range);
  const times = measuredTimes(db(), course.id, course.data.simulations, learners);
  return timeReport(await courseEstimate(course), course.data.ceHours, learners.map((id) => times.get(id) ?? []));
}
