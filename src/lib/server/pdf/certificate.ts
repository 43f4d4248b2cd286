/**
 * Certificate and transcript PDFs, drawn with pdf-lib.
 *
 * Text is real text in an embedded TrueType font (DejaVu Sans by default, open licence, from
 * Debian's fonts-dejavu-core), subset to the characters used, so names like "José Ñúñez-Müller"
 * print correctly, can be searched and copied, and `pdftotext` reads every field back. The 14
 * standard PDF fonts cannot do this: they only know WinAnsi, so Polish, Greek, Vietnamese or
 * Cyrillic names would fail.
 *
 * DejaVu Sans covers Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew and Arabic letters, but no
 * Chinese, Japanese or Korean. For those, a fallback font is used for exactly the characters DejaVu
 * lacks: `fallbackFontPath`, else PDF_FALLBACK_FONT_PATH, else Debian's fonts-droid-fallback if it
 * is installed. It must be a single .ttf or .otf file: Debian's fonts-noto-cjk ships only .ttc
 * collections, which pdf-lib cannot embed. Characters no font has print as a box and are reported
 * through `onMissingGlyphs`, so the caller can log them.
 */
import { drawSampleMark } from './sample-mark';
import { access, readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import type { Font as FontkitFont } from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import QRCode from 'qrcode';
import { formatCode } from '../../domain/certificate-code';
import { totalsByAgdCode, totalsByYear } from '../../domain/ce-cycle';
import { formatLabel, professionLabel, type CertificateSnapshot, type Transcript } from '../../shared/certificate';
import { settings } from '../settings';

export const DEFAULT_FONT_PATH = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
export const DEFAULT_BOLD_FONT_PATH = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';
/** Single-file CJK-capable fonts Debian installs at fixed paths, tried in order. */
export const FALLBACK_FONT_CANDIDATES = ['/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf'];

export interface PdfOptions {
  /** Regular font (TTF/OTF). Default: PDF_FONT_PATH, else DejaVu Sans. */
  fontPath?: string;
  /** Bold font. Default: PDF_BOLD_FONT_PATH, else DejaVu Sans Bold. */
  boldFontPath?: string;
  /** Font for characters the main fonts lack (CJK); null turns the fallback off. */
  fallbackFontPath?: string | null;
  /** Told which characters no font could draw (they print as boxes). */
  onMissingGlyphs?: (chars: string[]) => void;
  /** Creation date written into the PDF's metadata. */
  now?: Date;
  /** A sample certificate: drawn with the diagonal SAMPLE mark (sample-mark.ts). */
  sample?: boolean;
}

/** A font file is missing or unreadable; the message names the path and how to fix it. */
export class PdfFontError extends Error {
  override name = 'PdfFontError';
}

// ---------- fonts ----------

interface FontFile {
  bytes: Uint8Array;
  glyphs: FontkitFont;
}

// Fonts are read once per process: DejaVu Sans is 750 kB and every certificate needs it.
const fontFiles = new Map<string, Promise<FontFile>>();

function loadFontFile(path: string, role: string, envName: string): Promise<FontFile> {
  let pending = fontFiles.get(path);
  if (!pending) {
    pending = readFile(path).then(
      (buffer) => {
        const bytes = new Uint8Array(buffer);
        let glyphs: FontkitFont;
        try {
          glyphs = fontkit.create(bytes);
        } catch (e) {
          throw new PdfFontError(`The ${role} font at ${path} could not be read as a TrueType or OpenType font (${(e as Error).message}). Point ${envName} at a .ttf or .otf file.`);
        }
        // fontkit opens .ttc collections too, but pdf-lib can only embed a single font.
        if (typeof glyphs.hasGlyphForCodePoint !== 'function') {
          throw new PdfFontError(`The ${role} font at ${path} is a font collection (.ttc), which pdf-lib cannot embed. Point ${envName} at a single .ttf or .otf file.`);
        }
        return { bytes, glyphs };
      },
      (e: NodeJS.ErrnoException) => {
        const fix =
          path === DEFAULT_FONT_PATH || path === DEFAULT_BOLD_FONT_PATH
            ? `Install Debian's fonts-dejavu-core (apt-get install fonts-dejavu-core) or set ${envName} to another TTF font.`
            : `Check ${envName} or the ${role} font option.`;
        throw new PdfFontError(`The ${role} font for PDFs was not found at ${path} (${e.code ?? e.message}). ${fix}`);
      },
    );
    // A failed read is not cached, so installing the font fixes the next request without a restart.
    pending.catch(() => fontFiles.delete(path));
    fontFiles.set(path, pending);
  }
  return pending;
}

async function existing(paths: string[]): Promise<string | undefined> {
  for (const p of paths) {
    try {
      await access(p);
      return p;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

interface Face {
  pdf: PDFFont;
  glyphs: FontkitFont;
}

type Weight = 'regular' | 'bold';

/** Lays out and draws text in the embedded fonts, sending characters the main font lacks to the fallback. */
class Typesetter {
  readonly missing = new Set<string>();

  constructor(
    private readonly faces: Record<Weight, Face>,
    private readonly fallback: Face | undefined,
  ) {}

  static async create(doc: PDFDocument, options: PdfOptions): Promise<Typesetter> {
    doc.registerFontkit(fontkit);
    const regularPath = options.fontPath ?? settings.PDF_FONT_PATH ?? DEFAULT_FONT_PATH;
    const boldPath = options.boldFontPath ?? settings.PDF_BOLD_FONT_PATH ?? DEFAULT_BOLD_FONT_PATH;
    const fallbackPath =
      options.fallbackFontPath === null ? undefined : (options.fallbackFontPath ?? settings.PDF_FALLBACK_FONT_PATH ?? (await existing(FALLBACK_FONT_CANDIDATES)));

    const [regular, bold, fallback] = await Promise.all([
      loadFontFile(regularPath, 'regular', 'PDF_FONT_PATH'),
      loadFontFile(boldPath, 'bold', 'PDF_BOLD_FONT_PATH'),
      fallbackPath === undefined ? undefined : loadFontFile(fallbackPath, 'fallback', 'PDF_FALLBACK_FONT_PATH'),
    ]);
    // Ligatures off: pdftotext and screen readers then see "fi" as two letters, not one glyph.
    const embed = async (f: FontFile): Promise<Face> => ({ pdf: await doc.embedFont(f.bytes, { subset: true, features: { liga: false } }), glyphs: f.glyphs });
    return new Typesetter({ regular: await embed(regular), bold: await embed(bold) }, fallback ? await embed(fallback) : undefined);
  }

  /** Splits text into runs of one font each. */
  private runs(text: string, weight: Weight): Array<{ text: string; font: PDFFont }> {
    const main = this.faces[weight];
    const out: Array<{ text: string; font: PDFFont }> = [];
    for (const ch of text.normalize('NFC')) {
      const cp = ch.codePointAt(0)!;
      let face = main;
      if (!/\s/.test(ch) && !main.glyphs.hasGlyphForCodePoint(cp)) {
        if (this.fallback?.glyphs.hasGlyphForCodePoint(cp)) face = this.fallback;
        else this.missing.add(ch);
      }
      const last = out[out.length - 1];
      if (last && last.font === face.pdf) last.text += ch;
      else out.push({ text: ch, font: face.pdf });
    }
    return out;
  }

  width(text: string, weight: Weight, size: number): number {
    return this.runs(text, weight).reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, size), 0);
  }

  draw(page: PDFPage, text: string, at: { x: number; y: number; size: number; weight?: Weight; color?: RGB; align?: 'left' | 'center' | 'right' }): void {
    const weight = at.weight ?? 'regular';
    const w = this.width(text, weight, at.size);
    let x = at.align === 'center' ? at.x - w / 2 : at.align === 'right' ? at.x - w : at.x;
    for (const run of this.runs(text, weight)) {
      page.drawText(run.text, { x, y: at.y, size: at.size, font: run.font, color: at.color ?? INK });
      x += run.font.widthOfTextAtSize(run.text, at.size);
    }
  }

  /** Greedy word wrap; a word wider than the line is broken between characters. */
  wrap(text: string, weight: Weight, size: number, maxWidth: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of text.normalize('NFC').split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (this.width(candidate, weight, size) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let piece = '';
      for (const ch of word) {
        if (piece && this.width(piece + ch, weight, size) > maxWidth) {
          lines.push(piece);
          piece = '';
        }
        piece += ch;
      }
      line = piece;
    }
    if (line) lines.push(line);
    return lines.length ? lines : [''];
  }

  /**
   * The largest size at which the text fits: one line between maxSize and minSize if possible,
   * else two lines, and so on up to maxLines; beyond that it keeps shrinking to 5 pt and finally
   * wraps onto as many lines as it needs, so nothing is ever cut off.
   */
  fit(text: string, weight: Weight, maxWidth: number, o: { maxSize: number; minSize: number; maxLines: number }): { size: number; lines: string[] } {
    for (let lines = 1; lines <= o.maxLines; lines++) {
      for (let size = o.maxSize; size >= o.minSize; size -= 0.5) {
        const wrapped = this.wrap(text, weight, size, maxWidth);
        if (wrapped.length <= lines) return { size, lines: wrapped };
      }
    }
    for (let size = o.minSize - 0.5; size >= 5; size -= 0.5) {
      const wrapped = this.wrap(text, weight, size, maxWidth);
      if (wrapped.length <= o.maxLines) return { size, lines: wrapped };
    }
    return { size: 5, lines: this.wrap(text, weight, 5, maxWidth) };
  }

  report(options: PdfOptions): void {
    if (this.missing.size && options.onMissingGlyphs) options.onMissingGlyphs([...this.missing]);
  }
}

// ---------- formatting ----------

const INK = rgb(0.12, 0.14, 0.18);
const ACCENT = rgb(0.04, 0.33, 0.4);
const MUTED = rgb(0.36, 0.39, 0.43);
const RULE = rgb(0.78, 0.8, 0.83);
const SHADE = rgb(0.93, 0.95, 0.96);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function longDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) throw new RangeError(`a date like 2026-03-14 is needed, not "${iso}"`);
  return `${month} ${Number(m[3])}, ${m[1]}`;
}

/** Hours with at least one decimal: 2 -> "2.0", 1.5 -> "1.5", 1.25 -> "1.25". */
function certificateHours(hours: number): string {
  const fixed = (Math.round(hours * 100) / 100).toFixed(2);
  return fixed.endsWith('0') ? fixed.slice(0, -1) : fixed;
}

/** Hundredths as hours with two decimals, for aligned table columns: 150 -> "1.50". */
function centiHours(centi: number): string {
  return `${Math.floor(centi / 100)}.${String(centi % 100).padStart(2, '0')}`;
}

function setMetadata(doc: PDFDocument, title: string, author: string, options: PdfOptions): void {
  doc.setTitle(title);
  doc.setAuthor(author);
  doc.setCreator('Dental CE Club');
  doc.setProducer('pdf-lib');
  doc.setLanguage('en-US');
  const now = options.now ?? new Date();
  doc.setCreationDate(now);
  doc.setModificationDate(now);
}

/**
 * pdf-lib types its bytes as Uint8Array<ArrayBufferLike>, which a fetch Response does not accept
 * as a body; a copy is ArrayBuffer-backed by type (the PDFs are tens of kB, so the copy is cheap).
 */
async function save(doc: PDFDocument): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await doc.save());
}

// ---------- certificate ----------

const LETTER_LANDSCAPE: [number, number] = [792, 612];
const LETTER_PORTRAIT: [number, number] = [612, 792];

/**
 * The certificate of completion: one landscape US-letter page with every field DOMAIN.md section
 * 1.2 asks for, the provider's CERP and PACE statements as given, the verification code and a QR
 * code of the verification URL.
 * @throws PdfFontError when a font file is missing (the message names the path).
 */
export async function renderCertificatePdf(snapshot: CertificateSnapshot, options: PdfOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  const type = await Typesetter.create(doc, options);
  const [W, H] = LETTER_LANDSCAPE;
  const page = doc.addPage([W, H]);
  const { participant: p, course, provider } = snapshot;
  setMetadata(doc, `Certificate of Completion: ${course.title}`, provider.name, options);
  doc.setSubject(`${p.fullName}, ${course.title}, ${certificateHours(course.ceHours)} CE hours, completed ${snapshot.completedOn}`);

  page.drawRectangle({ x: 18, y: 18, width: W - 36, height: H - 36, borderColor: ACCENT, borderWidth: 2.5 });
  page.drawRectangle({ x: 25, y: 25, width: W - 50, height: H - 50, borderColor: ACCENT, borderWidth: 0.6 });

  const cx = W / 2;
  const textWidth = W - 2 * 70;
  let y = H - 76;
  /** Text shrunk to fit the width (within sizes and lines), centred, each line below the last. */
  const centredBlock = (text: string, o: { weight: Weight; color?: RGB; maxSize: number; minSize: number; maxLines: number; after: number }) => {
    const fit = type.fit(text, o.weight, textWidth, o);
    for (const line of fit.lines) {
      y -= fit.size;
      type.draw(page, line, { x: cx, y, size: fit.size, weight: o.weight, ...(o.color ? { color: o.color } : {}), align: 'center' });
      y -= o.after;
    }
  };

  type.draw(page, 'Certificate of Completion', { x: cx, y, size: 30, weight: 'bold', color: ACCENT, align: 'center' });
  y -= 22;
  const prov = type.fit(provider.name, 'regular', textWidth, { maxSize: 11, minSize: 7, maxLines: 2 });
  for (const line of prov.lines) {
    type.draw(page, line, { x: cx, y, size: prov.size, color: MUTED, align: 'center' });
    y -= prov.size + 3;
  }

  y -= 16;
  type.draw(page, 'This certifies that', { x: cx, y, size: 11, color: MUTED, align: 'center' });
  y -= 10;
  centredBlock(p.fullName, { weight: 'bold', maxSize: 26, minSize: 14, maxLines: 2, after: 4 });

  const licence = [p.licenceState, p.licenceNumber].filter(Boolean).join(' ');
  const who = [professionLabel(p.profession), licence && `Licence ${licence}`, p.agdId && `AGD ID ${p.agdId}`].filter(Boolean).join('   ·   ');
  y -= 8;
  centredBlock(who, { weight: 'regular', maxSize: 10.5, minSize: 8, maxLines: 2, after: 3 });

  y -= 20;
  type.draw(page, 'has completed the continuing-education course', { x: cx, y, size: 11, color: MUTED, align: 'center' });
  y -= 8;
  centredBlock(course.title, { weight: 'bold', color: ACCENT, maxSize: 19, minSize: 11, maxLines: 3, after: 4 });

  // Details: two columns of label/value rows and the QR code, centred in the space between the
  // heading and the footer (verification line and statements), which sits on the bottom border.
  const qrSize = 92;
  const qrX = W - 60 - qrSize;
  const size = 9;
  const lead = 11.5;
  const instructorLabel = snapshot.instructors.length === 1 ? 'Instructor' : 'Instructors';
  const leftRows: Array<[string, string[]]> = [
    ['Provider', [provider.name]],
    ...(provider.adaCerpId ? [['ADA CERP provider', [provider.adaCerpId]] as [string, string[]]] : []),
    ...(provider.agdPaceId ? [['AGD PACE provider', [provider.agdPaceId]] as [string, string[]]] : []),
    [instructorLabel, [snapshot.instructors.length ? snapshot.instructors.join(', ') : '—']],
    ['Completed on', [longDate(snapshot.completedOn)]],
  ];
  const rightRows: Array<[string, string[]]> = [
    ['CE hours', [certificateHours(course.ceHours)]],
    ['Format', [formatLabel(course.format)]],
    [course.agd.length === 1 ? 'AGD subject code' : 'AGD subject codes', course.agd.map((a) => `${a.code}: ${certificateHours(a.hours)} h`)],
    ['Course ID', [course.id]],
  ];
  const left = { x: 60, labelWidth: 104, valueWidth: 240 };
  const right = { x: 420, labelWidth: 96, valueWidth: qrX - 16 - (420 + 96) };
  /** Draws (or, with draw false, only measures) one column; returns its height. */
  const column = (c: typeof left, rows: Array<[string, string[]]>, top: number, draw: boolean): number => {
    let cy = top;
    for (const [label, values] of rows) {
      if (draw) type.draw(page, label, { x: c.x, y: cy - size, size: 8, color: MUTED });
      for (const value of values) {
        for (const line of type.wrap(value, 'regular', size, c.valueWidth)) {
          if (draw) type.draw(page, line, { x: c.x + c.labelWidth, y: cy - size, size });
          cy -= lead;
        }
      }
      cy -= 2.5;
    }
    return top - cy;
  };
  const code = formatCode(snapshot.code);
  const detailsHeight = Math.max(column(left, leftRows, 0, false), column(right, rightRows, 0, false), qrSize + 16);

  const bottom = 40;
  const verify = `Verify this certificate at ${snapshot.verifyUrl}  (code ${code})`;
  const verifyFit = type.fit(verify, 'regular', W - 120, { maxSize: 8.5, minSize: 6, maxLines: 2 });
  const verifyHeight = verifyFit.lines.length * (verifyFit.size + 2.5) + 8;
  const statements: Array<[string, string]> = [
    ['ADA CERP', provider.adaCerpStatement],
    ['AGD PACE', provider.agdPaceStatement],
  ];
  const layout = (s: number) => statements.map(([label, body]) => ({ label, lines: type.wrap(body, 'regular', s, W - 120) }));
  const heightOf = (s: number, blocks: ReturnType<typeof layout>) => blocks.reduce((h, b) => h + (s + 2) * (b.lines.length + 1) + 4, 0);
  // Room between the heading and the bottom border, less the details and the gaps around them.
  const room = y - 30 - detailsHeight - 14 - bottom;
  let stSize = 7.5;
  let blocks = layout(stSize);
  while (stSize > 4.5 && verifyHeight + heightOf(stSize, blocks) > room) {
    stSize -= 0.25;
    blocks = layout(stSize);
  }
  const footerTop = bottom + verifyHeight + heightOf(stSize, blocks);
  const spare = Math.max(0, room - (footerTop - bottom));

  const top = y - 30 - spare / 2;
  page.drawLine({ start: { x: 60, y: top + 12 }, end: { x: W - 60, y: top + 12 }, thickness: 0.5, color: RULE });
  column(left, leftRows, top, true);
  column(right, rightRows, top, true);
  const qr = await doc.embedPng(await QRCode.toBuffer(snapshot.verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 0, scale: 6 }));
  page.drawImage(qr, { x: qrX, y: top - qrSize, width: qrSize, height: qrSize });
  const codeFit = type.fit(code, 'bold', qrSize + 20, { maxSize: 9.5, minSize: 6, maxLines: 1 });
  type.draw(page, code, { x: qrX + qrSize / 2, y: top - qrSize - 12, size: codeFit.size, weight: 'bold', align: 'center' });

  y = Math.min(top - detailsHeight - 14, footerTop);
  for (const line of verifyFit.lines) {
    y -= verifyFit.size;
    type.draw(page, line, { x: 60, y, size: verifyFit.size });
    y -= 2.5;
  }
  y -= 8;
  for (const block of blocks) {
    y -= stSize;
    type.draw(page, block.label, { x: 60, y, size: stSize, weight: 'bold', color: MUTED });
    y -= 2;
    for (const line of block.lines) {
      y -= stSize;
      type.draw(page, line, { x: 60, y, size: stSize, color: MUTED });
      y -= 2;
    }
    y -= 4;
  }

  if (options.sample) await drawSampleMark(doc, page);
  type.report(options);
  return save(doc);
}

// ---------- transcript ----------

interface Column {
  label: string;
  width: number;
  align?: 'right';
}

const COLUMNS: Column[] = [
  { label: 'Date', width: 58 },
  { label: 'Provider', width: 112 },
  { label: 'Course', width: 182 },
  { label: 'Hours', width: 38, align: 'right' },
  { label: 'AGD', width: 34 },
  { label: 'Verification code', width: 108 },
];

/**
 * A member's CE transcript: portrait US letter, one table row per record (oldest first) with the
 * header repeated on every page, then the grand total and totals by AGD code and by year.
 * @throws PdfFontError when a font file is missing (the message names the path).
 */
export async function renderTranscriptPdf(transcript: Transcript, options: PdfOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  const type = await Typesetter.create(doc, options);
  const [W, H] = LETTER_PORTRAIT;
  const M = 40;
  const footerSpace = 30;
  const size = 8;
  const lead = 10;
  const pad = 3;
  const { participant: p } = transcript;
  setMetadata(doc, `CE transcript: ${p.fullName}`, 'Dental CE Club', options);

  let page!: PDFPage;
  let y = 0;

  const tableHeader = () => {
    page.drawRectangle({ x: M, y: y - lead - 2 * pad + 2, width: W - 2 * M, height: lead + 2 * pad, color: SHADE });
    let x = M;
    for (const col of COLUMNS) {
      type.draw(page, col.label, { x: col.align === 'right' ? x + col.width - pad : x + pad, y: y - lead + 1, size, weight: 'bold', align: col.align ?? 'left' });
      x += col.width;
    }
    y -= lead + 2 * pad + 2;
  };

  const newPage = (withTableHeader: boolean) => {
    page = doc.addPage([W, H]);
    y = H - M;
    if (doc.getPageCount() > 1) {
      type.draw(page, `CE transcript: ${p.fullName} (continued)`, { x: M, y: y - 9, size: 9, color: MUTED });
      y -= 24;
    }
    if (withTableHeader) tableHeader();
  };

  const ensure = (height: number, withTableHeader: boolean) => {
    if (y - height < M + footerSpace) newPage(withTableHeader);
  };

  // First page: who and when.
  newPage(false);
  type.draw(page, 'Continuing Education Transcript', { x: M, y: y - 18, size: 18, weight: 'bold', color: ACCENT });
  y -= 30;
  const name = type.fit(p.fullName, 'bold', W - 2 * M, { maxSize: 13, minSize: 9, maxLines: 2 });
  for (const line of name.lines) {
    y -= name.size;
    type.draw(page, line, { x: M, y, size: name.size, weight: 'bold' });
    y -= 3;
  }
  const licence = [p.licenceState, p.licenceNumber].filter(Boolean).join(' ');
  const who = [p.profession && professionLabel(p.profession), licence && `Licence ${licence}`, p.agdId && `AGD ID ${p.agdId}`].filter(Boolean).join('   ·   ');
  if (who) {
    for (const line of type.wrap(who, 'regular', 9, W - 2 * M)) {
      y -= 9;
      type.draw(page, line, { x: M, y, size: 9 });
      y -= 3;
    }
  }
  y -= 9;
  type.draw(page, `Generated on ${longDate(transcript.generatedOn)}`, { x: M, y, size: 9, color: MUTED });
  y -= 18;
  tableHeader();

  const records = [...transcript.records].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (records.length === 0) {
    y -= lead;
    type.draw(page, 'No CE records yet.', { x: M + pad, y, size, color: MUTED });
    y -= lead;
  }
  for (const r of records) {
    const cells = [r.date, r.provider, r.title, centiHours(r.hoursCenti), r.agdCode, r.verificationCode ? formatCode(r.verificationCode) : ''];
    const wrapped = cells.map((cell, i) => type.wrap(cell, 'regular', size, COLUMNS[i]!.width - 2 * pad));
    const rowHeight = Math.max(...wrapped.map((l) => l.length)) * lead + 2 * pad;
    ensure(rowHeight, true);
    let x = M;
    wrapped.forEach((lines, i) => {
      const col = COLUMNS[i]!;
      lines.forEach((line, j) => {
        type.draw(page, line, { x: col.align === 'right' ? x + col.width - pad : x + pad, y: y - pad - (j + 1) * lead + 2, size, align: col.align ?? 'left' });
      });
      x += col.width;
    });
    y -= rowHeight;
    page.drawLine({ start: { x: M, y }, end: { x: W - M, y }, thickness: 0.4, color: RULE });
  }

  // Totals.
  const total = records.reduce((s, r) => s + r.hoursCenti, 0);
  ensure(40, false);
  y -= 22;
  type.draw(page, `Total: ${centiHours(total)} hours in ${records.length} record${records.length === 1 ? '' : 's'}`, { x: M, y, size: 10, weight: 'bold' });
  y -= 10;

  const totalsTable = (heading: string, label: string, rows: Array<[string, number]>) => {
    ensure(18 + 2 * 13, false);
    y -= 20;
    type.draw(page, heading, { x: M, y, size: 10, weight: 'bold', color: ACCENT });
    y -= 6;
    for (const [key, centi] of [[label, -1] as [string, number], ...rows]) {
      ensure(13, false);
      y -= 12;
      const isHeader = centi < 0;
      type.draw(page, key, { x: M + pad, y, size: 9, weight: isHeader ? 'bold' : 'regular' });
      type.draw(page, isHeader ? 'Hours' : centiHours(centi), { x: M + 120, y, size: 9, weight: isHeader ? 'bold' : 'regular', align: 'right' });
      y -= 1;
    }
  };
  totalsTable('Totals by AGD subject code', 'AGD code', totalsByAgdCode(records).map((t) => [t.agdCode, t.hoursCenti]));
  totalsTable('Totals by year', 'Year', totalsByYear(records).map((t) => [String(t.year), t.hoursCenti]));

  const pages = doc.getPages();
  pages.forEach((pg, i) => {
    type.draw(pg, `${p.fullName}: CE transcript generated ${transcript.generatedOn}`, { x: M, y: 22, size: 7, color: MUTED });
    type.draw(pg, `Page ${i + 1} of ${pages.length}`, { x: W - M, y: 22, size: 7, color: MUTED, align: 'right' });
  });

  type.report(options);
  return save(doc);
}
