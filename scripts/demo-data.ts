/**
 * Demo data for dashboards and reports: an instructor for each instructor profile, 40 learners
 * (names with accents, apostrophes, commas and other scripts) with lesson progress, post-test
 * attempts drawn and scored by the real engine, case runs played by the real engine, evaluations
 * and certificates. Accounts share one random password, returned so the caller prints it once.
 * Re-running adds nothing: demo accounts that exist are left alone.
 */
import { clock } from '../src/lib/shared/clock';
import { resolve } from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { enrollments, evaluations, lessonProgress, quizAttempts, quizResponses, simulationDecisions, simulationRuns, users, type Profession } from '../db/schema';
import { generatePassword, type Hasher } from '../db/seed';
import { checkContent } from '../src/lib/content/checks';
import { drawAttempt, mulberry32 } from '../src/lib/domain/quiz/draw';
import { scoreAttempt } from '../src/lib/domain/quiz/scoring';
import type { Answer, DrawnQuestion } from '../src/lib/domain/quiz/snapshot';
import { applyDecision, runResult, startRun, type RunState } from '../src/lib/domain/simulation/engine';
import type { Decision, Scenario } from '../src/lib/shared/schemas/simulation';
import { certify } from '../src/lib/server/credit';
import { treeCourseParts } from '../src/lib/content/checks/hours';
import { participantOf } from '../src/lib/shared/certificate';
import { settings } from '../src/lib/server/settings';

const DAY = 86_400_000;
const FIRST = ['María José', 'Tom', 'Priya', 'Li', 'Renée', 'Ahmed', 'Olga', 'Kwame', 'Siobhan', 'Hiroshi', 'Zoë', 'Carlos', 'Fatima', 'Dmitri', 'Aisha', 'Jan'];
const LAST = ['Núñez', 'O’Neill, Jr.', 'Raman', '李', 'Ó Súilleabháin', 'Haddad', 'Kowalska', 'Mensah', 'Byrne', 'Tanaka', 'Müller', 'Pérez', 'Rahman', 'Ivanov', 'Bello', 'de Vries'];
const PROFESSIONS: Profession[] = ['front-office', 'office-manager', 'dental-assistant', 'hygienist', 'dentist'];

/** A wrong or right answer for a question, from the snapshot; `skill` is the chance of a right one. */
function answerFor(q: DrawnQuestion, right: boolean, rng: () => number): Answer | null {
  if (rng() < 0.03) return null;
  switch (q.type) {
    case 'single': {
      const ids = q.options.filter((o) => !!o.correct === right).map((o) => o.id);
      return ids[Math.floor(rng() * ids.length)] ?? null;
    }
    case 'multiple':
      return right ? q.options.filter((o) => o.correct).map((o) => o.id) : q.options.filter((o) => !o.correct || rng() < 0.3).map((o) => o.id).slice(0, 2);
    case 'true-false':
      return right ? q.answer : !q.answer;
    case 'numeric':
      return String(right ? q.answer : q.answer + 10);
    case 'code':
      return right ? q.accepted[0]! : 'Z99.9';
    case 'matching':
      return Object.fromEntries(q.pairs.map((p, i) => [p.id, (right ? q.rightChoices.find((c) => c.pairId === p.id) : q.rightChoices[(i + 1) % q.rightChoices.length])!.id]));
  }
}

/** Plays a scenario: mostly the best option, sometimes a random one. */
function play(scenario: Scenario, best: Decision[], rng: () => number, care: number): { state: RunState; decisions: Array<{ d: Decision; points: number; ms: number }> } {
  let state = startRun(scenario);
  const decisions: Array<{ d: Decision; points: number; ms: number }> = [];
  for (let guard = 0; guard < 200 && !state.finished; guard++) {
    const node = scenario.nodes[state.node]!;
    const planned = best.find((d) => d.node === state.node);
    let d: Decision;
    if (node.type === 'choice' && (!planned || rng() > care)) d = { node: state.node, kind: 'choice', choice: node.options[Math.floor(rng() * node.options.length)]!.id };
    else if (planned) d = planned;
    else if (node.type === 'scene') d = { node: state.node, kind: 'continue' };
    else if (node.type === 'input') d = { node: state.node, kind: 'input', value: node.accepted[0]!.value };
    else if (node.type === 'form') d = { node: state.node, kind: 'form', fields: Object.fromEntries(node.fields.map((f) => [f.id, f.accepted[0]!])) };
    else break;
    const r = applyDecision(scenario, state, d);
    if (!r.ok) break;
    state = r.state;
    decisions.push({ d, points: r.result.points, ms: Math.round(3000 + rng() * 40000) });
  }
  return { state, decisions };
}

export async function seedDemo(db: Db, hash: Hasher, contentDir = resolve('content'), now = clock.now()): Promise<{ users: number; password: string }> {
  const password = generatePassword();
  const passwordHash = await hash(password);
  const { tree, errors } = checkContent(contentDir);
  if (errors.length) throw new Error(`content/ has problems; fix them first:\n${errors.join('\n')}`);
  if (!tree.provider) throw new Error(`${contentDir}/provider.yaml is missing`);
  const provider = tree.provider.data;
  const instructorAccounts = tree.instructors.flatMap((i) => i.data.accounts.map((email) => ({ email, name: i.data.name })));
  const learners = Array.from({ length: 40 }, (_, i) => ({
    email: `learner${String(i + 1).padStart(2, '0')}@demo.test`,
    fullName: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
    profession: PROFESSIONS[i % PROFESSIONS.length]!,
    member: i % 3 === 0,
  }));
  const emails = [...instructorAccounts.map((a) => a.email), ...learners.map((l) => l.email)];
  const existing = new Set(db.select({ email: users.email }).from(users).where(inArray(users.email, emails)).all().map((r) => r.email));
  if (existing.size === emails.length) return { users: 0, password: '(unchanged: the demo accounts already exist)' };

  const rng = mulberry32(20261127);
  let created = 0;
  for (const a of instructorAccounts) {
    if (existing.has(a.email)) continue;
    db.insert(users).values({ email: a.email, passwordHash, fullName: a.name.includes('team') ? 'Course Team Instructor' : a.name, role: 'instructor', profession: 'office-manager', emailVerifiedAt: now - 60 * DAY, createdAt: now - 60 * DAY, updatedAt: now }).run();
    created++;
  }
  const courses = tree.courses.filter((c) => c.data.published && c.data.access === 'open');
  const estimates = new Map(courses.map((c) => [c.id, treeCourseParts(tree, c.id)]));
  const partsOf = (id: string) => estimates.get(id)!;
  for (const [i, l] of learners.entries()) {
    if (existing.has(l.email)) continue;
    const u = db
      .insert(users)
      .values({ email: l.email, passwordHash, fullName: l.fullName, profession: l.profession, licenceState: i % 4 === 0 ? 'TX' : i % 4 === 1 ? 'CA' : null, licenceNumber: i % 4 < 2 ? `RDH-${10000 + i}` : null, memberUntil: l.member ? now + 365 * DAY : null, emailVerifiedAt: now - (120 - i) * DAY, createdAt: now - (120 - i) * DAY, updatedAt: now })
      .returning()
      .get();
    created++;
    const skill = 0.45 + 0.5 * rng();
    for (const course of courses) {
      const lessons = tree.lessons.filter((x) => x.course === course.id).sort((a, b) => a.data.order - b.data.order);
      // Every step below happens within lessons + 7 days of the start, so starting at least that long
      // ago keeps the whole story in the past: reports count up to today and never see the future.
      const start = now - Math.floor(lessons.length + 8 + rng() * 60) * DAY;
      const read = rng() < 0.8 ? lessons.length : Math.floor(rng() * lessons.length);
      db.insert(enrollments).values({ userId: u.id, course: course.id, enrolledAt: start }).onConflictDoNothing().run();
      for (const [k, lesson] of lessons.slice(0, read).entries()) {
        db.insert(lessonProgress).values({ userId: u.id, course: course.id, lesson: lesson.slug, firstViewedAt: start + k * DAY, completedAt: start + k * DAY + 600_000 }).onConflictDoNothing().run();
      }
      if (read < lessons.length) continue;
      // Required case simulations, played by the real engine.
      let simsPassed = true;
      for (const sid of course.data.simulations) {
        const v = tree.simulations.find((x) => x.id === sid)!;
        let passed = false;
        for (let run = 0; run < 2 && !passed; run++) {
          const { state, decisions } = play(v.data, v.analysis.bestChoices, rng, skill);
          const result = state.finished ? runResult(v.data, state, v.analysis.maxScore) : null;
          const at = start + (lessons.length + run) * DAY;
          const runRow = db.insert(simulationRuns).values({ userId: u.id, scenario: sid, state, startedAt: at, finishedAt: state.finished ? at + 1_200_000 : null, score: state.score, maxScore: v.analysis.maxScore, outcome: state.outcome, passed: result?.passed ?? false }).returning().get();
          decisions.forEach(({ d, points, ms }, seq) => {
            db.insert(simulationDecisions).values({ runId: runRow.id, seq, node: d.node, choice: d.kind === 'choice' ? d.choice : null, input: d.kind === 'choice' ? { kind: 'choice' } : d.kind === 'input' ? { kind: 'input', value: d.value } : d.kind === 'form' ? { kind: 'form', fields: d.fields } : { kind: 'continue' }, points, msTaken: ms, at: at + seq * 30_000 }).run();
          });
          passed = result?.passed ?? false;
        }
        simsPassed &&= passed;
      }
      // Post-test attempts until a pass or three attempts.
      const quizId = course.data.quiz;
      let quizPassed = false;
      if (quizId) {
        const bank = tree.quizzes.find((q) => q.id === quizId)!.data;
        for (let attempt = 0; attempt < 3 && !quizPassed; attempt++) {
          const questions = drawAttempt(bank, rng);
          const answers = Object.fromEntries(questions.map((q) => [q.id, answerFor(q, rng() < skill + attempt * 0.15, rng)]));
          const score = scoreAttempt(questions, answers, bank.settings.passMark);
          const at = start + (lessons.length + 2 + attempt) * DAY;
          const row = db.insert(quizAttempts).values({ userId: u.id, course: course.id, questions, passMark: bank.settings.passMark, startedAt: at, submittedAt: at + 900_000, score: score.score, maxScore: score.maxScore, passed: score.passed }).returning().get();
          for (const r of score.perQuestion) db.insert(quizResponses).values({ attemptId: row.id, questionId: r.questionId, answer: r.answer, points: r.points, maxPoints: r.maxPoints, correct: r.correct }).run();
          quizPassed = score.passed;
        }
      }
      if (!quizPassed || !simsPassed || !course.data.evaluation) continue;
      const doneAt = start + (lessons.length + 6) * DAY;
      const likert = () => 3 + Math.floor(rng() * 3);
      db.insert(evaluations).values({ userId: u.id, course: course.id, answers: { ...Object.fromEntries(course.data.objectives.map((o) => [`can-now-${o.id}`, likert()])), 'objectives-met': likert(), relevance: likert(), instructor: likert(), 'free-of-bias': likert(), 'intent-to-change': rng() < 0.7, 'change-plan': i % 7 === 0 ? 'Check the payer guide before choosing the code set.' : null, 'future-topics': i % 9 === 0 ? 'Appeals and denials in more depth.' : null, minutes: Math.round(course.data.ceHours * 60 * (0.8 + rng() * 0.6)), comments: i % 5 === 0 ? 'Clear and practical; the case was the best part.' : null }, minutesReported: null, submittedAt: doneAt }).onConflictDoNothing().run();
      const instructors = course.data.instructors.map((id) => {
        const p = tree.instructors.find((x) => x.id === id)?.data;
        return p ? `${p.name}, ${p.credentials}` : id;
      });
      db.update(enrollments).set({ evaluationOpenedAt: doneAt - 240_000 }).where(and(eq(enrollments.userId, u.id), eq(enrollments.course, course.id))).run();
      // Through the one credit rule: the demo's certificates are samples until the provider is set up.
      certify(db, {
        userId: u.id,
        participant: participantOf(u),
        course: {
          id: course.id,
          title: course.data.title,
          ceHours: course.data.ceHours,
          format: course.data.format,
          agd: course.data.agd,
          fields: { credit: course.data.credit, authors: course.data.authors, reviewers: course.data.reviewers, reviewedOn: course.data.reviewedOn },
          parts: partsOf(course.id),
          scenarios: course.data.simulations,
        },
        complete: true,
        provider,
        instructors,
        verifyBase: settings.PUBLIC_URL || 'http://localhost:4321',
        now: doneAt,
      });
    }
  }
  return { users: created, password };
}
