/** The learner-safe shapes the simulation player receives, and how it adds a decision to its story (no engine code ships). */
import type { HistoryEntry, StepView } from '../domain/simulation/view';
import type { DecisionResult } from '../domain/simulation/engine';

export type { StepView, HistoryEntry, MeterView, ProgressView } from '../domain/simulation/view';
export type { DecisionResult, FieldResult } from '../domain/simulation/engine';
export type { Visual } from './schemas/simulation';

/** After a passed ending: the course's next required step, as the server decided it. */
export interface NextLink {
  label: string;
  href: string;
}

/**
 * What the decide action answers (actions/simulation.ts), as the player reads it. Only the story's
 * entry this decision added travels, with its place (`latestAt`, the number of entries before it):
 * the player already holds the rest, and the whole story made a case's answers about four times
 * larger by its last steps (bench/README.md). A reload still renders the whole story.
 */
export interface Decided {
  runId: number;
  step: StepView | null;
  latest: HistoryEntry;
  latestAt: number;
  result: DecisionResult;
  next: NextLink | null;
}

/**
 * The story after a decision: what the player held before the decision's entry, then that entry.
 * Null when the player holds fewer entries than the server counts before it (it is out of step
 * with the run and should reload).
 */
export function storyAfter(history: HistoryEntry[], answer: Pick<Decided, 'latest' | 'latestAt'>): HistoryEntry[] | null {
  if (history.length < answer.latestAt) return null;
  return [...history.slice(0, answer.latestAt), answer.latest];
}
