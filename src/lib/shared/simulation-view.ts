/** The learner-safe shapes the simulation player receives (type-only: no engine code ships). */
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

/** What the decide action answers (actions/simulation.ts), as the player reads it. */
export interface Decided {
  runId: number;
  step: StepView | null;
  history: HistoryEntry[];
  result: DecisionResult;
  next: NextLink | null;
}
