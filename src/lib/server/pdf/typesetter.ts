/**
 * Typesetting for the PDFs, on pdf-lib: real text in embedded TrueType fonts (./fonts.ts), subset
 * to the characters used, so names like "José Ñúñez-Müller" print correctly, can be searched and
 * copied, and `pdftotext` reads every field back. The 14 standard PDF fonts cannot do this: they
 * only know WinAnsi, so Polish, Greek, Vietnamese or Cyrillic names would fail.
 *
 * Characters the main font lacks are drawn from the fallback font; characters no font has print as
 * a box and are reported through `onMissingGlyphs`, so the caller can log them.
 */
import fontkit from '@pdf-lib/fontkit';
import type { Font as FontkitFont } from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { clock } from '~/lib/shared/clock';
import { parseHex } from '~/lib/domain/contrast';
import { SITE_NAME } from '~/lib/shared/site';
import { fontPaths, loadFontFile, type FontFile, type FontOptions } from './fonts';

export interface PdfOptions extends FontOptions {
  /** Told which characters no font could draw (they print as boxes). */
  onMissingGlyphs?: (chars: string[]) => void;
  /** Creation date written into the PDF's metadata. */
  now?: Date;
}

export type Weight = 'regular' | 'bold';
export type Align = 'left' | 'center' | 'right';

export const INK = rgb(0.12, 0.14, 0.18);
export const ACCENT = rgb(0.04, 0.33, 0.4);
export const MUTED = rgb(0.36, 0.39, 0.43);
export const RULE = rgb(0.78, 0.8, 0.83);
export const SHADE = rgb(0.93, 0.95, 0.96);

/** The accent colour: the provider's `#rrggbb` (lib/content/brand.ts), else the neutral one. */
export function accentOf(color?: string): RGB {
  return color ? rgb(...(parseHex(color).map((c) => c / 255) as [number, number, number])) : ACCENT;
}

/** The provider's logo (PNG or JPEG) as the PDFs take it. */
export interface PdfLogo {
  bytes: Uint8Array;
  type: 'png' | 'jpg';
}

/** Draws `logo` as large as fits in the box whose top-left corner is (x, top), against its left or right edge. */
export async function drawLogo(doc: PDFDocument, page: PDFPage, logo: PdfLogo, box: { x: number; top: number; width: number; height: number; align?: 'left' | 'right' }): Promise<void> {
  const image = logo.type === 'png' ? await doc.embedPng(logo.bytes) : await doc.embedJpg(logo.bytes);
  const { width, height } = image.scaleToFit(box.width, box.height);
  page.drawImage(image, { x: box.align === 'right' ? box.x + box.width - width : box.x, y: box.top - height, width, height });
}

export const LETTER_LANDSCAPE: [number, number] = [792, 612];
export const LETTER_PORTRAIT: [number, number] = [612, 792];

interface Face {
  pdf: PDFFont;
  glyphs: FontkitFont;
}

/** Lays out and draws text in the embedded fonts, sending characters the main font lacks to the fallback. */
export class Typesetter {
  readonly missing = new Set<string>();

  private constructor(
    private readonly faces: Record<Weight, Face>,
    private readonly fallback: Face | undefined,
  ) {}

  /** Embeds the fonts into `doc`. @throws PdfFontError when a font file is missing (the message names the path). */
  static async create(doc: PDFDocument, options: FontOptions = {}): Promise<Typesetter> {
    doc.registerFontkit(fontkit);
    const paths = fontPaths(options);
    const [regular, bold, fallback] = await Promise.all([
      loadFontFile(paths.regular, 'regular'),
      loadFontFile(paths.bold, 'bold'),
      paths.fallback === undefined ? undefined : loadFontFile(paths.fallback, 'fallback'),
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

  draw(page: PDFPage, text: string, at: { x: number; y: number; size: number; weight?: Weight; color?: RGB; align?: Align }): void {
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

/** A new PDF with the typesetter's fonts embedded and the metadata every document carries. */
export async function newDocument(meta: { title: string; author: string; subject?: string }, options: PdfOptions): Promise<{ doc: PDFDocument; type: Typesetter }> {
  const doc = await PDFDocument.create();
  const type = await Typesetter.create(doc, options);
  doc.setTitle(meta.title);
  doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  doc.setCreator(SITE_NAME);
  doc.setProducer('pdf-lib');
  doc.setLanguage('en-US');
  const now = options.now ?? new Date(clock.now());
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  return { doc, type };
}

/**
 * Reports missing glyphs and returns the bytes. pdf-lib types its bytes as
 * Uint8Array<ArrayBufferLike>, which a fetch Response does not accept as a body; a copy is
 * ArrayBuffer-backed by type (the PDFs are tens of kB, so the copy is cheap).
 */
export async function finish(doc: PDFDocument, type: Typesetter, options: PdfOptions): Promise<Uint8Array<ArrayBuffer>> {
  type.report(options);
  return new Uint8Array(await doc.save());
}
