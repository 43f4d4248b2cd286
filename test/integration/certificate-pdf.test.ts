import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCode, generateCode } from '~/lib/domain/certificate-code';
import QRCode from 'qrcode';
import { PdfFontError, renderCertificatePdf, type CertificatePdfOptions } from '~/lib/server/pdf/certificate';
import { DEBIAN_FONT_PATH, fontPaths } from '~/lib/server/pdf/fonts';
import { renderTranscriptPdf } from '~/lib/server/pdf/transcript';
import { SITE_NAME } from '~/lib/shared/site';
import type { CertificateSnapshot, Transcript, TranscriptRecord } from '~/lib/shared/certificate';
import { certificateSnapshotSchema } from '~/lib/shared/certificate';
import { hasPlaceholders, placeholderFields, providerSchema } from '~/lib/shared/schemas/provider';
import { filledProvider, placeholderProvider } from '../fixtures/provider';

// The fonts the dejavu-fonts-ttf package ships (a dependency), so these tests need no system fonts.
const DEJAVU = join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf') + '/';
let dir = '';

/** Runs a poppler tool; a missing tool fails the test with the package to install. */
function poppler(tool: 'pdftotext' | 'pdffonts' | 'pdfimages', args: string[]): string {
  const run = spawnSync(tool, args, { encoding: 'utf8' });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${tool} is not installed: install poppler-utils (apt-get install poppler-utils) to run the PDF tests`);
  }
  if (run.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

let n = 0;
function save(pdf: Uint8Array): string {
  const file = join(dir, `out-${++n}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** pdftotext's reading of the PDF, whitespace collapsed so wrapped lines read as one. */
const textOf = (file: string) => poppler('pdftotext', ['-enc', 'UTF-8', file, '-']).replace(/\s+/g, ' ');
/** The same in -layout mode, which keeps table rows together (label and hours on one line). */
const layoutTextOf = (file: string) => poppler('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']).replace(/\s+/g, ' ');

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

function wordsOf(file: string): Word[] {
  const html = poppler('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']);
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: m[5]!,
  }));
}

// The PDF is checked with a filled-in provider of its own: the shipped provider.yaml may hold anything.
const provider = filledProvider;

function snapshot(over: Partial<CertificateSnapshot> = {}): CertificateSnapshot {
  const code = generateCode();
  return certificateSnapshotSchema.parse({
    participant: { fullName: 'José Ñúñez-Müller', profession: 'hygienist', licenceState: 'CA', licenceNumber: 'RDH 604512', agdId: '778812' },
    course: { id: 'customer-service', title: 'Customer service that keeps patients', ceHours: 2, format: 'self-instruction-online', agd: [{ code: '550', hours: 2 }] },
    provider: {
      name: provider.name,
      adaCerpId: provider.adaCerpId,
      agdPaceId: provider.agdPaceId,
      adaCerpStatement: provider.adaCerpStatement,
      agdPaceStatement: provider.agdPaceStatement,
    },
    instructors: ['Zoë Ångström, RDH', 'Course team'],
    completedOn: '2026-03-14',
    code,
    verifyUrl: `https://ce.example.org/verify/${code}`,
    ...over,
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'certificate-pdf-'));
});

// Not in beforeAll: a failing hook marks the tests skipped, and a missing tool must fail them.
it('has poppler-utils (pdftotext, pdffonts, pdfimages) to read the PDFs back', () => {
  for (const tool of ['pdftotext', 'pdffonts', 'pdfimages'] as const) poppler(tool, ['-v']);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('provider set-up', () => {
  it('the shipped content/provider.yaml parses, whatever it holds', () => {
    expect(() => providerSchema.parse(parse(readFileSync(join(process.cwd(), 'content', 'provider.yaml'), 'utf8')))).not.toThrow();
  });
  it('finds the fields that still hold operator placeholders, and none in a filled-in provider', () => {
    expect(placeholderFields(placeholderProvider).sort()).toEqual(['adaCerpId', 'adaCerpStatement', 'agdPaceId', 'agdPaceStatement', 'contact', 'name']);
    expect(hasPlaceholders({ ...filledProvider, agdPaceId: '[OPERATOR: your AGD PACE provider ID]' })).toBe(true);
    expect(placeholderFields(filledProvider)).toEqual([]);
    expect(hasPlaceholders(filledProvider)).toBe(false);
  });
  it('a signatory still holding placeholders keeps certificates samples; a real one does not', () => {
    const signature = { image: 'brand/signature.png', alt: 'A signature' };
    const unnamed = providerSchema.parse({ ...filledProvider, signatory: { name: '[OPERATOR: signatory name]', title: 'Director', signature } });
    expect(placeholderFields(unnamed)).toEqual(['signatory.name']);
    expect(hasPlaceholders(unnamed)).toBe(true);
    expect(hasPlaceholders(providerSchema.parse({ ...filledProvider, signatory: { name: 'Ana Ruiz, DDS', title: 'Director', signature } }))).toBe(false);
  });
  it('the shipped provider.yaml names no made-up signatory: its name and title are placeholders until the operator fills them', () => {
    const shipped = providerSchema.parse(parse(readFileSync(join(process.cwd(), 'content', 'provider.yaml'), 'utf8')));
    if (shipped.signatory) expect(placeholderFields(shipped)).toEqual(expect.arrayContaining(['signatory.name', 'signatory.title']));
    expect(hasPlaceholders(shipped)).toBe(true);
  });
});

describe('certificate PDF', () => {
  it('prints every field as real text that pdftotext reads back', async () => {
    const s = snapshot();
    const file = save(await renderCertificatePdf(s));
    const text = textOf(file);
    for (const expected of [
      'Certificate of Completion',
      'José Ñúñez-Müller',
      'Dental hygienist',
      'License CA RDH 604512',
      'AGD ID 778812',
      'Customer service that keeps patients',
      provider.name,
      provider.adaCerpId!,
      provider.agdPaceId!,
      'Zoë Ångström, RDH, Course team',
      'March 14, 2026',
      'CE hours 2.0',
      'Self-instruction, online',
      '550: 2.0 h',
      formatCode(s.code),
      s.verifyUrl,
      provider.adaCerpStatement,
      provider.agdPaceStatement,
    ]) {
      expect(text, `missing "${expected}"`).toContain(expected);
    }
  });

  it('is one landscape US-letter page with the fonts embedded and a QR image', async () => {
    const file = save(await renderCertificatePdf(snapshot()));
    const doc = await PDFDocument.load(readFileSync(file));
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 792, height: 612 });
    expect(doc.getTitle()).toBe('Certificate of Completion: Customer service that keeps patients');

    // pdf-lib names fonts "<PostScript name>-<number>" and does not tag subsets, so pdffonts says sub "no".
    const fonts = poppler('pdffonts', [file]);
    expect(fonts).toMatch(/^DejaVuSans-\d+\s/m);
    expect(fonts).toMatch(/^DejaVuSans-Bold-\d+\s/m);
    // Every font embedded, with a Unicode map ("emb" and "uni" yes), and no standard font.
    const rows = fonts.split('\n').slice(2).filter(Boolean);
    expect(rows).toHaveLength(2);
    for (const line of rows) expect(line).toMatch(/Identity-H\s+yes\s+(yes|no)\s+yes/);
    expect(fonts).not.toMatch(/Helvetica|Times/);
    // Subset, not whole: DejaVu Sans and its bold are 1.4 MB together.
    expect(readFileSync(file).byteLength).toBeLessThan(150_000);

    const images = poppler('pdfimages', ['-list', file]).split('\n').slice(2).filter(Boolean);
    expect(images).toHaveLength(1);
  });

  it.each([
    ['', {}],
    [', with a logo and a signature', { signed: true }],
  ])('shrinks and wraps a very long name and title instead of overflowing%s', async (_, how) => {
    const title =
      'Comprehensive medical cross-coding for the dental office: ICD-10-CM injury and external-cause codes, CMS-1500 completion, CPT selection, accident clauses, coordination of benefits and letters of medical necessity, with five branching case scenarios and a worked appeal';
    const fullName = 'Maria-Fernanda de los Ángeles Gutiérrez-Villalobos y Núñez de Balboa Øyvindsdóttir';
    const file = save(
      await renderCertificatePdf(
        snapshot({
          participant: { fullName, profession: 'dentist', licenceState: 'NY', licenceNumber: '099123' },
          course: { id: 'medical-cross-coding', title, ceHours: 8.25, format: 'self-instruction-online', agd: [{ code: '550', hours: 6 }, { code: '730', hours: 2.25 }] },
          provider: {
            ...snapshot().provider,
            adaCerpStatement: 'ADA CERP statement sentence. '.repeat(30).trim(),
            agdPaceStatement: 'AGD PACE statement sentence. '.repeat(30).trim(),
          },
          ...('signed' in how ? { signatory: { name: 'Dr. Alexandria Konstantinopoulou-Worthington, DDS, MAGD', title: 'Director of Continuing Education and Professional Development' } } : {}),
        }),
        'signed' in how ? { brand: await testBrand('Dr. Alexandria Konstantinopoulou-Worthington, DDS, MAGD') } : {},
      ),
    );
    const text = textOf(file);
    expect(text).toContain(title);
    expect(text).toContain(fullName);
    expect(text).toContain('8.25');
    expect(text).toContain('550: 6.0 h');
    expect(text).toContain('730: 2.25 h');
    expect(text).toContain('ADA CERP statement sentence. '.repeat(30).trim());
    expect(text).toContain('AGD PACE statement sentence. '.repeat(30).trim());

    // Every word lies inside the inner border (25 pt from each edge) and no two words collide.
    const words = wordsOf(file);
    expect(words.length).toBeGreaterThan(150);
    for (const w of words) {
      expect(w.xMin, w.text).toBeGreaterThanOrEqual(25);
      expect(w.xMax, w.text).toBeLessThanOrEqual(792 - 25);
      expect(w.yMin, w.text).toBeGreaterThanOrEqual(25);
      expect(w.yMax, w.text).toBeLessThanOrEqual(612 - 25);
    }
    // pdftotext's boxes include the font's full ascent and descent, so neighbouring lines may touch; 0.5 pt of slack.
    const overlap = (a: Word, b: Word) => Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin) > 0.5 && Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin) > 0.5;
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j < words.length; j++) {
        if (overlap(words[i]!, words[j]!)) throw new Error(`"${words[i]!.text}" overlaps "${words[j]!.text}"`);
      }
    }
  });

  it('draws characters DejaVu lacks from the fallback font', async () => {
    // DejaVu Sans ExtraLight has no Hebrew; DejaVu Sans has. The first stands in for the main fonts, the second for a CJK fallback.
    const s = snapshot({ participant: { fullName: 'Noa שרה Levi', profession: 'dentist' } });
    const light = `${DEJAVU}DejaVuSans-ExtraLight.ttf`;
    const missing: string[][] = [];
    const withFallback = save(
      await renderCertificatePdf(s, { fontPath: light, boldFontPath: light, fallbackFontPath: `${DEJAVU}DejaVuSans.ttf`, onMissingGlyphs: (c) => missing.push(c) }),
    );
    expect(missing).toEqual([]);
    const fonts = poppler('pdffonts', [withFallback]);
    expect(fonts).toMatch(/^DejaVuSans-ExtraLight-\d+\s/m);
    expect(fonts).toMatch(/^DejaVuSans-\d+\s/m);
    const text = textOf(withFallback);
    expect(text).toContain('Noa');
    expect(text).toContain('Levi');
    expect(text).toMatch(/שרה|הרש/);

    await renderCertificatePdf(s, { fontPath: light, boldFontPath: light, fallbackFontPath: null, onMissingGlyphs: (c) => missing.push(c) });
    expect(missing).toEqual([['ש', 'ר', 'ה']]);
  });

  it('reports CJK characters that no installed font covers instead of failing', async () => {
    const missing: string[][] = [];
    const pdf = await renderCertificatePdf(snapshot({ participant: { fullName: '山田 太郎 (Taro Yamada)', profession: 'dentist' } }), {
      fallbackFontPath: null,
      onMissingGlyphs: (c) => missing.push(c),
    });
    expect(missing).toEqual([['山', '田', '太', '郎']]);
    expect(textOf(save(pdf))).toContain('(Taro Yamada)');
  });

  it('names the missing font file in its error', async () => {
    await expect(renderCertificatePdf(snapshot(), { fontPath: '/nonexistent/fonts/DejaVuSans.ttf' })).rejects.toThrow(PdfFontError);
    await expect(renderCertificatePdf(snapshot(), { fontPath: '/nonexistent/fonts/DejaVuSans.ttf' })).rejects.toThrow('/nonexistent/fonts/DejaVuSans.ttf');
    await expect(renderTranscriptPdf({ participant: { fullName: 'A' }, generatedOn: '2026-01-01', records: [] }, { boldFontPath: '/nonexistent/bold.ttf' })).rejects.toThrow(
      /bold font .* not found at \/nonexistent\/bold\.ttf/,
    );
    // A file that is not a font at all.
    const notAFont = join(process.cwd(), 'package.json');
    await expect(renderCertificatePdf(snapshot(), { fontPath: notAFont })).rejects.toThrow(`The regular font at ${notAFont} could not be read`);
  });
});

describe('PDF fonts', () => {
  it('come from the dejavu-fonts-ttf package when nothing overrides them', () => {
    const paths = fontPaths({ fallbackFontPath: null }, {});
    expect(paths).toEqual({ regular: `${DEJAVU}DejaVuSans.ttf`, bold: `${DEJAVU}DejaVuSans-Bold.ttf`, fallback: undefined });
    expect(paths.regular).not.toBe(DEBIAN_FONT_PATH);
  });

  it('PDF_FONT_PATH and PDF_BOLD_FONT_PATH override the package, and an option overrides both', async () => {
    // A fresh process, because the settings are read from the environment once, at start.
    const env = { ...process.env, PDF_FONT_PATH: `${DEJAVU}DejaVuSans-ExtraLight.ttf`, PDF_BOLD_FONT_PATH: `${DEJAVU}DejaVuSansCondensed-Bold.ttf` };
    const script = "import { fontPaths } from './src/lib/server/pdf/fonts.ts'; console.log(JSON.stringify(fontPaths({ fallbackFontPath: null })));";
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const paths = JSON.parse(run.stdout) as { regular: string; bold: string };
    expect(paths).toEqual({ regular: env.PDF_FONT_PATH, bold: env.PDF_BOLD_FONT_PATH });
    const fonts = poppler('pdffonts', [save(await renderCertificatePdf(snapshot(), { fontPath: paths.regular, boldFontPath: paths.bold, fallbackFontPath: null }))]);
    expect(fonts).toMatch(/^DejaVuSans-ExtraLight-\d+\s/m);
    expect(fonts).toMatch(/^DejaVuSansCondensed-Bold-\d+\s/m);
    expect(fonts).not.toMatch(/^DejaVuSans-\d+\s/m);
    expect(fontPaths({ fontPath: DEBIAN_FONT_PATH }, { PDF_FONT_PATH: `${DEJAVU}DejaVuSans-ExtraLight.ttf` }).regular).toBe(DEBIAN_FONT_PATH);
  });

  it('carry the site name in both documents, and the participant line is the same in both', async () => {
    const s = snapshot();
    const cert = await PDFDocument.load(await renderCertificatePdf(s));
    const transcript = await renderTranscriptPdf({ participant: s.participant, generatedOn: '2026-03-14', records: [] });
    const doc = await PDFDocument.load(transcript);
    expect(cert.getCreator()).toBe(SITE_NAME);
    expect(doc.getCreator()).toBe(SITE_NAME);
    expect(doc.getAuthor()).toBe(SITE_NAME);
    const line = 'Dental hygienist · License CA RDH 604512 · AGD ID 778812';
    expect(textOf(save(await renderCertificatePdf(s)))).toContain(line);
    expect(textOf(save(transcript))).toContain(line);
  });
});

describe('transcript PDF', () => {
  const codes = ['010', '490', '550', '730', '770'];
  // 60 records: i = 0..59; year 2023 + (i mod 3); hours 1.00, 1.25, 1.50, 1.75 repeating; AGD code by i mod 5.
  const records: TranscriptRecord[] = Array.from({ length: 60 }, (_, i) => ({
    date: `${2023 + (i % 3)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    provider: i % 2 ? 'Outside Study Club of the Greater Sacramento Valley' : 'Dental CE Club',
    title: `Record ${String(i + 1).padStart(2, '0')}: ${i % 7 === 0 ? 'a long course title that has to wrap onto a second line in its column' : 'short course'}`,
    hoursCenti: 100 + 25 * (i % 4),
    agdCode: codes[i % 5]!,
    ...(i % 2 ? {} : { verificationCode: generateCode() }),
  }));
  const transcript: Transcript = {
    participant: { fullName: 'José Ñúñez-Müller', profession: 'hygienist', licenceState: 'CA', licenceNumber: 'RDH 604512' },
    generatedOn: '2026-03-14',
    records,
  };

  it('spreads 60 records over several portrait pages and prints the totals', async () => {
    const file = save(await renderTranscriptPdf(transcript));
    const doc = await PDFDocument.load(readFileSync(file));
    const pages = doc.getPageCount();
    expect(pages).toBeGreaterThan(1);
    for (const page of doc.getPages()) expect(page.getSize()).toEqual({ width: 612, height: 792 });

    const text = textOf(file);
    // Grand total: each run of four records has 1.00 + 1.25 + 1.50 + 1.75 = 5.50 h; 60 records = 15 runs = 82.50 h.
    expect(text).toContain('Total: 82.50 hours in 60 records');
    expect(text).toContain('Totals by AGD subject code');
    expect(text).toContain('Totals by year');

    // Expected per-code and per-year totals, added up here independently of the module's helpers.
    const byCode = new Map<string, number>();
    const byYear = new Map<string, number>();
    for (const r of records) {
      byCode.set(r.agdCode, (byCode.get(r.agdCode) ?? 0) + r.hoursCenti);
      byYear.set(r.date.slice(0, 4), (byYear.get(r.date.slice(0, 4)) ?? 0) + r.hoursCenti);
    }
    // Hand check of one: code 010 takes i = 0, 5, 10, ..., 55 (12 records); i mod 4 runs 0,1,2,3 three times -> 3 × 5.50 = 16.50.
    expect(byCode.get('010')).toBe(1650);
    const layout = layoutTextOf(file);
    const totalsText = layout.slice(layout.indexOf('Totals by AGD subject code'));
    for (const [code, centi] of byCode) expect(totalsText).toContain(`${code} ${(centi / 100).toFixed(2)}`);
    for (const [year, centi] of byYear) expect(totalsText).toContain(`${year} ${(centi / 100).toFixed(2)}`);

    for (const r of records) expect(text).toContain(r.title);
    for (const r of records) if (r.verificationCode) expect(text).toContain(formatCode(r.verificationCode));
    // The table header is repeated on every page that continues the table.
    expect(text.split('Verification code').length - 1).toBeGreaterThanOrEqual(2);
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
  });

  it('keeps every word on the page', async () => {
    const file = save(await renderTranscriptPdf(transcript));
    for (const w of wordsOf(file)) {
      expect(w.xMin, w.text).toBeGreaterThanOrEqual(0);
      expect(w.xMax, w.text).toBeLessThanOrEqual(612);
      expect(w.yMin, w.text).toBeGreaterThanOrEqual(0);
      expect(w.yMax, w.text).toBeLessThanOrEqual(792);
    }
  });

  it('renders an empty transcript', async () => {
    const text = textOf(save(await renderTranscriptPdf({ ...transcript, records: [] })));
    expect(text).toContain('No CE records yet.');
    expect(text).toContain('Total: 0.00 hours in 0 records');
  });
});

/** PNG pictures of their own (QR codes serve as any PNG): a 2-module-wide logo and a signature of another size. */
async function testBrand(signer: string): Promise<NonNullable<CertificatePdfOptions['brand']>> {
  const logo = await QRCode.toBuffer('logo', { type: 'png', margin: 0, scale: 4 });
  const signature = await QRCode.toBuffer('a signature', { type: 'png', margin: 0, scale: 3 });
  return { color: '#0e6b5c', logo: { bytes: logo, type: 'png' }, signatory: { name: signer, title: 'CE Director', signature } };
}
/** pdfimages -list rows as [width, height]. */
const imagesOf = (file: string) =>
  poppler('pdfimages', ['-list', file])
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((row) => row.trim().split(/\s+/).slice(3, 5).map(Number));

describe('a branded certificate (issue 18, item 11)', () => {
  const signatory = { name: 'Ana Ruiz, DDS', title: 'Director of Continuing Education' };

  it("prints the snapshot's signatory with today's signature and the logo, on one landscape page", async () => {
    const brand = await testBrand(signatory.name);
    const file = save(await renderCertificatePdf(snapshot({ signatory }), { brand }));
    const text = textOf(file);
    expect(text).toContain('Ana Ruiz, DDS');
    expect(text).toContain('Director of Continuing Education');
    const doc = await PDFDocument.load(readFileSync(file));
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 792, height: 612 });
    // The QR code (scale 6), the logo and the signature, each at its own pixel size.
    const sizeOf = (png: Uint8Array) => [(png[16]! << 24) | (png[17]! << 16) | (png[18]! << 8) | png[19]!, (png[20]! << 24) | (png[21]! << 16) | (png[22]! << 8) | png[23]!];
    const images = imagesOf(file);
    expect(images).toHaveLength(3);
    expect(images).toContainEqual(sizeOf(brand.logo!.bytes));
    expect(images).toContainEqual(sizeOf(brand.signatory!.signature!));
  });

  it("leaves the signature off a certificate another signatory signed, and prints that person's name", async () => {
    const file = save(await renderCertificatePdf(snapshot({ signatory }), { brand: await testBrand('Someone Newer, DMD') }));
    expect(textOf(file)).toContain('Ana Ruiz, DDS');
    expect(textOf(file)).not.toContain('Someone Newer');
    expect(imagesOf(file)).toHaveLength(2);
  });

  it("puts the provider's logo on the transcript's first page only, and none without a brand", async () => {
    const brand = await testBrand(signatory.name);
    const records = Array.from({ length: 60 }, (_, i) => ({ date: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`, provider: 'Outside provider', title: `Course ${i + 1}`, hoursCenti: 100, agdCode: '010' }));
    const fullName = 'Dr. Alexandria Konstantinopoulou-Worthington the Third of Many Names';
    const transcript = { participant: { fullName }, generatedOn: '2026-03-14', records };
    const file = save(await renderTranscriptPdf(transcript, { brand: { color: brand.color, logo: brand.logo } }));
    expect((await PDFDocument.load(readFileSync(file))).getPageCount()).toBeGreaterThan(1);
    const rows = poppler('pdfimages', ['-list', file]).split('\n').slice(2).filter(Boolean);
    expect(rows).toHaveLength(1);
    // pdfimages -list: page, number, type, width, height, ...
    const [page, , , width, height] = rows[0]!.trim().split(/\s+/);
    expect(page).toBe('1');
    expect([Number(width), Number(height)]).toEqual([(brand.logo!.bytes[18]! << 8) | brand.logo!.bytes[19]!, (brand.logo!.bytes[22]! << 8) | brand.logo!.bytes[23]!]);
    expect(textOf(file)).toContain('Continuing Education Transcript');
    // A long name keeps left of the logo's box (the right 120 pt inside the 40 pt margin of a 612 pt page).
    const onePage = save(await renderTranscriptPdf({ ...transcript, records: records.slice(0, 3) }, { brand: { color: brand.color, logo: brand.logo } }));
    const nameWords = wordsOf(onePage).filter((w) => w.yMin < 100 && fullName.split(' ').includes(w.text));
    expect(nameWords.length).toBeGreaterThanOrEqual(fullName.split(' ').length);
    for (const w of nameWords) expect(w.xMax, w.text).toBeLessThanOrEqual(612 - 40 - 120);
    expect(imagesOf(save(await renderTranscriptPdf(transcript)))).toHaveLength(0);
  });

  it('prints no signature block on a certificate issued without a signatory', async () => {
    const file = save(await renderCertificatePdf(snapshot(), { brand: await testBrand(signatory.name) }));
    expect(textOf(file)).not.toContain(signatory.name);
    expect(imagesOf(file)).toHaveLength(2);
  });
});

describe('a sample certificate', () => {
  it('carries the SAMPLE mark, diagonally and in text tools; a real one does not', async () => {
    const sampleFile = join(dir, 'sample.pdf');
    writeFileSync(sampleFile, await renderCertificatePdf(snapshot(), { sample: true }));
    const text = textOf(sampleFile);
    expect(text).toContain('SAMPLE: not valid for CE credit');
    // The big mark is rotated, so pdftotext -bbox reports its letters one by one along the diagonal:
    // some in the lower left quarter of the landscape page and some in the upper right.
    const baseline = snapshot();
    const plainFile = join(dir, 'plain.pdf');
    writeFileSync(plainFile, await renderCertificatePdf(baseline));
    const extra = wordsOf(sampleFile).length - wordsOf(plainFile).length;
    expect(extra).toBeGreaterThan(12);
    const letters = wordsOf(sampleFile).filter((w) => w.text.length === 1 && /[A-Za-z]/.test(w.text));
    expect(letters.some((w) => w.xMin < 300 && w.yMin > 400)).toBe(true);
    expect(letters.some((w) => w.xMin > 500 && w.yMin < 200)).toBe(true);
    const realFile = join(dir, 'real.pdf');
    writeFileSync(realFile, await renderCertificatePdf(snapshot()));
    expect(textOf(realFile)).not.toContain('SAMPLE');
  });
});
