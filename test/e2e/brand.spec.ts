/**
 * Issue 18, item 11: the provider's own look. The header shows the logo (with its alt text) and the
 * name, the primary colour from content/provider.yaml reaches links and buttons through one set of
 * custom properties on <html> (allowed by the page's CSP), and course cards show their covers with
 * alt text, a size reserved and lazy loading. Axe-clean at 1280 and 320 px.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { expectNoAxeViolations } from './axe';
import { expect, openCustomerServiceCertificate, test } from '../fixtures/browser';

const content = join(process.cwd(), 'content');
const provider = parse(readFileSync(join(content, 'provider.yaml'), 'utf8')) as {
  logo: { alt: string };
  primaryColor: string;
  signatory: { name: string; title: string; signature: { alt: string } };
};
const course = (id: string) => parse(readFileSync(join(content, 'courses', id, 'course.yaml'), 'utf8')) as { cover: { alt: string } };
/** `#0e6b5c` as the browser reports it: `rgb(14, 107, 92)`. */
const asRgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

for (const width of [1280, 320]) {
  test(`header logo, primary colour and course covers at ${width} px`, async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/');

    const logo = page.getByTestId('brand-logo');
    await expect(logo).toBeVisible();
    await expect(logo).toHaveAttribute('alt', provider.logo.alt);
    expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expect(page.getByTestId('brand')).toHaveAttribute('href', '/');

    // The colour is applied: a link in the header and the header's top rule draw in it.
    const color = asRgb(provider.primaryColor);
    expect(await page.locator('header.site-header').evaluate((h) => getComputedStyle(h).borderTopColor)).toBe(color);
    if (width === 1280) expect(await page.locator('.site-nav a').first().evaluate((a) => getComputedStyle(a).color)).toBe(color);
    else expect(await page.locator('.menu-phone summary').evaluate((s) => getComputedStyle(s).color)).toBe(color);

    for (const id of ['customer-service', 'medical-cross-coding', 'sample-course']) {
      const cover = page.getByTestId(`course-card-${id}`).locator('img.card-cover');
      await cover.scrollIntoViewIfNeeded();
      await expect(cover).toHaveAttribute('alt', course(id).cover.alt);
      await expect(cover).toHaveAttribute('loading', 'lazy');
      // Both given, so the card keeps the picture's space before it loads (our covers are 640 × 320).
      await expect(cover).toHaveAttribute('width', '640');
      await expect(cover).toHaveAttribute('height', '320');
      await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(640);
    }
    // No sideways scrolling with the logo in the header.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    expect(violations).toEqual([]);
    await expectNoAxeViolations(page);
  });
}

test('content pictures are served from /media/, and nothing else of content/ is', async ({ request }) => {
  const logo = await request.get('/media/brand/logo.png');
  expect(logo.status()).toBe(200);
  expect(logo.headers()['content-type']).toBe('image/png');
  const cover = await request.get('/media/courses/customer-service/cover.svg');
  expect(cover.status()).toBe(200);
  expect(cover.headers()['content-type']).toContain('image/svg+xml');
  expect((await request.get('/media/provider.yaml')).status()).toBe(404);
  expect((await request.get('/media/courses/customer-service/course.yaml')).status()).toBe(404);
});

const tool = (name: string, args: string[]) => spawnSync(name, args, { encoding: 'utf8' }).stdout;

test("a certificate is signed: the holder's page and PDF show the signatory, signature and logo; the public page shows no signature", async ({ page }) => {
  await openCustomerServiceCertificate(page, 'Rosa Brandt');

  const signed = page.getByTestId('cert-signatory');
  await expect(signed).toContainText(`${provider.signatory.name}, ${provider.signatory.title}`);
  await expect(signed.getByRole('img')).toHaveAttribute('alt', provider.signatory.signature.alt);
  await expect(page.locator('article.certificate img.cert-logo')).toHaveAttribute('alt', provider.logo.alt);
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectNoAxeViolations(page);

  const pdf = await page.request.get((await page.getByTestId('download-pdf').getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  const file = join(mkdtempSync(join(tmpdir(), 'brand-pdf-')), 'certificate.pdf');
  writeFileSync(file, await pdf.body());
  const text = tool('pdftotext', [file, '-']).replace(/\s+/g, ' ');
  expect(text).toContain(provider.signatory.name);
  expect(text).toContain(provider.signatory.title);
  expect(tool('pdfinfo', [file])).toMatch(/^Pages:\s+1$/m);
  // The QR code, the logo (our PNG is 96 × 96) and the signature (360 × 110); their alpha
  // channels are listed as separate "smask" rows.
  const rows = tool('pdfimages', ['-list', file]).split('\n').slice(2).filter(Boolean).map((row) => row.trim().split(/\s+/));
  const images = rows.filter((r) => r[2] === 'image').map((r) => `${r[3]}x${r[4]}`);
  expect(images).toHaveLength(3);
  expect(images).toEqual(expect.arrayContaining(['96x96', '360x110']));

  await page.goto((await page.locator('article.certificate .meta a').getAttribute('href'))!);
  await expect(page.getByTestId('verify-name')).toHaveText('Rosa Brandt');
  await expect(page.locator('img.cert-signature')).toHaveCount(0);
});
