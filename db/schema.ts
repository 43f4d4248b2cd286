/**
 * The data model. Times are integer milliseconds since the epoch; CE hours are integer
 * hundredths of an hour (`hoursCenti`: 1.25 h = 125) so sums never drift; money is integer cents.
 * Columns are camelCase in TypeScript and snake_case in SQL (drizzle `casing: 'snake_case'`).
 */
import { sql } from 'drizzle-orm';
import {
  sqliteTable,
  integer,
  text,
  real,
  index,
  uniqueIndex,
  primaryKey,
} from 'drizzle-orm/sqlite-core';

export const ROLES = ['learner', 'instructor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PROFESSIONS = [
  'dentist',
  'hygienist',
  'dental-assistant',
  'office-manager',
  'front-office',
  'other',
] as const;
export type Profession = (typeof PROFESSIONS)[number];

const createdAt = () =>
  integer({ mode: 'number' })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const users = sqliteTable(
  'users',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** Always stored lower-cased and trimmed. */
    email: text().notNull().unique(),
    passwordHash: text().notNull(),
    /** The name exactly as it must be printed on certificates. */
    fullName: text().notNull(),
    role: text({ enum: ROLES }).notNull().default('learner'),
    profession: text({ enum: PROFESSIONS }).notNull().default('other'),
    licenceState: text(),
    licenceNumber: text(),
    agdId: text(),
    /** Licence-cycle tracker: the licence type the member tracks (dentist, hygienist…). */
    licenceType: text(),
    /** Any expiry date printed on the member's licence, YYYY-MM-DD (anchors expiry-based cycles). */
    licenceExpiresOn: text(),
    /** 1-12, for states whose cycle ends in the licensee's birth month. */
    birthMonth: integer(),
    /** The member's own requirement per cycle, in hundredths of an hour, when their board differs. */
    cycleHoursOverrideCenti: integer(),
    /** Club membership runs until this instant; a member is someone whose date is in the future. */
    memberUntil: integer(),
    /** When the owner proved the address by following the emailed link; null = not yet (no certificate is issued). */
    emailVerifiedAt: integer(),
    /** The member turned licence-cycle reminder emails off (profile setting or one-click unsubscribe). */
    remindersOff: integer({ mode: 'boolean' }).notNull().default(false),
    /** IANA time zone (e.g. America/Chicago) every date and time is shown in; null = UTC. Filled at sign-up from the browser. */
    timeZone: text(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [index('users_role_idx').on(t.role), index('users_full_name_idx').on(t.fullName)],
);

/** Lucia-guide sessions: id = hex(sha256(token)); the raw token lives only in the cookie. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer().notNull(),
    createdAt: createdAt(),
    /** False for a "shared computer" sign-in: a browser-session cookie, a short life, never renewed. */
    persistent: integer({ mode: 'boolean' }).notNull().default(true),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** Fixed-window counters, kept in SQLite so limits hold across restarts and processes. */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    key: text().notNull(),
    /** Start of the window, ms since the epoch. */
    window: integer().notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.window] }), index('rate_limits_window_idx').on(t.window)],
);

export const enrollments = sqliteTable(
  'enrollments',
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    course: text().notNull(),
    enrolledAt: createdAt(),
    completedAt: integer(),
    /** When the course evaluation was first shown to the learner (engaged time runs to its submission). */
    evaluationOpenedAt: integer(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.course] }),
    index('enrollments_course_idx').on(t.course, t.enrolledAt),
  ],
);

export const lessonProgress = sqliteTable(
  'lesson_progress',
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    course: text().notNull(),
    lesson: text().notNull(),
    firstViewedAt: createdAt(),
    completedAt: integer(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.course, t.lesson] }),
    index('lesson_progress_course_idx').on(t.course, t.lesson),
  ],
);

export const quizAttempts = sqliteTable(
  'quiz_attempts',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    course: text().notNull(),
    /** JSON: the drawn questions in order, each with its option order and a full snapshot (prompt, options, key, points). */
    questions: text({ mode: 'json' }).notNull(),
    startedAt: createdAt(),
    /** The bank's pass mark (percent) when the attempt started: later edits never change a result. */
    passMark: real(),
    /** Optional hard deadline (time limit), ms since the epoch. */
    deadlineAt: integer(),
    submittedAt: integer(),
    score: real(),
    maxScore: real(),
    passed: integer({ mode: 'boolean' }),
    /** JSON: the answer fields given so far (name -> values), saved as the learner answers; never a key. */
    draft: text({ mode: 'json' }),
  },
  (t) => [
    index('quiz_attempts_user_course_idx').on(t.userId, t.course, t.startedAt),
    // Covers the report queries (pass rate, score histogram): they read only these columns, so
    // SQLite answers from the index without touching 100,000 table rows.
    index('quiz_attempts_course_scores_idx').on(t.course, t.submittedAt, t.score, t.maxScore, t.passed),
  ],
);

export const quizResponses = sqliteTable(
  'quiz_responses',
  {
    attemptId: integer()
      .notNull()
      .references(() => quizAttempts.id, { onDelete: 'cascade' }),
    questionId: text().notNull(),
    /** JSON: the learner's answer, or null when left blank. */
    answer: text({ mode: 'json' }),
    points: real().notNull(),
    /** The question's points in its snapshot, and whether the answer earned all of them (for item analysis). */
    maxPoints: real(),
    correct: integer({ mode: 'boolean' }),
  },
  (t) => [
    primaryKey({ columns: [t.attemptId, t.questionId] }),
    index('quiz_responses_question_idx').on(t.questionId),
  ],
);

/**
 * Item-analysis sums per question and UTC day, kept by triggers on quiz_responses (see migration
 * 0004), so reports over a long history add up days instead of scanning every response.
 * rest = the attempt's percent score without this question; n counts responses where it exists.
 */
export const itemStats = sqliteTable(
  'item_stats',
  {
    course: text().notNull(),
    questionId: text().notNull(),
    day: integer().notNull(),
    attempts: integer().notNull().default(0),
    blank: integer().notNull().default(0),
    correct: integer().notNull().default(0),
    n: integer().notNull().default(0),
    n1: integer().notNull().default(0),
    sy: real().notNull().default(0),
    sy1: real().notNull().default(0),
    sy2: real().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.course, t.questionId, t.day] }), index('item_stats_course_day_idx').on(t.course, t.day)],
);

/** How often each wrong answer was given, per question and UTC day (kept by the same triggers). */
export const itemWrongAnswers = sqliteTable(
  'item_wrong_answers',
  {
    course: text().notNull(),
    questionId: text().notNull(),
    day: integer().notNull(),
    answer: text().notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.course, t.questionId, t.day, t.answer] }), index('item_wrong_course_day_idx').on(t.course, t.day)],
);

export const simulationRuns = sqliteTable(
  'simulation_runs',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scenario: text().notNull(),
    /** JSON: state variables and the current node, derived from the stored decisions. */
    state: text({ mode: 'json' }).notNull(),
    startedAt: createdAt(),
    finishedAt: integer(),
    score: real(),
    maxScore: real(),
    outcome: text(),
    passed: integer({ mode: 'boolean' }),
  },
  (t) => [
    // (user, scenario, finished_at) finds a learner's open run directly; started_at orders their history.
    index('simulation_runs_user_open_idx').on(t.userId, t.scenario, t.finishedAt),
    index('simulation_runs_user_scenario_idx').on(t.userId, t.scenario, t.startedAt),
    index('simulation_runs_scenario_idx').on(t.scenario, t.finishedAt),
    // The reports select runs by scenario and start date (decision maps, outcomes).
    index('simulation_runs_scenario_started_idx').on(t.scenario, t.startedAt, t.finishedAt, t.outcome),
  ],
);

export const simulationDecisions = sqliteTable(
  'simulation_decisions',
  {
    runId: integer()
      .notNull()
      .references(() => simulationRuns.id, { onDelete: 'cascade' }),
    seq: integer().notNull(),
    node: text().notNull(),
    choice: text(),
    /** JSON for inputs and form fields. */
    input: text({ mode: 'json' }),
    points: real().notNull(),
    msTaken: integer(),
    at: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.seq] }),
    index('simulation_decisions_node_idx').on(t.node),
  ],
);

export const evaluations = sqliteTable(
  'evaluations',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    course: text().notNull(),
    /** JSON: item id -> answer. */
    answers: text({ mode: 'json' }).notNull(),
    /** How long the learner says the course took, the evidence behind the CE hours. */
    minutesReported: integer(),
    submittedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('evaluations_user_course_uq').on(t.userId, t.course),
    index('evaluations_course_idx').on(t.course, t.submittedAt),
  ],
);

export const certificates = sqliteTable(
  'certificates',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** Public, unguessable verification code. */
    code: text().notNull().unique(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    course: text().notNull(),
    /** JSON snapshot of everything printed, frozen at issue time. */
    snapshot: text({ mode: 'json' }).notNull(),
    issuedAt: createdAt(),
    revokedAt: integer(),
    revokedReason: text(),
    /** Set when an admin reissued this certificate under a new code. */
    replacedById: integer(),
    /** Issued while the provider (or the course's authorship) was not set up, or for a practice
     * course: marked SAMPLE, not valid for CE credit, never counted, and a sample forever. */
    sample: integer({ mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    // One live certificate per learner and course: concurrent completions cannot make two.
    uniqueIndex('certificates_live_uq')
      .on(t.userId, t.course)
      .where(sql`revoked_at is null`),
    index('certificates_course_idx').on(t.course, t.issuedAt),
  ],
);

export const externalCe = sqliteTable(
  'external_ce',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text().notNull(),
    title: text().notNull(),
    /** Calendar date, YYYY-MM-DD. */
    completedOn: text().notNull(),
    hoursCenti: integer().notNull(),
    agdCode: text(),
    /**
     * live | live-online | self-study (CE_FORMATS in src/lib/shared/schemas/licensure.ts): boards cap
     * self-study, and some topics (BLS, CPR) count only in person.
     */
    format: text().notNull().default('live'),
    /** JSON array of CE_TOPICS ids the course covered, e.g. ["infection-control"]. */
    topics: text({ mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** JSON array of PROVIDER_APPROVALS ids printed on the certificate, e.g. ["ada-cerp","state-board"]. */
    approvals: text({ mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Random file name under the data directory, never a user-supplied path. */
    file: text(),
    fileName: text(),
    fileType: text(),
    createdAt: createdAt(),
  },
  (t) => [index('external_ce_user_idx').on(t.userId, t.completedOn)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    actorId: integer().references(() => users.id, { onDelete: 'set null' }),
    action: text().notNull(),
    subject: text(),
    detail: text({ mode: 'json' }),
    at: createdAt(),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action, t.at)],
);

export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * The durable outbox: a message is inserted in the same transaction as the event that causes it,
 * and the sender in the server process delivers it later with retries. `key` names the event
 * (`certificate:42`, `reset:<token id>`...), so one event can never queue two messages.
 */
export const mailOutbox = sqliteTable(
  'mail_outbox',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** Idempotency key of the event; also the Message-ID's local part, so a receiver can drop a repeat. */
    key: text().notNull().unique(),
    /** reset, verify, signup-existing, certificate, reminder, sign-in... for the admin page. */
    kind: text().notNull(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    /** The bodies; emptied once delivered (or given up) when the message carried a one-time link. */
    text: text().notNull(),
    html: text().notNull(),
    /** JSON: extra headers, e.g. List-Unsubscribe. */
    headers: text({ mode: 'json' }),
    /** True when the body carries a one-time link: it is removed from the database after sending. */
    secret: integer({ mode: 'boolean' }).notNull().default(false),
    status: text({ enum: MAIL_STATUSES }).notNull().default('queued'),
    attempts: integer().notNull().default(0),
    /** Not before this instant (back-off after a failure). */
    nextAttemptAt: integer().notNull(),
    /** While `sending`: the claim expires then, so a sender killed mid-send does not hold it forever. */
    leaseUntil: integer(),
    lastError: text(),
    createdAt: createdAt(),
    sentAt: integer(),
  },
  (t) => [index('mail_outbox_due_idx').on(t.status, t.nextAttemptAt), index('mail_outbox_created_idx').on(t.createdAt)],
);

/** Every delivery attempt of an outbox message; `ok` stays null when the sender died mid-attempt. */
export const mailAttempts = sqliteTable(
  'mail_attempts',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    outboxId: integer()
      .notNull()
      .references(() => mailOutbox.id, { onDelete: 'cascade' }),
    startedAt: integer().notNull(),
    finishedAt: integer(),
    ok: integer({ mode: 'boolean' }),
    error: text(),
  },
  (t) => [index('mail_attempts_outbox_idx').on(t.outboxId, t.startedAt)],
);

export const TOKEN_PURPOSES = ['reset', 'verify', 'sign-in', 'unsubscribe'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** Emailed one-time links: id = hex(sha256(token)); the raw token exists only in the email. */
export const emailTokens = sqliteTable(
  'email_tokens',
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text({ enum: TOKEN_PURPOSES }).notNull(),
    expiresAt: integer().notNull(),
    /** Set when the link is used; a used link is refused. */
    usedAt: integer(),
    createdAt: createdAt(),
  },
  (t) => [index('email_tokens_user_idx').on(t.userId, t.purpose), index('email_tokens_expires_idx').on(t.expiresAt)],
);

/** Daily jobs run inside the server: the last day each ran, so a restart neither skips nor repeats a day. */
export const jobRuns = sqliteTable('job_runs', {
  name: text().primaryKey(),
  /** UTC calendar day of the last run, YYYY-MM-DD. */
  lastRunOn: text().notNull(),
  lastRunAt: integer().notNull(),
  detail: text({ mode: 'json' }),
});

/**
 * An admin's exceptions to a course's post-test rules for one learner: extra attempts beyond
 * `maxAttempts`, and a cooldown ended early (attempts that ended before `cooldownEndedAt` no
 * longer hold the next one back). Every change is audited.
 */
export const attemptGrants = sqliteTable(
  'attempt_grants',
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    course: text().notNull(),
    extraAttempts: integer().notNull().default(0),
    cooldownEndedAt: integer(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.course] })],
);
