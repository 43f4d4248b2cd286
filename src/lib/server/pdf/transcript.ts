/**
 * A member's CE transcript PDF: portrait US letter, one table row per record (oldest first) with the
 * header repeated on every page, then the grand total and totals by AGD code and by year. Fonts:
 * ./fonts.ts; text layout: ./typesetter.ts.
 */
import type { PDFPage } from 'pdf-lib';
import { formatCode } from '~/lib/domain/certificate-code';
import { totalsByAgdCode, totalsByYear } from '~/lib/domain/ce-cycle';
import { participantLine, type Transcript } from '~/lib/shared/certificate';
import { SITE_NAME } from '~/lib/shared/site';
import { longDate } from './format';
import { formatHours } from '~/lib/shared/hours';
import { LETTER_PORTRAIT, MUTED, RULE, SHADE, accentOf, drawLogo, finish, newDocument, type PdfLogo, type PdfOptions } from './typesetter';

export interface TranscriptPdfOptions extends PdfOptions {
  /** The provider's colour and logo (lib/content/brand.ts), as on the certificate; the neutral look without. */
  brand?: { color?: string; logo?: PdfLogo };
}

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

const [W, H] = LETTER_PORTRAIT;
const M = 40;
const FOOTER_SPACE = 30;
const SIZE = 8;
const LEAD = 10;
const PAD = 3;
const LOGO_WIDTH = 120;

/**
 * Renders a transcript; records are sorted oldest first.
 * @throws PdfFontError when a font file is missing (the message names the path).
 */
export async function renderTranscriptPdf(transcript: Transcript, options: TranscriptPdfOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  const { participant: p } = transcript;
  const { doc, type } = await newDocument({ title: `CE transcript: ${p.fullName}`, author: SITE_NAME }, options);

  const accent = accentOf(options.brand?.color);
  let page!: PDFPage;
  let y = 0;

  const tableHeader = () => {
    page.drawRectangle({ x: M, y: y - LEAD - 2 * PAD + 2, width: W - 2 * M, height: LEAD + 2 * PAD, color: SHADE });
    let x = M;
    for (const col of COLUMNS) {
      type.draw(page, col.label, { x: col.align === 'right' ? x + col.width - PAD : x + PAD, y: y - LEAD + 1, size: SIZE, weight: 'bold', align: col.align ?? 'left' });
      x += col.width;
    }
    y -= LEAD + 2 * PAD + 2;
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

  /** Starts a new page unless `height` more points fit above the footer. */
  const ensure = (height: number, withTableHeader: boolean) => {
    if (y - height < M + FOOTER_SPACE) newPage(withTableHeader);
  };

  // First page: who and when, under the provider's logo (top right, clear of the title) when there is one.
  newPage(false);
  const logo = options.brand?.logo;
  if (logo) await drawLogo(doc, page, logo, { x: W - M - LOGO_WIDTH, top: y, width: LOGO_WIDTH, height: 40, align: 'right' });
  type.draw(page, 'Continuing Education Transcript', { x: M, y: y - 18, size: 18, weight: 'bold', color: accent });
  y -= 30;
  // The name wraps left of the logo, which reaches below its first line.
  const name = type.fit(p.fullName, 'bold', W - 2 * M - (logo ? LOGO_WIDTH + 12 : 0), { maxSize: 13, minSize: 9, maxLines: 2 });
  for (const line of name.lines) {
    y -= name.size;
    type.draw(page, line, { x: M, y, size: name.size, weight: 'bold' });
    y -= 3;
  }
  const who = participantLine(p);
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
    y -= LEAD;
    type.draw(page, 'No CE records yet.', { x: M + PAD, y, size: SIZE, color: MUTED });
    y -= LEAD;
  }
  for (const r of records) {
    const cells = [r.date, r.provider, r.title, formatHours(r.hoursCenti, 'column'), r.agdCode, r.verificationCode ? formatCode(r.verificationCode) : ''];
    const wrapped = cells.map((cell, i) => type.wrap(cell, 'regular', SIZE, COLUMNS[i]!.width - 2 * PAD));
    const rowHeight = Math.max(...wrapped.map((l) => l.length)) * LEAD + 2 * PAD;
    ensure(rowHeight, true);
    let x = M;
    wrapped.forEach((lines, i) => {
      const col = COLUMNS[i]!;
      lines.forEach((line, j) => {
        type.draw(page, line, { x: col.align === 'right' ? x + col.width - PAD : x + PAD, y: y - PAD - (j + 1) * LEAD + 2, size: SIZE, align: col.align ?? 'left' });
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
  type.draw(page, `Total: ${formatHours(total, 'column')} hours in ${records.length} record${records.length === 1 ? '' : 's'}`, { x: M, y, size: 10, weight: 'bold' });
  y -= 10;

  const totalsTable = (heading: string, label: string, rows: Array<[string, number]>) => {
    ensure(18 + 2 * 13, false);
    y -= 20;
    type.draw(page, heading, { x: M, y, size: 10, weight: 'bold', color: accent });
    y -= 6;
    for (const [key, centi] of [[label, -1] as [string, number], ...rows]) {
      ensure(13, false);
      y -= 12;
      const isHeader = centi < 0;
      type.draw(page, key, { x: M + PAD, y, size: 9, weight: isHeader ? 'bold' : 'regular' });
      type.draw(page, isHeader ? 'Hours' : formatHours(centi, 'column'), { x: M + 120, y, size: 9, weight: isHeader ? 'bold' : 'regular', align: 'right' });
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

  return finish(doc, type, options);
}
