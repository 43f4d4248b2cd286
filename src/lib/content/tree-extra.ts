/**
 * Question banks, simulations and licensure rules in the content tree, each checked against its
 * own schema; tree.ts then checks them against the courses that use them.
 */
import { join } from 'node:path';
import { checkBankAgainstCourse, quizBankSchema } from '../shared/schemas/quiz';
import { validateScenario } from '../domain/simulation/graph';
import { licensureSchema } from '../shared/schemas/licensure';
import { parseWith, readYamlFile, yamlFiles } from './parse';
import type { Decision, Scenario } from '../shared/schemas/simulation';

export interface ExtraQuiz {
  id: string;
  file: string;
  course: string;
  expectedMinutes: number;
  questionsPerAttempt: number;
  /** The type of every question in the bank (the hours estimate averages over them). */
  questionTypes: string[];
  checkAgainst: (objectiveIds: string[]) => string[];
}
export interface ExtraSimulation {
  id: string;
  file: string;
  course: string;
  minutes: number;
  objectives: string[];
  /** The hours estimate reads the words along the best path. */
  scenario: Scenario;
  bestPath: string[];
  bestChoices: Decision[];
  /** The build check's report: the lowest-scoring run that still passes (see simulation/paths.ts). */
  report: string;
}
export interface ExtraContent {
  quizzes: ExtraQuiz[];
  simulations: ExtraSimulation[];
  licensure: Array<{ id: string; file: string }>;
}

export function checkExtraContent(root: string, rel: (p: string) => string, errors: string[]): ExtraContent {
  const extra: ExtraContent = { quizzes: [], simulations: [], licensure: [] };
  for (const { id, path } of yamlFiles(join(root, 'quizzes'))) {
    const file = rel(path);
    const bank = parseWith(quizBankSchema, readYamlFile(path, file, errors), file, errors);
    if (!bank) continue;
    extra.quizzes.push({
      id,
      file,
      course: bank.course,
      expectedMinutes: bank.settings.expectedMinutes,
      questionsPerAttempt: bank.settings.questionsPerAttempt,
      questionTypes: bank.questions.map((q) => q.type),
      checkAgainst: (objectiveIds) => checkBankAgainstCourse(bank, objectiveIds),
    });
  }
  for (const { id, path } of yamlFiles(join(root, 'simulations'))) {
    const file = rel(path);
    const raw = readYamlFile(path, file, errors);
    if (raw === undefined) continue;
    const result = validateScenario(id, raw);
    if (!result.ok) {
      for (const e of result.errors) errors.push(`${file}: ${e}`);
      continue;
    }
    const { course, minutes, objectives } = result.scenario;
    const { maxScore, worstPassing, bestPath, bestChoices } = result.analysis;
    const report = worstPassing
      ? `${id}: worst passing path scores ${worstPassing.score} of ${maxScore} (${worstPassing.percent}%): ${worstPassing.path.join(' > ')}`
      : `${id}: no run passes`;
    extra.simulations.push({ id, file, course, minutes, objectives, report, scenario: result.scenario, bestPath, bestChoices });
  }
  for (const { id, path } of yamlFiles(join(root, 'licensure'))) {
    const file = rel(path);
    const rules = parseWith(licensureSchema, readYamlFile(path, file, errors), file, errors);
    if (!rules) continue;
    if (rules.state.toLowerCase() !== id) errors.push(`${file}: state: says "${rules.state}", but the file is named ${id}.yaml`);
    extra.licensure.push({ id, file });
  }
  return extra;
}
