/**
 * The case-simulation player. The server renders it first (so it works as plain forms without
 * JavaScript); once hydrated it posts each decision through the same action and swaps in the next
 * step without a page load. It only ever holds what the server sent: the current step, the story
 * so far and the feedback on decisions already made.
 */
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { postAction } from '../lib/shared/action-post';
import { blockMarkdown, inlineMarkdown } from '../lib/shared/markdown';
import { storyAfter, type Decided, type DecisionResult, type HistoryEntry, type NextLink, type StepView } from '../lib/shared/simulation-view';
import { SimVisual } from './SimVisual';
import { Ending, History, LatestFeedback, splitLatest } from './SimHistory';

export interface PlayerProps {
  scenario: string;
  title: string;
  role: string;
  runId: number;
  step: StepView | null;
  history: HistoryEntry[];
  /** Where plain form posts go (the page that renders the player). */
  actionPath: string;
  /** Heading level of the player's title: 2 inside a lesson, 1 on its own page. */
  level?: 1 | 2;
  /** After a passed ending: the course's next required step, as the server decided it. */
  next?: NextLink | null;
}

const md = (s: string) => ({ __html: inlineMarkdown(s) });
const mdBlock = (s: string) => ({ __html: blockMarkdown(s) });

function Meters({ step }: { step: StepView }) {
  if (step.meters.length === 0) return null;
  return (
    <ul className="sim-meters" aria-label="How things stand">
      {step.meters.map((m) => (
        <li key={m.id}>
          <span id={`meter-${m.id}`}>{m.label}</span>
          <meter aria-labelledby={`meter-${m.id}`} min={m.min} max={m.max} value={m.value} low={m.min + (m.max - m.min) * 0.3} optimum={m.max} />
          <span className="sim-meter-value">
            {m.value} of {m.max}
          </span>
        </li>
      ))}
    </ul>
  );
}

function describeResult(r: DecisionResult): string {
  const parts: string[] = [];
  if (r.verdict === 'right') parts.push('Right.');
  if (r.verdict === 'partly') parts.push('Partly right.');
  if (r.verdict === 'wrong') parts.push('Not right.');
  if (r.feedback) parts.push(r.feedback.replace(/[*`]/g, ''));
  if (r.hint) parts.push(`Hint: ${r.hint}`);
  if (r.triesLeft !== undefined && !r.advanced) parts.push(`${r.triesLeft} ${r.triesLeft === 1 ? 'try' : 'tries'} left.`);
  if (r.solution) parts.push(`The answer: ${r.solution.value}.`);
  return parts.join(' ');
}

export default function SimulationPlayer(props: PlayerProps) {
  const [runId, setRunId] = useState(props.runId);
  const [step, setStep] = useState(props.step);
  const [history, setHistory] = useState(props.history);
  const [next, setNext] = useState(props.next ?? null);
  const [last, setLast] = useState<DecisionResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [hydrated, setHydrated] = useState(false);
  const stepRef = useRef<HTMLElement>(null);
  const shownAt = useRef(Date.now());
  const moved = useRef(false);

  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    shownAt.current = Date.now();
    // Move focus to each new step, but not on first load (the learner may be reading above).
    if (moved.current) stepRef.current?.focus();
  }, [step]);

  async function submit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    if (busy) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const submitter = event.nativeEvent.submitter as HTMLButtonElement | null;
    if (submitter?.name) data.set(submitter.name, submitter.value);
    data.set('ms', String(Date.now() - shownAt.current));
    setBusy(true);
    setError(null);
    // A thrown fetch must neither leave the buttons disabled nor hide the message: postAction turns
    // it into an answer, and `finally` frees the player whatever happens.
    try {
      // Not the astro:actions client: its runtime would not fit the case page's JavaScript budget.
      const answer = await postAction<Decided>('simulation.decide', data);
      if (!answer.ok) {
        setError(answer.message);
        return;
      }
      const out = answer.data;
      const story = storyAfter(history, out);
      // Out of step with the run (it cannot happen from this page alone): the page shows it whole.
      if (!story) return location.reload();
      moved.current = true;
      setRunId(out.runId);
      setHistory(story);
      setStep(out.step);
      setLast(out.result);
      setNext(out.next);
    } finally {
      setBusy(false);
    }
  }

  const action = (name: 'decide' | 'restart') => `${props.actionPath}?_action=simulation.${name}`;
  const Title = props.level === 1 ? 'h1' : 'h2';
  const { earlier, latest } = splitLatest(history);
  const common = (
    <>
      <input type="hidden" name="scenario" value={props.scenario} />
      <input type="hidden" name="run" value={runId} />
      {step && <input type="hidden" name="node" value={step.node} />}
    </>
  );

  return (
    <section className="sim" aria-labelledby={`sim-title-${props.scenario}`} data-testid="simulation" data-hydrated={hydrated ? 'true' : undefined}>
      <Title id={`sim-title-${props.scenario}`} className="sim-title">
        Case: {props.title}
      </Title>
      <p className="sim-role" dangerouslySetInnerHTML={md(props.role)} />
      {step && (
        <div className="progress">
          <progress value={step.progress.percent} max={100} aria-label="Progress through the case" />
          <span className="meta">{step.progress.percent}% through the case</span>
        </div>
      )}
      {step && <Meters step={step} />}
      <History history={earlier} />
      <p className="sim-live visually-hidden" aria-live="polite" data-testid="sim-live">
        {last ? describeResult(last) : ''}
      </p>
      <LatestFeedback latest={latest} />
      {error && (
        <div className="notice bad" role="alert" data-testid="sim-error">
          <p>{error}</p>
        </div>
      )}
      {!step && <p className="notice bad">This case could not be loaded. Restart it to continue.</p>}
      {step && (
        <section ref={stepRef} tabIndex={-1} className={`sim-step sim-${step.type}`} aria-label="Current step" data-testid="sim-step" data-node={step.node}>
          {'visual' in step && step.visual && <SimVisual visual={step.visual} />}
          {step.type === 'scene' && (
            <form method="post" action={action('decide')} onSubmit={submit}>
              {common}
              <input type="hidden" name="kind" value="continue" />
              {step.narrative && <div dangerouslySetInnerHTML={mdBlock(step.narrative)} />}
              {step.lines?.map((l, i) => (
                <p key={i} className="sim-line">
                  <strong>{l.speaker}:</strong> <span dangerouslySetInnerHTML={md(l.text)} />
                </p>
              ))}
              <button type="submit" disabled={busy}>Continue</button>
            </form>
          )}
          {step.type === 'choice' && (
            <form method="post" action={action('decide')} onSubmit={submit}>
              {common}
              <input type="hidden" name="kind" value="choice" />
              <fieldset>
                <legend dangerouslySetInnerHTML={md(step.prompt)} />
                <div className="sim-options">
                  {step.options.map((o) => (
                    <button key={o.id} type="submit" name="choice" value={o.id} className="secondary sim-option" disabled={busy}>
                      <span dangerouslySetInnerHTML={md(o.text)} />
                    </button>
                  ))}
                </div>
              </fieldset>
            </form>
          )}
          {step.type === 'input' && (
            <form method="post" action={action('decide')} onSubmit={submit} className="stack">
              {common}
              <input type="hidden" name="kind" value="input" />
              <p dangerouslySetInnerHTML={md(step.prompt)} />
              <div className="field">
                <label htmlFor={`sim-in-${step.node}`}>{step.label}</label>
                {step.hints.length > 0 && (
                  <ul className="hint" id={`sim-hints-${step.node}`}>
                    {step.hints.map((h, i) => (
                      <li key={i}>Hint: <span dangerouslySetInnerHTML={md(h)} /></li>
                    ))}
                  </ul>
                )}
                <input
                  id={`sim-in-${step.node}`}
                  key={`${step.node}-${step.triesLeft}`}
                  name="value"
                  required
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={step.maxLength}
                  inputMode={step.normalize === 'number' || step.normalize === 'money' ? 'decimal' : 'text'}
                  aria-describedby={step.hints.length ? `sim-hints-${step.node}` : undefined}
                  style={{ maxWidth: '16rem' }}
                />
                <p className="meta">
                  {step.triesLeft} of {step.maxTries} {step.maxTries === 1 ? 'try' : 'tries'} left
                </p>
              </div>
              <div>
                <button type="submit" disabled={busy}>Check my answer</button>
              </div>
            </form>
          )}
          {step.type === 'form' && (
            <form method="post" action={action('decide')} onSubmit={submit} className={step.form === 'cms-1500' ? 'sim-form cms-1500' : 'sim-form'}>
              {common}
              <input type="hidden" name="kind" value="form" />
              <p dangerouslySetInnerHTML={md(step.prompt)} />
              <div className="sim-fields">
                {step.fields.map((f) => (
                  <div className="field" key={f.id}>
                    <label htmlFor={`sim-f-${step.node}-${f.id}`}>{f.label}</label>
                    {f.kind === 'select' ? (
                      <select id={`sim-f-${step.node}-${f.id}`} name={`field:${f.id}`} defaultValue="">
                        <option value="">Choose…</option>
                        {f.options?.map((o) => (
                          <option key={o} value={o}>
                            {o}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <input id={`sim-f-${step.node}-${f.id}`} name={`field:${f.id}`} autoComplete="off" spellCheck={false} maxLength={step.maxLength} />
                    )}
                  </div>
                ))}
              </div>
              <button type="submit" disabled={busy}>Submit the form</button>
            </form>
          )}
          {step.type === 'task' && (
            <form method="post" action={action('decide')} onSubmit={submit}>
              {common}
              <input type="hidden" name="kind" value="task" />
              <fieldset>
                <legend dangerouslySetInnerHTML={md(step.prompt)} />
                <p className="meta">Tick every element your narrative needs, and only those. You see how it scores once you commit.</p>
                <div className="sim-elements">
                  {step.elements.map((e) => (
                    <div className="check" key={e.id}>
                      <input type="checkbox" id={`sim-e-${step.node}-${e.id}`} name="element" value={e.id} />
                      <label htmlFor={`sim-e-${step.node}-${e.id}`} dangerouslySetInnerHTML={md(e.text)} />
                    </div>
                  ))}
                </div>
              </fieldset>
              <button type="submit" disabled={busy}>Commit this narrative</button>
            </form>
          )}
          {step.type === 'end' && <Ending step={step} />}
          {step.type === 'end' && next && (
            <p className="next-actions">
              <a className="button" href={next.href} data-testid="next-step">
                {next.label}
              </a>
            </p>
          )}
        </section>
      )}
      {/* Plain forms (a full page load, with or without JavaScript), inside the island so that they
          follow the run: an ended run is played again at once; otherwise restarting asks first,
          inside a disclosure that needs no script. */}
      {step?.type === 'end' ? (
        <form method="post" action={action('restart')} className="sim-restart" data-testid="sim-play-again">
          <input type="hidden" name="scenario" value={props.scenario} />
          <button type="submit" className="secondary">Play the case again</button>
        </form>
      ) : (
        <details className="sim-restart confirm" data-testid="sim-restart-confirm">
          <summary>Restart the case…</summary>
          <form method="post" action={action('restart')}>
            <input type="hidden" name="scenario" value={props.scenario} />
            <p>Start again from the beginning? An unfinished run is set aside; a finished one stays on your record.</p>
            <button type="submit" className="secondary">Yes, restart the case</button>
          </form>
        </details>
      )}
    </section>
  );
}
