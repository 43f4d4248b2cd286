/**
 * The story so far and the feedback on the latest decision. The latest decision is shown once, in a
 * box styled by its verdict (green only for the best answer, amber for partly right, red for wrong);
 * the list above it holds everything before. Both come from the server's history entries (historyEntry:
 * the page replays the run's log, each decision's answer adds its own), so the no-JavaScript page
 * after a redirect shows exactly what the island shows.
 */
import { blockMarkdown, inlineMarkdown } from '../lib/shared/markdown';
import type { HistoryEntry, StepView } from '../lib/shared/simulation-view';

const md = (s: string) => ({ __html: inlineMarkdown(s) });
const mdBlock = (s: string) => ({ __html: blockMarkdown(s) });

type Decided = Exclude<HistoryEntry, { type: 'scene' }>;

const VERDICT_CLASS = { right: 'ok', partly: 'warn', wrong: 'bad' } as const;
const VERDICT_WORDS = { right: 'Good choice.', partly: 'Partly right.', wrong: 'Not the best choice.' } as const;

/** Splits the history into what the list shows and the latest decision, shown in its own box. */
export function splitLatest(history: HistoryEntry[]): { earlier: HistoryEntry[]; latest: Decided | null } {
  const last = history[history.length - 1];
  if (!last || last.type === 'scene') return { earlier: history, latest: null };
  return { earlier: history.slice(0, -1), latest: last };
}

/** What was decided and what the learner was told about it. */
function DecisionBody({ h }: { h: Decided }) {
  switch (h.type) {
    case 'choice':
      return (
        <>
          <p>
            <span dangerouslySetInnerHTML={md(h.prompt)} /> <strong>You chose:</strong> <span dangerouslySetInnerHTML={md(h.choice.text)} />
          </p>
          <p className="sim-feedback" dangerouslySetInnerHTML={md(h.feedback)} />
        </>
      );
    case 'input':
      return (
        <>
          <p>
            {h.label}: <strong>{h.value}</strong> — {h.correct ? 'right' : 'not right'}
          </p>
          <p className="sim-feedback" dangerouslySetInnerHTML={md(h.feedback)} />
          {h.hint && <p><strong>Hint:</strong> <span dangerouslySetInnerHTML={md(h.hint)} /></p>}
          {h.solution && <p className="sim-feedback">The answer: <strong>{h.solution.value}</strong>. <span dangerouslySetInnerHTML={md(h.solution.feedback)} /></p>}
        </>
      );
    case 'form':
      return (
        <>
          <p dangerouslySetInnerHTML={md(h.prompt)} />
          <p>{h.feedback}</p>
          <ul>
            {h.fields.map((f) => (
              <li key={f.id}>
                {f.label}: <strong>{f.value || '(blank)'}</strong> — {f.correct ? 'right' : 'not right'}. <span dangerouslySetInnerHTML={md(f.feedback)} />
              </li>
            ))}
          </ul>
        </>
      );
    case 'task': {
      const chosen = h.elements.filter((e) => e.chosen);
      return (
        <>
          <p dangerouslySetInnerHTML={md(h.prompt)} />
          <p><strong>Your narrative:</strong></p>
          <blockquote className="sim-narrative">
            {chosen.map((e) => (
              <span key={e.id} dangerouslySetInnerHTML={md(`${e.text} `)} />
            ))}
          </blockquote>
          <p>{h.feedback}</p>
          <ul className="sim-rubric" aria-label="Rubric">
            {h.criteria.map((c) => (
              <li key={c.id}>
                {c.met ? 'Met' : 'Not met'}: {c.label}
              </li>
            ))}
          </ul>
          <ul className="sim-elements" aria-label="The elements">
            {h.elements.map((e) => (
              <li key={e.id}>
                <strong>{e.chosen ? 'Included' : 'Left out'}:</strong> <span dangerouslySetInnerHTML={md(e.text)} /> <span className="sim-feedback" dangerouslySetInnerHTML={md(e.feedback)} />
              </li>
            ))}
          </ul>
        </>
      );
    }
  }
}

/** The latest decision's feedback, once, styled by its verdict. */
export function LatestFeedback({ latest }: { latest: Decided | null }) {
  if (!latest) return null;
  return (
    <div className={`notice ${VERDICT_CLASS[latest.verdict]}`} data-testid="sim-feedback" data-verdict={latest.verdict}>
      <p><strong>{latest.type === 'choice' ? VERDICT_WORDS[latest.verdict] : latest.verdict === 'right' ? 'Right.' : latest.verdict === 'partly' ? 'Partly right.' : 'Not right.'}</strong></p>
      <DecisionBody h={latest} />
    </div>
  );
}

export function History({ history, open }: { history: HistoryEntry[]; open?: boolean }) {
  if (history.length === 0) return null;
  return (
    <details className="sim-history" open={open ?? history.length < 6}>
      <summary>The story so far ({history.length} {history.length === 1 ? 'step' : 'steps'})</summary>
      <ol>
        {history.map((h, i) => (
          <li key={i} className={`sim-h sim-h-${h.type}`}>
            {h.type === 'scene' ? (
              <>
                {h.narrative && <div dangerouslySetInnerHTML={mdBlock(h.narrative)} />}
                {h.lines?.map((l, j) => (
                  <p key={j} className="sim-line">
                    <strong>{l.speaker}:</strong> <span dangerouslySetInnerHTML={md(l.text)} />
                  </p>
                ))}
              </>
            ) : (
              <DecisionBody h={h} />
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** A finished run's ending, score and debrief: in the player, and on the page that rereads a run. */
export function Ending({ step }: { step: Extract<StepView, { type: 'end' }> }) {
  return (
    <div className={step.good ? 'notice ok' : 'notice bad'} data-testid="sim-end" data-outcome={step.outcome}>
      <p>
        <strong>Outcome: {step.label}</strong> {step.good ? '(a good ending)' : '(not the outcome you want)'}
      </p>
      <p data-testid="sim-score">
        Score: {step.result.score} of {step.result.maxScore} points ({step.result.percent}%). {step.result.passed
          ? 'Passed.'
          : step.result.critical
            ? 'Not passed: a critical mistake on the way ends any chance of passing, whatever the points.'
            : 'Not passed: finish at a good ending with enough points to pass.'}
      </p>
      <div dangerouslySetInnerHTML={mdBlock(step.debrief)} />
    </div>
  );
}
