/** The learner-safe shapes the simulation player receives (type-only: no engine code ships). */
export type { StepView, HistoryEntry, MeterView, ProgressView } from '../domain/simulation/view';
export type { DecisionResult, FieldResult } from '../domain/simulation/engine';
export type { Visual } from './schemas/simulation';
