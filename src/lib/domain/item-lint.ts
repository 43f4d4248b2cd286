/**
 * Item-writing lint for post-test banks: the habits that let a test-wise learner pass without the
 * knowledge (docs/authoring.md, "Writing post-test items"). Pure: banks, checkpoints and YAML
 * source text in, findings out; src/lib/content/checks/item-writing.ts feeds it the content tree.
 *
 * Rules (each finding names the file, the item and the rule):
 * - `correct-longest`: in single-choice items the right option should not stand out by length. If
 *   lengths told nothing, the right option would be the uniquely longest one in about sum(1/n) items
 *   (n = options of the item, counting only items that have a uniquely longest option). The bank
 *   may exceed that chance count by a small margin: one binomial standard deviation,
 *   sqrt(sum(p(1-p))) with p = 1/n, but at least one item (so a small bank is not refused for one
 *   item). A bank above chance + margin is refused.
 * - `all-none-of-the-above`: an option "all of the above" or "none of the above" is refused.
 * - `checkpoint-copy`: an item whose stem is a near-copy of an in-lesson checkpoint of the same
 *   course (word-set similarity at or above NEAR_COPY) re-tests recall of that checkpoint.
 * - `yaml-truncated`: an unquoted (plain) YAML text cut short by ` #`, which YAML reads as the start
 *   of a comment ("the broken #10" becomes "the broken").
 */
import type { Question } from '../shared/schemas/quiz';

export type LintRule = 'correct-longest' | 'all-none-of-the-above' | 'checkpoint-copy' | 'yaml-truncated';
export type LintFinding = { file: string; item: string; rule: LintRule; message: string };

/** A self-check question in a lesson. */
export type CheckpointText = { file: string; line?: number; question: string };

/** Word-set (Jaccard) similarity at or above which a stem counts as a copy of a checkpoint. */
export const NEAR_COPY = 0.55;

/** Plain text of inline Markdown, for comparing lengths and words. */
const plain = (s: string) => s.replace(/[*_`]/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\s+/g, ' ').trim();

/** Every single-choice item whose right option is strictly longer than every other option. */
export function longestCorrect(questions: readonly Question[]): { counted: number; chance: number; sd: number; limit: number; items: string[] } {
  let chance = 0;
  let variance = 0;
  let counted = 0;
  const items: string[] = [];
  for (const q of questions) {
    if (q.type !== 'single') continue;
    const lengths = q.options.map((o) => plain(o.text).length);
    const max = Math.max(...lengths);
    // Items where several options tie for longest cannot give the answer away by length.
    if (lengths.filter((l) => l === max).length !== 1) continue;
    const p = 1 / q.options.length;
    chance += p;
    variance += p * (1 - p);
    if (q.options.some((o, i) => o.correct === true && lengths[i] === max)) {
      counted++;
      items.push(q.id);
    }
  }
  const sd = Math.sqrt(variance);
  return { counted, chance, sd, limit: chance + Math.max(1, sd), items };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const ABOVE = /\b(all|none)\s+of\s+the\s+(above|options|answers)\b/i;

const STOP = new Set('a an and are as at be by can do does for from has have her his how in is it its of on or she that the their they this to was what when which who why will with you your'.split(' '));
function words(text: string): Set<string> {
  return new Set(plain(text).toLowerCase().match(/[a-z0-9$.%]+(?:'[a-z]+)?/g)?.map((w) => w.replace(/\.$/, '')).filter((w) => w && !STOP.has(w)) ?? []);
}

/** Jaccard similarity of the two texts' word sets, stop words left out. */
export function stemSimilarity(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared);
}

/** The lint findings of one bank against its course's checkpoints. */
export function lintBank(file: string, questions: readonly Question[], checkpoints: readonly CheckpointText[]): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const q of questions) {
    if (q.type === 'single' || q.type === 'multiple')
      for (const o of q.options)
        if (ABOVE.test(plain(o.text)))
          findings.push({ file, item: q.id, rule: 'all-none-of-the-above', message: `option "${o.id}" says "${ABOVE.exec(plain(o.text))![0]}"; write out the options instead, so the item tests knowledge rather than a test-taking trick` });
    for (const cp of checkpoints) {
      const similarity = stemSimilarity(q.prompt, cp.question);
      if (similarity >= NEAR_COPY) {
        findings.push({
          file,
          item: q.id,
          rule: 'checkpoint-copy',
          message: `the stem is a near-copy (${Math.round(similarity * 100)}% of words shared) of the checkpoint in ${cp.file}${cp.line ? `:${cp.line}` : ''} ("${plain(cp.question).slice(0, 60)}"); ask the idea in a new situation`,
        });
        break;
      }
    }
  }
  const longest = longestCorrect(questions);
  if (longest.counted > longest.limit)
    findings.push({
      file,
      item: longest.items.join(', '),
      rule: 'correct-longest',
      message: `the correct option is the uniquely longest in ${longest.counted} single-choice items; chance alone gives about ${round1(longest.chance)} and the limit is ${round1(longest.limit)} (chance plus a margin of one standard deviation, at least one item); make a distractor the longest in some of these items`,
    });
  return findings;
}

/**
 * Plain (unquoted) YAML scalars that a ` #` cut short. A text value followed by ` #` on the same
 * line is a truncation when the comment starts right after the `#` (`#10`) or the text stops
 * without closing punctuation; a deliberate comment after a finished sentence or a number passes.
 * Lines inside block scalars (`>-`, `|`) are text, not comments, and are skipped.
 */
export function lintYamlTruncation(file: string, source: string): LintFinding[] {
  const findings: LintFinding[] = [];
  const lines = source.split(/\r?\n/);
  let blockIndent = -1;
  lines.forEach((line, index) => {
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0) {
      if (line.trim() === '' || indent > blockIndent) return;
      blockIndent = -1;
    }
    const m = /^(\s*)(?:-\s+)?(?:([A-Za-z0-9_'"-]+)\s*:\s+)?(.*)$/.exec(line);
    if (!m) return;
    const key = m[2];
    const value = m[3] ?? '';
    if (/^[>|][-+0-9]*\s*(#.*)?$/.test(value)) {
      blockIndent = indent;
      return;
    }
    // Only plain scalars: quoted, flow and empty values are read whole.
    if (!value || /^["'[{&*!|>#]/.test(value)) return;
    const cut = /^(.*?\S)\s+#(\S?)(.*)$/.exec(value);
    if (!cut) return;
    const text = cut[1]!;
    if (!/\s/.test(text) || /^-?[\d.]+$/.test(text)) return;
    const glued = cut[2] !== '' && cut[2] !== '#';
    if (!glued && /[.!?:)"']$/.test(text)) return;
    findings.push({
      file,
      item: `line ${index + 1}${key ? ` (${key})` : ''}`,
      rule: 'yaml-truncated',
      message: `YAML reads " #${cut[2]}${cut[3]!.slice(0, 20)}" as a comment, so the text stops at "…${text.slice(-30)}"; put the text in quotes or use >-`,
    });
  });
  return findings;
}

/** Findings as checker messages: "file: item x: rule: message". */
export const formatFinding = (f: LintFinding) => `${f.file}: ${f.item.startsWith('line ') ? f.item : `item ${f.item}`}: ${f.rule}: ${f.message}`;
