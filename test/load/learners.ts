/**
 * The simulated learners. Each autocannon connection is one learner at a time: it reads the lessons
 * of the sample course and marks them complete, starts the post-test (twice, like a double click),
 * reads the attempt page, submits every question answered, submits again with blanks (a resubmit
 * must change nothing), then plays case simulations decision by decision, sometimes sending the
 * previous decision again (a stale duplicate the server must refuse).
 *
 * Every write the server acknowledges (2xx, or the 303 of a no-JavaScript form post) goes into the
 * ledger, which the checks later hold against the database. Decisions are chosen with the real
 * simulation engine running on the client side, so the client always knows the run's state, the
 * sequence number of each decision and whether the server should accept it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { AutocannonRequest, RequestParams } from 'autocannon';
import { validateScenario } from '~/lib/domain/simulation/graph';
import { applyDecision, startRun, type RunState } from '~/lib/domain/simulation/engine';
import type { Decision, Scenario } from '~/lib/shared/schemas/simulation';
import { candidates, decisionFields } from '../fixtures/sim-candidates';
import { root } from './server';

export const COURSE = 'sample-course';
export const LESSONS = readdirSync(join(root, 'content', 'courses', COURSE, 'lessons'))
  .filter((f) => f.endsWith('.mdx'))
  .sort()
  .map((f) => f.replace(/\.mdx$/, '').replace(/^\d+-/, ''));

interface LoadedScenario {
  id: string;
  scenario: Scenario;
  membersOnly: boolean;
}
function loadScenario(id: string, membersOnly: boolean): LoadedScenario {
  const v = validateScenario(id, parse(readFileSync(join(root, 'content', 'simulations', `${id}.yaml`), 'utf8')));
  if (!v.ok) throw new Error(v.errors.join('\n'));
  return { id, scenario: v.scenario, membersOnly };
}
/** upset-caller belongs to an open course; broken-tooth-10 to a members-only one (members only play it). */
export const SCENARIOS = [loadScenario('upset-caller', false), loadScenario('broken-tooth-10', true)];

export interface PoolUser {
  id: number;
  token: string;
  member: boolean;
  /** Read the lessons on an earlier day: goes straight to the post-test. */
  lessonsDone: boolean;
  taken: boolean;
}

export interface AckedDecision {
  userId: number;
  runId: number;
  seq: number;
  node: string;
  kind: Decision['kind'];
  choice: string | null;
}

/** Everything the clients saw: what the server acknowledged, and anything it should not have done. */
export class Ledger {
  lessons: Array<{ userId: number; course: string; lesson: string }> = [];
  starts = new Map<number, { userId: number; course: string }>();
  submissions = new Map<number, { userId: number; ackAt: number; via: 'action' | 'page'; questions: number }>();
  resubmits = 0;
  decisions: AckedDecision[] = [];
  finishedRuns = new Map<number, { userId: number; scenario: string; outcome: string | null }>();
  runsOpened = new Map<number, number>();
  staleRefused = 0;
  restarts = 0;
  doubleStarts = 0;
  /** Responses per step and status. */
  statuses = new Map<string, Map<number, number>>();
  /** Things a client saw that must never happen (5xx, a refused valid step, a stale decision accepted). */
  violations: string[] = [];
  responses = 0;
  learners = 0;

  note(step: string, status: number): void {
    this.responses++;
    const byStatus = this.statuses.get(step) ?? new Map<number, number>();
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    this.statuses.set(step, byStatus);
  }

  violation(message: string): void {
    this.violations.push(message);
  }

  countStatus(pred: (status: number) => boolean): number {
    let n = 0;
    for (const byStatus of this.statuses.values()) for (const [s, c] of byStatus) if (pred(s)) n += c;
    return n;
  }
}

type Step =
  | 'lesson-view'
  | 'lesson-complete'
  | 'quiz-start'
  | 'quiz-start-again'
  | 'quiz-page'
  | 'quiz-submit'
  | 'quiz-resubmit'
  | 'sim-page'
  | 'sim-restart'
  | 'sim-decide'
  | 'sim-stale';

interface QuizField {
  name: string;
  kind: 'single' | 'multiple' | 'numeric' | 'code' | 'select';
  values: string[];
}

interface SimState {
  scenario: LoadedScenario;
  runId: number;
  state: RunState;
  seq: number;
  last?: Decision;
}

export interface Pending {
  step: Step;
  path: string;
  via?: 'action' | 'page';
  decision?: Decision;
  next?: RunState;
}

/** One learner's progress. A connection's context holds its current learner; a learner cut off by a crash resumes on another connection. */
interface Learner {
  user: PoolUser;
  step: Step;
  lesson: number;
  attemptId?: number;
  fields?: QuizField[];
  scenario: LoadedScenario;
  /** Plays one case before the lessons, so every phase of the journey is under way at any moment. */
  simFirst: boolean;
  sim?: SimState;
  pending?: Pending;
}

/** An autocannon connection's context: its current learner, and how many of the request slots it has used. */
interface Ctx {
  learner?: Learner;
  built?: number;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** The answer fields of a post-test page, read from its HTML like a browser would. */
export function quizFields(html: string): QuizField[] {
  const fields = new Map<string, QuizField>();
  const attrs = (tag: string) => Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
  for (const m of html.matchAll(/<input\b[^>]*>/g)) {
    const a = attrs(m[0]);
    if (!a.name?.startsWith('q:')) continue;
    const kind = a.type === 'radio' ? 'single' : a.type === 'checkbox' ? 'multiple' : a.inputmode === 'decimal' ? 'numeric' : 'code';
    const field = fields.get(a.name) ?? { name: a.name, kind, values: [] };
    if (a.value !== undefined && (kind === 'single' || kind === 'multiple')) field.values.push(a.value);
    fields.set(a.name, field);
  }
  for (const m of html.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const a = attrs(m[1]!);
    if (!a.name?.startsWith('q:')) continue;
    const values = [...m[2]!.matchAll(/<option\b[^>]*value="([^"]+)"/g)].map((o) => o[1]!);
    fields.set(a.name, { name: a.name, kind: 'select', values });
  }
  return [...fields.values()];
}

/** Every question answered (never blank), so a resubmission with blanks would show if it overwrote anything. */
function answers(fields: QuizField[]): URLSearchParams {
  const form = new URLSearchParams();
  for (const f of fields) {
    if (f.kind === 'single' || f.kind === 'select') form.append(f.name, pick(f.values));
    else if (f.kind === 'multiple') {
      const chosen = f.values.filter(() => Math.random() < 0.5);
      for (const v of chosen.length ? chosen : [pick(f.values)]) form.append(f.name, v);
    } else if (f.kind === 'numeric') form.append(f.name, String(1 + Math.floor(Math.random() * 48)));
    else form.append(f.name, pick(['D0140', 'D2391', 'K08.1', '99213', 'S02.5XXA']));
  }
  return form;
}

/** A decision as this learner posts it: the player's form fields, its case and run, and a think time. */
function decisionForm(sim: SimState, d: Decision): URLSearchParams {
  const form = decisionFields(d);
  form.set('scenario', sim.scenario.id);
  form.set('run', String(sim.runId));
  form.set('ms', String(500 + Math.floor(Math.random() * 20_000)));
  return form;
}

/**
 * Hands learners to connections. A connection's context lives for `slots` requests; its learner
 * then logs off and the connection takes the next one. When the server is killed, every learner
 * on a live connection is suspended and carries on, on some connection, after the restart.
 */
export class Learners {
  /** Contexts of live connections (their learners are mid-way). */
  private live = new Set<Ctx>();
  /** Learners whose connection was cut by a crash. */
  private suspended: Learner[] = [];
  private cursor = 0;
  resumed = 0;
  sent = 0;
  /** Requests in flight at each kill (sent, not yet answered), by step. */
  inFlightAtKills: Array<Record<string, number>> = [];

  constructor(
    private readonly pool: PoolUser[],
    private readonly ledger: Ledger,
  ) {}

  /**
   * The server was killed. What each learner had in flight was not acknowledged; a decision may
   * or may not have been stored, so that learner restarts its case (its client no longer knows the
   * run's state), while any other step is simply sent again, as a person would press the button again.
   */
  suspendAll(): void {
    const inFlight: Record<string, number> = {};
    for (const ctx of this.live) {
      const l = ctx.learner;
      if (!l) continue;
      if (l.pending) inFlight[l.pending.step] = (inFlight[l.pending.step] ?? 0) + 1;
      if (l.pending?.step === 'sim-decide' || l.pending?.step === 'sim-stale') l.step = 'sim-restart';
      l.pending = undefined;
      this.suspended.push(l);
    }
    this.live.clear();
    this.inFlightAtKills.push(inFlight);
  }

  /** autocannon `requests`: identical slots whose content comes from each connection's learner. */
  requests(origin: string, slots: number): AutocannonRequest[] {
    const setupRequest = (req: RequestParams, context: Record<string, unknown>): RequestParams => {
      const ctx = context as Ctx;
      ctx.learner ??= this.next();
      ctx.built = (ctx.built ?? 0) + 1;
      this.sent++;
      this.live.add(ctx);
      const { req: built, pending } = build(origin, ctx.learner);
      ctx.learner.pending = pending;
      return { ...req, ...built };
    };
    const onResponse = (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>): void => {
      const ctx = context as Ctx;
      if (ctx.learner) handle(this.ledger, ctx.learner, status, body, headers);
      // The last slot: autocannon starts this connection over with a fresh context (and learner).
      if ((ctx.built ?? 0) >= slots) this.live.delete(ctx);
    };
    return Array.from({ length: slots }, () => ({ setupRequest, onResponse }));
  }

  private next(): Learner {
    const resumed = this.suspended.pop();
    if (resumed) {
      this.resumed++;
      return resumed;
    }
    while (this.cursor < this.pool.length && this.pool[this.cursor]!.taken) this.cursor++;
    const fresh = this.cursor < this.pool.length ? this.pool[this.cursor] : undefined;
    const user = fresh ?? pick(this.pool);
    user.taken = true;
    this.ledger.learners++;
    const playable = SCENARIOS.filter((s) => user.member || !s.membersOnly);
    // An account met before has an open run in an unknown state and may not start the post-test again.
    // Journeys start at different places, so lessons, post-tests and cases are all under way at any moment.
    const simFirst = !user.lessonsDone && this.ledger.learners % 2 === 0;
    const step: Step = !fresh ? 'sim-restart' : user.lessonsDone ? 'quiz-start' : simFirst ? 'sim-page' : 'lesson-view';
    return { user, lesson: 0, scenario: pick(playable), simFirst, step };
  }
}

const get = (l: Learner, path: string): RequestParams => ({
  method: 'GET',
  path,
  headers: { cookie: `session=${l.user.token}`, accept: 'text/html' },
  body: '',
});

const post = (origin: string, l: Learner, path: string, form: URLSearchParams, accept = 'application/json'): RequestParams => ({
  method: 'POST',
  path,
  headers: {
    cookie: `session=${l.user.token}`,
    origin,
    accept,
    'content-type': 'application/x-www-form-urlencoded',
  },
  body: form.toString(),
});

/** The learner's next request. */
function build(origin: string, l: Learner): { req: RequestParams; pending: Pending } {
  const step = l.step;
  const lesson = LESSONS[l.lesson]!;
  switch (step) {
    case 'lesson-view': {
      const path = `/courses/${COURSE}/${lesson}`;
      return { req: get(l, path), pending: { step, path } };
    }
    case 'lesson-complete': {
      const path = '/_actions/progress.completeLesson';
      return { req: post(origin, l, path, new URLSearchParams({ course: COURSE, lesson })), pending: { step, path } };
    }
    case 'quiz-start':
    case 'quiz-start-again': {
      const path = '/_actions/quiz.start';
      return { req: post(origin, l, path, new URLSearchParams({ course: COURSE })), pending: { step, path } };
    }
    case 'quiz-page': {
      const path = `/courses/${COURSE}/test/${l.attemptId}`;
      return { req: get(l, path), pending: { step, path } };
    }
    case 'quiz-submit':
    case 'quiz-resubmit': {
      // Half the posts come from a page without JavaScript (303 on success), half through the action endpoint.
      const via = Math.random() < 0.5 ? 'action' : 'page';
      const path = via === 'action' ? '/_actions/quiz.submit' : `/courses/${COURSE}/test/${l.attemptId}?_action=quiz.submit`;
      const form = step === 'quiz-submit' ? answers(l.fields ?? []) : new URLSearchParams();
      form.set('attempt', String(l.attemptId));
      return { req: post(origin, l, path, form, via === 'action' ? 'application/json' : 'text/html'), pending: { step, path, via } };
    }
    case 'sim-page': {
      const path = `/simulations/${l.scenario.id}`;
      return { req: get(l, path), pending: { step, path } };
    }
    case 'sim-restart': {
      const path = '/_actions/simulation.restart';
      return { req: post(origin, l, path, new URLSearchParams({ scenario: l.scenario.id })), pending: { step, path } };
    }
    case 'sim-decide': {
      const sim = l.sim!;
      const options = candidates(sim.scenario.scenario, sim.state)
        .map((d) => ({ d, r: applyDecision(sim.scenario.scenario, sim.state, d) }))
        .filter((c) => c.r.ok);
      const chosen = pick(options);
      if (!chosen || !chosen.r.ok) throw new Error(`no decision possible at ${sim.scenario.id}:${sim.state.node}`);
      const via = Math.random() < 0.8 ? 'action' : 'page';
      const path = via === 'action' ? '/_actions/simulation.decide' : `/simulations/${sim.scenario.id}?_action=simulation.decide`;
      return {
        req: post(origin, l, path, decisionForm(sim, chosen.d), via === 'action' ? 'application/json' : 'text/html'),
        pending: { step, path, via, decision: chosen.d, next: chosen.r.state },
      };
    }
    case 'sim-stale': {
      const sim = l.sim!;
      const path = '/_actions/simulation.decide';
      return { req: post(origin, l, path, decisionForm(sim, sim.last!)), pending: { step, path, decision: sim.last } };
    }
  }
}

/** Records what the server acknowledged and moves the learner on. */
function handle(ledger: Ledger, l: Learner, status: number, body: string, headers: Record<string, string | string[]>): void {
  const p = l.pending;
  if (!p) return;
  l.pending = undefined;
  ledger.note(p.step, status);
  const ok = p.via === 'page' ? status === 303 : status === 200;
  const location = String(headers.location ?? headers.Location ?? '');
  const unexpected = () =>
    ledger.violation(`${p.step}: ${p.path} as user ${l.user.id} answered ${status}: ${body.replace(/\s+/g, ' ').slice(0, 200)}`);
  switch (p.step) {
    case 'lesson-view':
      if (status !== 200) unexpected();
      l.step = 'lesson-complete';
      return;
    case 'lesson-complete':
      if (status === 200) ledger.lessons.push({ userId: l.user.id, course: COURSE, lesson: LESSONS[l.lesson]! });
      else unexpected();
      l.lesson++;
      l.step = l.lesson < LESSONS.length ? 'lesson-view' : 'quiz-start';
      return;
    case 'quiz-start':
    case 'quiz-start-again': {
      const id = Number(/\/test\/(\d+)/.exec(body)?.[1]);
      if (status !== 200 || !id) {
        unexpected();
        l.step = 'sim-page';
        return;
      }
      if (p.step === 'quiz-start') {
        ledger.starts.set(id, { userId: l.user.id, course: COURSE });
        l.attemptId = id;
        l.step = 'quiz-start-again';
      } else {
        ledger.doubleStarts++;
        if (id !== l.attemptId) ledger.violation(`quiz-start twice for user ${l.user.id} opened two attempts: ${l.attemptId} and ${id}`);
        l.step = 'quiz-page';
      }
      return;
    }
    case 'quiz-page':
      if (status !== 200) {
        unexpected();
        l.step = 'sim-page';
        return;
      }
      l.fields = quizFields(body);
      if (l.fields.length === 0) ledger.violation(`the post-test page of attempt ${l.attemptId} shows no answer fields`);
      l.step = 'quiz-submit';
      return;
    case 'quiz-submit':
      if (ok && (p.via === 'action' || location.endsWith(`/test/${l.attemptId}`))) {
        const questions = new Set((l.fields ?? []).map((f) => f.name.split(':')[1])).size;
        ledger.submissions.set(l.attemptId!, { userId: l.user.id, ackAt: Date.now(), via: p.via!, questions });
        l.step = 'quiz-resubmit';
      } else {
        unexpected();
        l.step = 'sim-page';
      }
      return;
    case 'quiz-resubmit':
      if (ok) ledger.resubmits++;
      else unexpected();
      l.step = 'sim-page';
      return;
    case 'sim-page': {
      const runId = Number(/name="run" value="(\d+)"/.exec(body)?.[1]);
      const node = /data-node="([^"]+)"/.exec(body)?.[1];
      if (status === 200 && node && l.scenario.scenario.nodes[node]?.type === 'end') {
        // The learner's last run has ended: the page keeps its ending (no decision form) until
        // they choose to play again.
        l.step = 'sim-restart';
        return;
      }
      if (status !== 200 || !runId || !node) {
        unexpected();
        l.step = 'sim-restart';
        return;
      }
      const state = startRun(l.scenario.scenario);
      if (node !== state.node) {
        // A run with decisions this client does not know about: start afresh so it knows the state.
        l.step = 'sim-restart';
        return;
      }
      ledger.runsOpened.set(runId, l.user.id);
      l.sim = { scenario: l.scenario, runId, state, seq: 0 };
      l.step = 'sim-decide';
      return;
    }
    case 'sim-restart':
      if (status === 200) ledger.restarts++;
      else unexpected();
      l.step = 'sim-page';
      return;
    case 'sim-decide': {
      const sim = l.sim!;
      const d = p.decision!;
      if (!ok || (p.via === 'page' && !location.includes(`/simulations/${sim.scenario.id}`))) {
        unexpected();
        l.step = 'sim-restart';
        return;
      }
      ledger.decisions.push({ userId: l.user.id, runId: sim.runId, seq: sim.seq, node: d.node, kind: d.kind, choice: d.kind === 'choice' ? d.choice : null });
      sim.seq++;
      sim.state = p.next!;
      sim.last = d;
      if (sim.state.finished) {
        ledger.finishedRuns.set(sim.runId, { userId: l.user.id, scenario: sim.scenario.id, outcome: sim.state.outcome });
        // Now and then another case for the next run.
        if (Math.random() < 0.3) l.scenario = pick(SCENARIOS.filter((s) => l.user.member || !s.membersOnly));
        l.step = l.simFirst ? 'lesson-view' : 'sim-page';
        l.simFirst = false;
      } else {
        // A double click: the same decision again, which the current step no longer accepts.
        const stale = !applyDecision(sim.scenario.scenario, sim.state, d).ok;
        l.step = stale && Math.random() < 0.15 ? 'sim-stale' : 'sim-decide';
      }
      return;
    }
    case 'sim-stale':
      if (status >= 400 && status < 500) {
        ledger.staleRefused++;
        l.step = 'sim-decide';
      } else {
        ledger.violation(`a stale decision ${JSON.stringify(p.decision)} on run ${l.sim?.runId} was answered ${status}, not refused`);
        l.step = 'sim-restart';
      }
      return;
  }
}
