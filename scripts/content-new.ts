/**
 * `npm run content:new -- course <course-id>` and `npm run content:new -- lesson <course-id> <slug>`
 * write a valid starting file that an author then fills in. Existing files are never overwritten.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { settings } from '../src/lib/server/settings';

const root = resolve(settings.CONTENT_DIR);
const [kind, courseId, slug] = process.argv.slice(2);
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function fail(message: string): never {
  console.error(message);
  console.error('Usage: npm run content:new -- course <course-id>\n       npm run content:new -- lesson <course-id> <lesson-slug>');
  process.exit(1);
}

function write(path: string, text: string): void {
  if (existsSync(path)) fail(`${path} already exists; nothing was written.`);
  writeFileSync(path, text);
  console.log(`Wrote ${path}`);
}

if (kind === 'course') {
  if (!courseId || !ID.test(courseId)) fail('Give a course id in lower-case words joined by dashes, like "infection-control".');
  const dir = join(root, 'courses', courseId);
  if (existsSync(dir)) fail(`${dir} already exists.`);
  const instructors = existsSync(join(root, 'instructors')) ? readdirSync(join(root, 'instructors')).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)) : [];
  const today = new Date();
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  mkdirSync(join(dir, 'lessons'), { recursive: true });
  write(
    join(dir, 'course.yaml'),
    `# See docs/formats.md for every field. The course stays a draft until published is true.
title: ${courseId.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase())}
summary: One or two sentences for the catalog card.
description: >-
  A paragraph for the course overview page.
# Set ceHours from the estimate npm run content:check prints once the content is written: a
# published course may claim at most 15 % more than its content takes (or than pilot data shows).
ceHours: 0.25
format: self-instruction-online
agd:
  - code: '550'
    hours: 0.25
instructors: [${instructors[0] ?? 'your-instructor-id'}]
objectives:
  - id: first-objective
    text: What the learner will be able to do.
  - id: second-objective
    text: A second thing the learner will be able to do.
  - id: third-objective
    text: A third thing the learner will be able to do.
disclosure: No commercial support was received for this activity. The instructor has no conflicts of interest to disclose.
access: open
published: false
releaseDate: ${iso(today)}
reviewDate: ${iso(new Date(Date.UTC(today.getUTCFullYear() + 3, today.getUTCMonth(), today.getUTCDate())))}
prerequisites: None
references: []
hoursBasis: content-estimate
# For CE credit: who wrote and who reviewed the course (names and credentials) and the last review.
authors:
  - { name: '[OPERATOR: author name]', credentials: '[OPERATOR: credentials]' }
reviewers:
  - { name: '[OPERATOR: reviewer name]', credentials: '[OPERATOR: credentials]' }
reviewedOn: '[OPERATOR: YYYY-MM-DD]'
`,
  );
  write(
    join(dir, 'lessons', '01-introduction.mdx'),
    lessonText('Introduction', 1, ['first-objective', 'second-objective', 'third-objective']),
  );
  console.log(`Next: edit ${join(dir, 'course.yaml')}, then run npm run content:check.`);
} else if (kind === 'lesson') {
  if (!courseId || !slug || !ID.test(slug)) fail('Give the course id and a lesson slug in lower-case words joined by dashes.');
  const dir = join(root, 'courses', courseId, 'lessons');
  const coursePath = join(root, 'courses', courseId, 'course.yaml');
  if (!existsSync(coursePath)) fail(`There is no course "${courseId}" (no ${coursePath}).`);
  const course = parse(readFileSync(coursePath, 'utf8')) as { objectives?: Array<{ id: string }> };
  mkdirSync(dir, { recursive: true });
  const orders = readdirSync(dir).map((f) => Number.parseInt(f, 10)).filter(Number.isFinite);
  const order = (orders.length ? Math.max(...orders) : 0) + 1;
  const file = `${String(order).padStart(2, '0')}-${slug}.mdx`;
  if (readdirSync(dir).some((f) => f.replace(/^\d+-/, '') === `${slug}.mdx`)) fail(`The course already has a lesson "${slug}".`);
  write(join(dir, file), lessonText(slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()), order, [course.objectives?.[0]?.id ?? 'first-objective']));
  console.log('Next: write the lesson, then run npm run content:check and open it with npm run dev.');
} else {
  fail(`Unknown kind "${kind ?? ''}".`);
}

function lessonText(title: string, order: number, objectives: string[]): string {
  return `---
title: ${title}
order: ${order}
objectives: [${objectives.join(', ')}]
---

Start with why this matters to the learner's day at work.

## A first section

Write in short paragraphs. Components you can use are listed in docs/formats.md.

<Callout type="tip" title="Try it">
One practical thing the learner can do tomorrow.
</Callout>

<KeyTerm term="Key term" definition="A one-sentence definition in plain words." />

<Checkpoint question="A question that checks the main idea?" options={["A wrong answer", "The right answer", "Another wrong answer"]} answer={1} explanation="Why the right answer is right." />
`;
}
