/** `npm run content:check` on a fixture course whose hours are inflated, and on one with pilot data. */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CONTENT = resolve('content');
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

/** A content tree with one course: one lesson of `lessonWords` words, the standard evaluation, no post-test. */
function fixture(courseExtra: string, lessonWords: number): string {
  const root = mkdtempSync(join(tmpdir(), 'hours-'));
  cpSync(join(CONTENT, 'instructors'), join(root, 'instructors'), { recursive: true });
  cpSync(join(CONTENT, 'evaluations'), join(root, 'evaluations'), { recursive: true });
  mkdirSync(join(root, 'courses', 'timed', 'lessons'), { recursive: true });
  writeFileSync(
    join(root, 'courses', 'timed', 'course.yaml'),
    `title: Timed course
summary: A fixture.
description: A fixture course for the hours check.
ceHours: 0.25
format: self-instruction-online
agd:
  - code: '550'
    hours: 0.25
instructors: [sample-instructor]
objectives:
  - { id: one, text: First objective. }
  - { id: two, text: Second objective. }
  - { id: three, text: Third objective. }
disclosure: None.
access: open
published: true
releaseDate: 2026-01-05
reviewDate: 2027-01-05
evaluation: standard
publicity: { cost: free, level: introductory, hardware: A computer., software: A browser., creditExpires: 2027-01-01 }
${courseExtra}`,
  );
  writeFileSync(join(root, 'courses', 'timed', 'lessons', '01-only.mdx'), `---\ntitle: Only lesson\norder: 1\nobjectives: [one, two, three]\n---\n\n${words(lessonWords)}\n`);
  return root;
}

function check(root: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/content-check.ts'], { env: { ...process.env, CONTENT_DIR: root }, encoding: 'utf8', timeout: 60_000 });
  rmSync(root, { recursive: true, force: true });
  return { status: r.status, output: r.stdout + r.stderr };
}

describe('content:check and CE hours', () => {
  it('fails inflated hours, naming the course, the claimed and estimated minutes and each part', () => {
    // 2,000 words at 200 a minute = 10 min, + the 3-min evaluation = 13 min; 13 × 1.15 = 14.95 < 15 claimed.
    const { status, output } = check(fixture('hoursBasis: content-estimate', 2000));
    expect(status).toBe(1);
    expect(output).toContain('courses/timed/course.yaml: ceHours: course "timed" claims 0.25 h (15 min) but its content is estimated at 13 min');
    expect(output).toContain('lesson "only" 10 min, evaluation "evaluation" 3 min');
  });

  it('passes when the estimate is within 15 %', () => {
    // 2,200 words = 11 min, + 3 = 14 min; 14 × 1.15 = 16.1 ≥ 15.
    const { status, output } = check(fixture('hoursBasis: content-estimate', 2200));
    expect(output).toContain('content/ is valid');
    expect(status).toBe(0);
  });

  it('passes inflated-looking hours that pilot data supports', () => {
    // The estimate is 13 min as above, but 12 learners took a median of 14 min: 14 × 1.15 = 16.1 ≥ 15.
    const pilot = 'hoursBasis: pilot\npilot: { learners: 12, medianMinutes: 14, measuredFrom: 2026-09-01, measuredTo: 2026-10-31 }';
    const { status, output } = check(fixture(pilot, 2000));
    expect(output).toContain('content/ is valid');
    expect(status).toBe(0);
  });

  it('still fails when the pilot median does not support the hours either', () => {
    // Median 12 min × 1.15 = 13.8 < 15.
    const pilot = 'hoursBasis: pilot\npilot: { learners: 12, medianMinutes: 12, measuredFrom: 2026-09-01, measuredTo: 2026-10-31 }';
    const { status, output } = check(fixture(pilot, 2000));
    expect(status).toBe(1);
    expect(output).toContain("the pilot's median of 12 min does not support it either");
  });

  it('a course that says its hours come from a pilot must record the pilot', () => {
    const { status, output } = check(fixture('hoursBasis: pilot', 2200));
    expect(status).toBe(1);
    expect(output).toMatch(/courses\/timed\/course\.yaml: pilot: hoursBasis is pilot, so record the pilot/);
  });
});
