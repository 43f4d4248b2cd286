/**
 * Turns an evaluation form into the items one course's learners answer: an `objectives` item
 * becomes one Likert statement per course objective ("I can now" + "explain when a medical plan
 * may pay..."), so the evaluation asks about each objective without the form repeating them.
 * The page, the action that stores answers and the instructor report all use this one expansion,
 * so the item ids they agree on are `<item id>-<objective id>`.
 */
import type { EvaluationData, EvaluationForm, EvaluationItem } from '../shared/schemas/course';

/** "Explain when..." → "explain when...", but keeps acronyms like "CMS-1500" or "HIPAA" as written. */
function continueSentence(text: string): string {
  const first = text.split(/\s/, 1)[0] ?? '';
  return first.length > 1 && first === first.toUpperCase() ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

export function expandEvaluation(form: EvaluationData, objectives: ReadonlyArray<{ id: string; text: string }>): EvaluationForm {
  const items: EvaluationItem[] = form.items.flatMap((item): EvaluationItem[] =>
    item.type === 'objectives'
      ? objectives.map((o) => ({
          id: `${item.id}-${o.id}`,
          type: 'likert' as const,
          text: `${item.text.replace(/[\s.…]+$/, '')} ${continueSentence(o.text.trim())}`,
          required: item.required,
          objective: o.id,
        }))
      : [item],
  );
  return { title: form.title, items };
}
