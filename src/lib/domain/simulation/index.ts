/**
 * The case-simulation engine: scenario checks and maximum score (graph), the run state machine
 * (engine) and the learner-safe views (view). Pure; the server owns runs and stores decisions.
 */
export {
  analyzeScenario,
  analyzeScenarioCached,
  formatScenarioIssues,
  MAX_SEARCH_STATES,
  successors,
  validateScenario,
} from './graph';
export { stepsToEnd } from './steps';
export type { ScenarioAnalysis, ScenarioValidation } from './graph';
export {
  applyDecision,
  applyEffects,
  conditionHolds,
  decisionOf,
  fieldIsRight,
  getNode,
  inputPoints,
  matchAccepted,
  normalizeAnswer,
  replayRun,
  resolveNext,
  roundPoints,
  runResult,
  startRun,
  tookCritical,
} from './engine';
export type { ApplyResult, Decision, DecisionKind, DecisionResult, FieldResult, LogEntry, ReplayResult, RunScore, RunState } from './engine';
export { currentStepView, historyEntry, historyView } from './view';
export type {
  ChoiceStepView,
  EndStepView,
  FormStepView,
  HistoryEntry,
  InputStepView,
  MeterView,
  ProgressView,
  SceneStepView,
  StepView,
  TaskStepView,
} from './view';
export { inRunOrder, runOrder } from './shuffle';
export { fixedPositionPasses, MAX_DRAWS, playFixedPosition, positionCount, runDraw, runItems } from './run-order';
export { auditPaths } from './paths';
export type { PathAudit, WorstPassing } from './paths';
export { bestTaskSelection, scoreTask } from './task';
export type { CriterionResult, ElementResult, TaskResult } from './task';
