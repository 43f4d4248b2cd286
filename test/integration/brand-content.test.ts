/**
 * Issue 18, item 11: the branding check over a content tree made here (pictures present or not, a
 * colour that reads or not), and emails signed off by the provider's signatory in its colour.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { checkBranding } from '~/lib/content/checks/branding';
import type { ContentTree } from '~/lib/content/reader';
import { senderOf } from '~/lib/content/provider';
import { certificateBrandOf } from '~/lib/content/brand';
import { signUp } from '~/lib/server/accounts';
import { providerSchema, type Provider } from '~/lib/shared/schemas/provider';
import type { CourseData } from '~/lib/shared/schemas/course';
import { mailOutbox } from '../../db/schema';
import { freshDb, type TestDb } from '../fixtures/db';
import { filledProvider } from '../fixtures/provider';

let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'brand-'));
  mkdirSync(join(root, 'content', 'brand'), { recursive: true });
  mkdirSync(join(root, 'content', 'courses', 'with-cover'), { recursive: true });
  mkdirSync(join(root, 'public', 'images'), { recursive: true });
  writeFileSync(join(root, 'content', 'brand', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>');
  writeFileSync(join(root, 'content', 'courses', 'with-cover', 'cover.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"/>');
  writeFileSync(join(root, 'public', 'images', 'cover.png'), 'not checked for content, only presence');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(provider: Partial<Provider>, covers: Record<string, string>): ContentTree {
  return {
    root: join(root, 'content'),
    publicDir: join(root, 'public'),
    provider: { id: 'provider', file: 'content/provider.yaml', path: '', data: providerSchema.parse({ ...filledProvider, ...provider }) },
    courses: Object.entries(covers).map(([id, image]) => ({ id, file: `content/courses/${id}/course.yaml`, path: '', data: { cover: { image, alt: 'A picture.' } } as CourseData })),
    instructors: [],
    evaluations: [],
    lessons: [],
    quizzes: [],
    simulations: [],
    licensure: [],
  };
}

describe('content:check on branding', () => {
  it('passes pictures that exist, in content/ or in public/, and a colour that reads', () => {
    expect(checkBranding(tree({ logo: { image: 'brand/logo.svg', alt: 'Logo' }, primaryColor: '#0e6b5c' }, { 'with-cover': 'cover.svg', other: '/images/cover.png' }))).toEqual([]);
  });

  it('reports each missing picture with the file and field that names it', () => {
    const errors = checkBranding(
      tree(
        { logo: { image: 'brand/logo.png', alt: 'Logo' }, signatory: { name: 'Ana Ruiz', title: 'CE Director', signature: { image: 'brand/sig.png', alt: 'Signature of Ana Ruiz' } } },
        { 'with-cover': 'cover.png', other: '/images/missing.png' },
      ),
    );
    expect(errors).toEqual([
      'content/provider.yaml: logo.image: no picture at content/brand/logo.png',
      'content/provider.yaml: signatory.signature.image: no picture at content/brand/sig.png',
      'content/courses/with-cover/course.yaml: cover.image: no picture at content/courses/with-cover/cover.png',
      'content/courses/other/course.yaml: cover.image: no picture at public/images/missing.png',
    ]);
  });

  it('refuses a primary colour under 4.5:1, with the ratios it has', () => {
    // #777777: 4.48:1 on white, 4.13:1 on the #f4f6f8 surface (worked out in test/unit/contrast.test.ts).
    expect(checkBranding(tree({ primaryColor: '#777777' }, {}))).toEqual([
      'content/provider.yaml: primaryColor: #777777 is too light for text and buttons: it needs 4.5:1 against each background, and has white (#ffffff) 4.47:1, surface (#f4f6f8) 4.13:1. Choose a darker shade.',
    ]);
    expect(checkBranding(tree({ primaryColor: '#000' }, {}))).toEqual([]);
  });
});

describe('the certificate PDF cache key', () => {
  it('changes with the colour or the signatory, and only then', () => {
    const key = (over: Partial<Provider>) => certificateBrandOf(providerSchema.parse({ ...filledProvider, ...over })).key;
    const base = key({ primaryColor: '#0e6b5c', signatory: { name: 'Ana Ruiz', title: 'CE Director' } });
    expect(key({ primaryColor: '#0e6b5c', signatory: { name: 'Ana Ruiz', title: 'CE Director' } })).toBe(base);
    expect(key({ primaryColor: '#0b5f8a', signatory: { name: 'Ana Ruiz', title: 'CE Director' } })).not.toBe(base);
    expect(key({ primaryColor: '#0e6b5c', signatory: { name: 'Ana Ruiz', title: 'Dean' } })).not.toBe(base);
    expect(key({})).not.toBe(base);
  });
});

describe('emails in the provider’s name', () => {
  let t: TestDb;
  beforeAll(() => {
    t = freshDb();
  });
  afterAll(() => t.close());
  const profile = { fullName: 'Rosa Diaz', profession: 'hygienist' as const, licenceState: 'TX', licenceNumber: null, agdId: null };

  it('are signed off by the signatory, with the colour in the HTML part and plain words in the text part', async () => {
    const sender = senderOf(providerSchema.parse({ ...filledProvider, primaryColor: '#0E6B5C', signatory: { name: 'Ana Ruiz, DDS', title: 'Director of Continuing Education' } }));
    const up = await signUp(t.db, 'ip-brand', { ...profile, email: 'rosa@brand.test', password: 'a long good phrase' }, 'http://ce.example.test', sender);
    expect(up.ok).toBe(true);
    const mail = t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'rosa@brand.test')).get()!;
    expect(mail.text).toContain('Kind regards,\nAna Ruiz, DDS\nDirector of Continuing Education, Ñandú Dental Education Cooperative\n\n--');
    expect(mail.text).not.toMatch(/<[a-z]/i);
    expect(mail.html).toContain('<strong>Ana Ruiz, DDS</strong><br>Director of Continuing Education, Ñandú Dental Education Cooperative');
    expect(mail.html).toContain('background:#0e6b5c;color:#ffffff');
    expect(mail.html).not.toContain('#0b5394');
  });

  it('carry no sign-off while the signatory still holds a placeholder', () => {
    const signatory = { name: '[OPERATOR: signatory name]', title: '[OPERATOR: signatory title]' };
    expect(senderOf(providerSchema.parse({ ...filledProvider, signatory })).signatory).toBeUndefined();
    expect(senderOf(providerSchema.parse({ ...filledProvider, signatory: { ...signatory, name: 'Ana Ruiz, DDS' } })).signatory).toBeUndefined();
    expect(senderOf(providerSchema.parse({ ...filledProvider, signatory: { name: 'Ana Ruiz, DDS', title: 'Director' } })).signatory).toEqual({ name: 'Ana Ruiz, DDS', title: 'Director' });
  });

  it('without a signatory or colour, keep the neutral look and no sign-off', async () => {
    const up = await signUp(t.db, 'ip-brand', { ...profile, email: 'sam@brand.test', password: 'a long good phrase' }, 'http://ce.example.test', senderOf(filledProvider));
    expect(up.ok).toBe(true);
    const mail = t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'sam@brand.test')).get()!;
    expect(mail.text).not.toContain('Kind regards');
    expect(mail.html).toContain('background:#0b5394;color:#ffffff');
  });
});
