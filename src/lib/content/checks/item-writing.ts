/**
 * The item-writing lint (src/lib/domain/item-lint.ts) over the content tree: every question bank
 * against the checkpoints of its course's lessons, and every YAML file for text cut short by ` #`.
 */
import { readFileSync } from 'node:fs';
import { formatFinding, lintBank, lintYamlTruncation, type CheckpointText } from '~/lib/domain/item-lint';
import type { ContentTree } from '../reader';

export function checkItemWriting(tree: ContentTree): string[] {
  const findings = [];
  for (const bank of tree.quizzes) {
    const checkpoints: CheckpointText[] = tree.lessons
      .filter((l) => l.course === bank.data.course)
      .flatMap((l) =>
        l.components
          .filter((c) => c.name === 'Checkpoint' && typeof c.props.question?.value === 'string')
          .map((c) => ({ file: l.file, line: c.line, question: c.props.question!.value as string })),
      );
    findings.push(...lintBank(bank.file, bank.data.questions, checkpoints));
  }
  const yamlFiles = [tree.provider, ...tree.courses, ...tree.instructors, ...tree.evaluations, ...tree.quizzes, ...tree.simulations, ...tree.licensure];
  for (const entry of yamlFiles) if (entry) findings.push(...lintYamlTruncation(entry.file, readFileSync(entry.path, 'utf8')));
  return findings.map(formatFinding);
}
