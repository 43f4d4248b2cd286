/**
 * Issue 18, item 3 (WCAG 2.2 reflow): at 320 CSS pixels no page scrolls sideways. The test walks the
 * site map as each kind of visitor sees it: it follows every same-site link from the pages a visitor
 * starts on (signed out, learner, instructor, admin), so a page added later is walked too.
 */
import type { Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { e2eDb, expect, finishCourse, makeUser, signInAs, test, type TestUser } from '../fixtures/browser';

const SAMPLE = { lessons: ['welcome', 'tooth-numbers', 'earning-credit'] };
/** Not pages: downloads, sign-out, and files a browser does not lay out. */
const SKIP = /\.(csv|pdf|svg|png|jpe?g|json|ics)$|^\/logout|^\/me\/ce\/files\/|^\/api\/|^\/healthz|^\/_/;

/** The instructor account content/instructors/course-team.yaml names, so it has reports to read. */
async function courseTeam(): Promise<TestUser> {
  const email = 'courses@demo.test';
  const row = e2eDb().select().from(users).where(eq(users.email, email)).get();
  return row ? { id: row.id, email, password: '', fullName: row.fullName } : makeUser({ role: 'instructor', email, fullName: 'Course Team' });
}

/** How far the page overflows the viewport sideways, and the innermost elements that stick out. */
async function overflow(page: Page): Promise<{ width: number; culprits: string[] }> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const clipped = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(a).overflowX)) return true;
      return false;
    };
    const out = Array.from(document.body.querySelectorAll('*')).filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > vw + 1 && !clipped(el));
    const innermost = out.filter((el) => !out.some((o) => o !== el && el.contains(o)));
    const culprits = innermost.slice(0, 4).map((el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${(el.textContent ?? '').trim().slice(0, 30)}" right=${Math.round(el.getBoundingClientRect().right)}`);
    return { width: document.documentElement.scrollWidth - vw, culprits };
  });
}

/** Visits every page reachable by links from `start`, checking each at 320 px; returns the paths seen. */
async function walk(page: Page, start: string[], seen: Set<string>, problems: string[]): Promise<number> {
  const queue = [...start];
  let visited = 0;
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    // Chromium refuses to show an error status with an empty body: ask again without the browser.
    const response = await page.goto(path).catch(() => null);
    if (!response) {
      const status = (await page.request.get(path)).status();
      if (status >= 500) problems.push(`${path} answered ${status}`);
      continue;
    }
    if (!(response.headers()['content-type'] ?? '').includes('text/html')) continue;
    visited++;
    const { width, culprits } = await overflow(page);
    if (width > 0) problems.push(`${path} scrolls ${width}px sideways (${culprits.join(', ')})`);
    const links = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of links) {
      const url = new URL(href);
      if (url.origin !== new URL(page.url()).origin) continue;
      // Query strings (sign-in "next", filters, pages of a list) give the same layout: paths only.
      const next = url.pathname;
      if (!SKIP.test(url.pathname) && !seen.has(next)) queue.push(next);
    }
  }
  return visited;
}

test('no page of the site map scrolls sideways at 320 px, for any kind of visitor', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 320, height: 720 });
  const problems: string[] = [];

  // Signed out: the public pages and the account forms.
  const visitors = new Set<string>();
  const publicCount = await walk(page, ['/', '/login', '/signup', '/forgot-password', '/verify', '/no-such-page'], visitors, problems);

  // A member part way through a course (a post-test attempt open) and with certificates, so every
  // lesson of the members-only course is walked too.
  const learner = await makeUser({ member: true, fullName: 'Reflow Learner With A Rather Long Name' });
  finishCourse(learner.id, 'customer-service', { lessons: ['customer-no-service', 'first-contact', 'every-role-every-time', 'when-it-goes-wrong', 'money-conversations', 'making-it-a-habit'], scenarios: ['upset-caller'] });
  await page.context().clearCookies();
  await signInAs(page, learner);
  finishCourse(learner.id, 'sample-course', { ...SAMPLE });
  // Course pages and lessons look the same to every signed-in role: the learner walks them once.
  const signedIn = new Set<string>();
  const learnerCount = await walk(page, ['/', '/me/ce', '/me/profile', '/courses/medical-cross-coding/test'], signedIn, problems);

  for (const role of ['instructor', 'admin'] as const) {
    await page.context().clearCookies();
    await signInAs(page, role === 'instructor' ? await courseTeam() : await makeUser({ role }));
    const count = await walk(page, role === 'admin' ? ['/admin/users', '/admin/audit', '/admin/certificates', '/admin/mail', '/admin/setup', '/instructor'] : ['/instructor'], signedIn, problems);
    // Each role has pages of its own: the walk must have reached some, or it proves nothing.
    expect(count, `${role} pages walked`).toBeGreaterThanOrEqual(role === 'admin' ? 5 : 3);
  }
  expect(publicCount, 'public pages walked').toBeGreaterThan(8);
  // Every lesson of the published courses, their cases, glossaries and the learner's own pages.
  expect(learnerCount, 'learner pages walked').toBeGreaterThan(25);
  expect(problems).toEqual([]);
});
