/**
 * CE cycle maths: where a member's current license cycle starts and ends, which of their CE hours
 * count towards it and why the rest do not, which mandatory topics are met, and transcript totals.
 *
 * Pure functions over plain data. Dates are ISO calendar dates ('YYYY-MM-DD') with no time zone:
 * license cycles are calendar days, and `today` is decided by the caller in the member's zone.
 * Hours are integer hundredths ("centi-hours"), so 0.25 + 0.25 + 0.5 is exactly 100.
 *
 * Counting order: records inside the cycle are taken oldest first, and each claims what is left
 * under every cap that applies to it (category caps, then the self-study cap, then the daily cap).
 * Oldest-first is easy to explain to a member ("your first 8 self-study hours count") and gives
 * the same totals however the records arrive.
 */
import { formatHours } from '../shared/hours';
import type { CeFormat, CycleAnchor, LicenceRules, MandatoryTopic, ProviderApproval } from '../shared/schemas/licensure';

export type IsoDate = string;

/** One CE activity of a member, from this platform or recorded by them from elsewhere. */
export interface CeRecord {
  /** Lets the caller find the record again in the report; not used in the maths. */
  id?: string;
  /** Completion date, 'YYYY-MM-DD'. */
  date: IsoDate;
  /** Hours in hundredths: 150 = 1.5 hours. */
  hoursCenti: number;
  /** Three-digit AGD subject code, e.g. '550'. */
  agdCode: string;
  /** Self-instruction (online, home study), as opposed to live or interactive. */
  selfStudy: boolean;
  source: 'platform' | 'external';
  /** Topic tags from CE_TOPICS (src/lib/shared/schemas/licensure.ts). */
  topics?: readonly string[];
  /** How it was taken; without it, a record is in person exactly when it is not self-study. */
  format?: CeFormat;
  /** Who approved the provider; 'state-board' is what board-registered-provider-only topics need. */
  approvals?: readonly ProviderApproval[];
}

/** In person, as boards mean it for BLS and CPR: neither self-study nor a live webinar. */
export function inPerson(record: Pick<CeRecord, 'format' | 'selfStudy'>): boolean {
  return record.format ? record.format === 'live' : !record.selfStudy;
}

/** What the member tells us about their own license. */
export interface MemberLicence {
  /** An expiry date from the member's license (any cycle's); needed by licence-expiry anchors. */
  licenceExpiresOn?: IsoDate;
  /** 1-12; needed by birth-month anchors (falls back to the month of licenceExpiresOn). */
  birthMonth?: number;
  /** Replaces the rule's hours per cycle, e.g. 0 for an exempt first renewal or a board's letter. */
  hoursPerCycleCenti?: number;
}

export interface CycleInput {
  rules: LicenceRules;
  member: MemberLicence;
  today: IsoDate;
  records: readonly CeRecord[];
}

export type NotCountedReason = 'outside-cycle' | 'category-cap' | 'category-excludes-self-study' | 'category-in-person-only' | 'self-study-cap' | 'daily-cap';

export interface NotCounted {
  record: CeRecord;
  hoursCenti: number;
  reason: NotCountedReason;
  /** The category cap's id for the category reasons. */
  capId?: string;
}

export interface CapUsage {
  kind: 'category' | 'self-study' | 'daily';
  id: string;
  label: string;
  limitCenti: number;
  /** For the daily cap: the most used on any single day. */
  usedCenti: number;
}

export interface MinimumReport {
  id: string;
  label: string;
  requiredCenti: number;
  earnedCenti: number;
  met: boolean;
  source: string;
}

export type TopicStatus = 'met' | 'missing' | 'unknown';

export interface TopicReport {
  topic: string;
  label: string;
  /** null when the rule names the course but not its hours: one record satisfies it. */
  requiredCenti: number | null;
  earnedCenti: number;
  status: TopicStatus;
  /** A sentence for the member explaining the status. */
  detail: string;
  source: string;
}

export interface CycleReport {
  cycle: { start: IsoDate; end: IsoDate; years: number };
  requiredCenti: number;
  /** 'member' when the member's own hoursPerCycleCenti replaced the rule's. */
  requiredFrom: 'rule' | 'member';
  earnedCenti: number;
  remainingCenti: number;
  /** Whole percent, 0-100, rounded down so 99.9% never shows as done. */
  percent: number;
  counted: Array<{ record: CeRecord; countedCenti: number }>;
  notCounted: NotCounted[];
  notCountedCenti: number;
  caps: CapUsage[];
  /** Least hours from one kind of course (Texas: 16 clinical of 24), from the hours that count. */
  minimums: MinimumReport[];
  mandatory: TopicReport[];
}

/** The member's data is not enough to place their cycle, e.g. a licence-expiry rule without the date. */
export class CycleAnchorError extends Error {
  override name = 'CycleAnchorError';
}

// ---------- calendar dates ----------

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function parseDate(value: string, what: string): Ymd {
  const m = ISO.exec(value);
  const ymd = m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : undefined;
  if (!ymd || ymd.m < 1 || ymd.m > 12 || ymd.d < 1 || ymd.d > daysInMonth(ymd.y, ymd.m)) {
    throw new RangeError(`${what} must be a date like 2026-02-28, not "${value}"`);
  }
  return ymd;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

function fmt({ y, m, d }: Ymd): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The day in month m of year y, pulled back to the month's last day (29 Feb -> 28 Feb). */
function clampDay(y: number, m: number, d: number): IsoDate {
  return fmt({ y, m, d: Math.min(d, daysInMonth(y, m)) });
}

function nextDay(date: IsoDate): IsoDate {
  const { y, m, d } = parseDate(date, 'date');
  if (d < daysInMonth(y, m)) return fmt({ y, m, d: d + 1 });
  return m < 12 ? fmt({ y, m: m + 1, d: 1 }) : fmt({ y: y + 1, m: 1, d: 1 });
}

const mod = (a: number, n: number) => ((a % n) + n) % n;

// ---------- the cycle ----------

/**
 * The cycle end dates an anchor allows: a function from year to that year's end date, and the
 * remainder (year mod cycle length) of the years in which cycles end.
 */
function endsFor(anchor: CycleAnchor, years: number, member: MemberLicence): { endIn: (y: number) => IsoDate; remainder: number } {
  const expiry = member.licenceExpiresOn === undefined ? undefined : parseDate(member.licenceExpiresOn, 'licenceExpiresOn');
  switch (anchor.kind) {
    case 'fixed-date':
      return { endIn: (y) => clampDay(y, anchor.month, anchor.day), remainder: anchor.endYearRemainder };
    case 'birth-month': {
      const month = member.birthMonth ?? expiry?.m;
      if (month === undefined) throw new CycleAnchorError('This license renews in your birth month: enter your birth month below.');
      if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`birthMonth must be 1-12, not ${month}`);
      const remainder = anchor.endYearRemainder ?? (expiry ? mod(expiry.y, years) : years === 1 ? 0 : undefined);
      if (remainder === undefined) throw new CycleAnchorError('This license renews in your birth month every few years: enter the expiry date on your license below so we know which years.');
      return { endIn: (y) => clampDay(y, month, 31), remainder };
    }
    case 'licence-expiry': {
      if (!expiry) throw new CycleAnchorError('This license renews on its expiry date: enter the expiry date printed on your license below.');
      return { endIn: (y) => clampDay(y, expiry.m, expiry.d), remainder: mod(expiry.y, years) };
    }
  }
}

/**
 * The cycle containing `today`: it ends on (and includes) the first end date on or after today and
 * starts the day after the previous end date.
 * @throws CycleAnchorError when the member has not given what the rule's anchor needs.
 */
export function currentCycle(rules: LicenceRules, member: MemberLicence, today: IsoDate): { start: IsoDate; end: IsoDate; years: number } {
  const t = parseDate(today, 'today');
  const years = rules.cycle.years;
  const { endIn, remainder } = endsFor(rules.cycle.anchor, years, member);
  let y = t.y + mod(remainder - t.y, years);
  // ISO strings compare correctly as text.
  if (endIn(y) < today) y += years;
  return { start: nextDay(endIn(y - years)), end: endIn(y), years };
}

// ---------- counting ----------

function checkCenti(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a whole number of hundredths of an hour (>= 0), not ${value}`);
}

const toCenti = (hours: number) => Math.round(hours * 100);

function inCategory(record: CeRecord, cap: LicenceRules['categoryCaps'][number]): boolean {
  return cap.agdCodes.includes(record.agdCode) || cap.topics.some((t) => record.topics?.includes(t));
}

/** A record counts toward a minimum when its AGD code is known and not excluded, and no topic is. */
function countsToward(record: CeRecord, m: LicenceRules['categoryMinimums'][number]): boolean {
  return /^\d{3}$/.test(record.agdCode) && !m.excludeAgdCodes.includes(record.agdCode) && !m.excludeTopics.some((t) => record.topics?.includes(t));
}

/**
 * Everything a member's CE tracker shows for one license: the current cycle, the hours that count
 * and those that do not (with the reason), cap usage, mandatory topics, hours remaining and percent.
 * @throws CycleAnchorError when the member's license data cannot place the cycle; RangeError on bad dates or hours.
 */
export function cycleReport({ rules, member, today, records }: CycleInput): CycleReport {
  const cycle = currentCycle(rules, member, today);
  records.forEach((r, i) => {
    parseDate(r.date, `records[${i}].date`);
    checkCenti(r.hoursCenti, `records[${i}].hoursCenti`);
  });
  if (member.hoursPerCycleCenti !== undefined) checkCenti(member.hoursPerCycleCenti, 'hoursPerCycleCenti');

  const requiredFrom = member.hoursPerCycleCenti === undefined ? 'rule' : 'member';
  const requiredCenti = member.hoursPerCycleCenti ?? toCenti(rules.hoursPerCycle.hours);

  const selfStudyLimit =
    rules.selfStudy === undefined
      ? undefined
      : Math.min(
          rules.selfStudy.maxHours === undefined ? Infinity : toCenti(rules.selfStudy.maxHours),
          // A share of the hours required, rounded down so the cap is never exceeded.
          rules.selfStudy.maxPercent === undefined ? Infinity : Math.floor((requiredCenti * rules.selfStudy.maxPercent) / 100),
        );
  const dailyLimit = rules.maxHoursPerDay === undefined ? undefined : toCenti(rules.maxHoursPerDay.hours);

  const categoryUsed = new Map<string, number>(rules.categoryCaps.map((c) => [c.id, 0]));
  let selfStudyUsed = 0;
  const dayUsed = new Map<IsoDate, number>();

  const counted: CycleReport['counted'] = [];
  const notCounted: NotCounted[] = [];

  const order = records.map((record, index) => ({ record, index })).sort((a, b) => (a.record.date < b.record.date ? -1 : a.record.date > b.record.date ? 1 : a.index - b.index));

  for (const { record } of order) {
    if (record.date < cycle.start || record.date > cycle.end) {
      notCounted.push({ record, hoursCenti: record.hoursCenti, reason: 'outside-cycle' });
      continue;
    }
    let amount = record.hoursCenti;
    const limit = (allowed: number, reason: NotCountedReason, capId?: string) => {
      const keep = Math.max(0, Math.min(amount, allowed));
      if (keep < amount) notCounted.push({ record, hoursCenti: amount - keep, reason, ...(capId === undefined ? {} : { capId }) });
      amount = keep;
    };
    const categories = rules.categoryCaps.filter((c) => inCategory(record, c));
    for (const cap of categories) {
      if (record.selfStudy && !cap.selfStudyAccepted) limit(0, 'category-excludes-self-study', cap.id);
      else if (cap.inPersonOnly && !inPerson(record)) limit(0, 'category-in-person-only', cap.id);
      else limit(toCenti(cap.maxHours) - categoryUsed.get(cap.id)!, 'category-cap', cap.id);
    }
    if (record.selfStudy && selfStudyLimit !== undefined) limit(selfStudyLimit - selfStudyUsed, 'self-study-cap');
    if (dailyLimit !== undefined) limit(dailyLimit - (dayUsed.get(record.date) ?? 0), 'daily-cap');

    for (const cap of categories) categoryUsed.set(cap.id, categoryUsed.get(cap.id)! + amount);
    if (record.selfStudy) selfStudyUsed += amount;
    dayUsed.set(record.date, (dayUsed.get(record.date) ?? 0) + amount);
    if (amount > 0 || record.hoursCenti === 0) counted.push({ record, countedCenti: amount });
  }

  const earnedCenti = counted.reduce((s, c) => s + c.countedCenti, 0);
  const caps: CapUsage[] = [
    ...rules.categoryCaps.map((c) => ({ kind: 'category' as const, id: c.id, label: c.label, limitCenti: toCenti(c.maxHours), usedCenti: categoryUsed.get(c.id)! })),
    ...(selfStudyLimit === undefined ? [] : [{ kind: 'self-study' as const, id: 'self-study', label: 'Self-study', limitCenti: selfStudyLimit, usedCenti: selfStudyUsed }]),
    ...(dailyLimit === undefined ? [] : [{ kind: 'daily' as const, id: 'daily', label: 'Per day', limitCenti: dailyLimit, usedCenti: Math.max(0, ...dayUsed.values()) }]),
  ];

  return {
    cycle,
    requiredCenti,
    requiredFrom,
    earnedCenti,
    remainingCenti: Math.max(0, requiredCenti - earnedCenti),
    percent: requiredCenti === 0 ? 100 : Math.min(100, Math.floor((earnedCenti * 100) / requiredCenti)),
    counted,
    notCounted,
    notCountedCenti: notCounted.reduce((s, n) => s + n.hoursCenti, 0),
    caps,
    minimums: rules.categoryMinimums.map((m) => {
      const earned = counted.filter((c) => countsToward(c.record, m)).reduce((sum, c) => sum + c.countedCenti, 0);
      return { id: m.id, label: m.label, requiredCenti: toCenti(m.minHours), earnedCenti: earned, met: earned >= toCenti(m.minHours), source: m.source };
    }),
    mandatory: rules.mandatoryTopics.map((t) => topicReport(t, records, cycle)),
  };
}

function addYears(date: IsoDate, n: number): IsoDate {
  const { y, m, d } = parseDate(date, 'date');
  return clampDay(y + n, m, d);
}

const hoursText = (centi: number) => `${formatHours(centi)} h`;

function topicReport(t: MandatoryTopic, records: readonly CeRecord[], cycle: { start: IsoDate; end: IsoDate }): TopicReport {
  const r = t.recurrence;
  const [from, window] =
    r === 'every-cycle' || r === 'unspecified'
      ? [cycle.start, 'in this cycle']
      : r === 'once'
        ? ['0000-01-01', 'at any time']
        : // Strictly after the date N years before the cycle end: "every 4 years" allows 4 years, not 4 years and a day.
          [nextDay(addYears(cycle.end, -r.everyYears)), `in the ${r.everyYears} years up to ${cycle.end}`];

  const tagged = records.filter((rec) => rec.topics?.includes(t.topic) && rec.date >= from && rec.date <= cycle.end);
  const refusedFormat = tagged.filter((rec) => (rec.selfStudy && !t.selfStudyAccepted) || (t.inPersonOnly && !inPerson(rec)));
  const refusedProvider = tagged.filter((rec) => t.boardApprovedProviderOnly && !rec.approvals?.includes('state-board') && !refusedFormat.includes(rec));
  const accepted = tagged.filter((rec) => !refusedFormat.includes(rec) && !refusedProvider.includes(rec));

  const earnedCenti = accepted.reduce((s, rec) => s + rec.hoursCenti, 0);
  const requiredCenti = t.hours === undefined ? null : toCenti(t.hours);
  const met = requiredCenti === null ? accepted.length > 0 : earnedCenti >= requiredCenti;

  const why: string[] = [];
  if (refusedFormat.length) why.push(t.inPersonOnly ? 'only an in-person course counts for this topic, not self-study or a webinar' : 'self-study records do not count for this topic; it must be taken live');
  if (refusedProvider.length) why.push('only a course from a provider registered with the state board for this topic counts, and the records you have are not marked as one');

  let status: TopicStatus;
  let detail: string;
  if (met) {
    status = 'met';
    detail = requiredCenti === null ? `Completed ${window}.` : `${hoursText(earnedCenti)} of ${hoursText(requiredCenti)} ${window}.`;
  } else if (r === 'unspecified') {
    // The source names the course but not how often it is due: an older record may still satisfy the board.
    status = 'unknown';
    detail = `Not recorded in this cycle; the rules we have do not say how often it is due, so check with your board.`;
  } else {
    status = 'missing';
    detail = requiredCenti === null ? `Not recorded ${window}.` : `${hoursText(earnedCenti)} of ${hoursText(requiredCenti)} ${window}.`;
  }
  // Once met, refused records no longer matter to the member.
  if (why.length && status !== 'met') detail += ` Note: ${why.join('; ')}.`;
  return { topic: t.topic, label: t.label, requiredCenti, earnedCenti, status, detail, source: t.source };
}

// ---------- transcript totals ----------

/** Hours per AGD subject code, codes in ascending order. */
export function totalsByAgdCode(records: ReadonlyArray<{ agdCode: string; hoursCenti: number }>): Array<{ agdCode: string; hoursCenti: number }> {
  const totals = new Map<string, number>();
  for (const r of records) {
    checkCenti(r.hoursCenti, 'hoursCenti');
    totals.set(r.agdCode, (totals.get(r.agdCode) ?? 0) + r.hoursCenti);
  }
  return [...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([agdCode, hoursCenti]) => ({ agdCode, hoursCenti }));
}

/** Hours per calendar year of the completion date, years in ascending order. */
export function totalsByYear(records: ReadonlyArray<{ date: IsoDate; hoursCenti: number }>): Array<{ year: number; hoursCenti: number }> {
  const totals = new Map<number, number>();
  for (const r of records) {
    checkCenti(r.hoursCenti, 'hoursCenti');
    const year = parseDate(r.date, 'date').y;
    totals.set(year, (totals.get(year) ?? 0) + r.hoursCenti);
  }
  return [...totals].sort(([a], [b]) => a - b).map(([year, hoursCenti]) => ({ year, hoursCenti }));
}
