/**
 * The certificate of completion: one landscape US-letter page with every field DOMAIN.md section
 * 1.2 asks for, the provider's CERP and PACE statements as given, the verification code and a QR
 * code of the verification URL. Fonts: ./fonts.ts; text layout: ./typesetter.ts.
 */
import type { PDFPage, RGB } from 'pdf-lib';
import QRCode from 'qrcode';
import { formatCode } from '~/lib/domain/certificate-code';
import { formatLabel, participantLine, type CertificateSnapshot } from '~/lib/shared/certificate';
import { longDate } from './format';
import { formatHoursValue } from '~/lib/shared/hours';
import { drawSampleMark } from './sample-mark';
import type { CertificateBrand } from '~/lib/content/brand';
import { LETTER_LANDSCAPE, MUTED, RULE, accentOf, drawLogo, finish, newDocument, type PdfOptions, type Typesetter, type Weight } from './typesetter';

export { PdfFontError } from './fonts';
export type { PdfOptions } from './typesetter';

const [W, H] = LETTER_LANDSCAPE;
const TEXT_WIDTH = W - 2 * 70;

/**
 * Renders a certificate from its frozen snapshot: a pure function of the snapshot and options, so
 * callers may cache the bytes by certificate code.
 * @throws PdfFontError when a font file is missing (the message names the path).
 */
export interface CertificatePdfOptions extends PdfOptions {
  /** A sample certificate: drawn with the diagonal SAMPLE mark (sample-mark.ts). */
  sample?: boolean;
  /** The provider's logo, colour and signature (lib/content/brand.ts); the neutral look without. */
  brand?: Omit<CertificateBrand, 'key'>;
}

/** What the drawing helpers share: the page, the type and the accent colour. */
interface Pen {
  page: PDFPage;
  type: Typesetter;
  accent: RGB;
}

export async function renderCertificatePdf(snapshot: CertificateSnapshot, options: CertificatePdfOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  const { participant: p, course, provider } = snapshot;
  const { doc, type } = await newDocument(
    {
      title: `Certificate of Completion: ${course.title}`,
      author: provider.name,
      subject: `${p.fullName}, ${course.title}, ${formatHoursValue(course.ceHours, 'certificate')} CE hours, completed ${snapshot.completedOn}`,
    },
    options,
  );
  const page = doc.addPage([W, H]);
  const brand = options.brand ?? {};
  const pen: Pen = { page, type, accent: accentOf(brand.color) };
  page.drawRectangle({ x: 18, y: 18, width: W - 36, height: H - 36, borderColor: pen.accent, borderWidth: 2.5 });
  page.drawRectangle({ x: 25, y: 25, width: W - 50, height: H - 50, borderColor: pen.accent, borderWidth: 0.6 });
  // Top left, inside the borders, clear of the centred title.
  if (brand.logo) await drawLogo(doc, page, brand.logo, { x: 42, top: H - 42, width: 110, height: 52 });

  const headingBottom = drawHeading(pen, snapshot);
  await drawDetailsAndFooter(pen, snapshot, headingBottom, brand.signatory);
  if (options.sample) await drawSampleMark(doc, page);
  return finish(doc, type, options);
}

/** Title, provider, participant and course, centred; returns the y where the heading ends. */
function drawHeading({ page, type, accent }: Pen, snapshot: CertificateSnapshot): number {
  const { participant: p, course, provider } = snapshot;
  const cx = W / 2;
  let y = H - 76;
  /** Text shrunk to fit the width (within sizes and lines), centred, each line below the last. */
  const centredBlock = (text: string, o: { weight: Weight; color?: RGB; maxSize: number; minSize: number; maxLines: number; after: number }) => {
    const fit = type.fit(text, o.weight, TEXT_WIDTH, o);
    for (const line of fit.lines) {
      y -= fit.size;
      type.draw(page, line, { x: cx, y, size: fit.size, weight: o.weight, ...(o.color ? { color: o.color } : {}), align: 'center' });
      y -= o.after;
    }
  };

  type.draw(page, 'Certificate of Completion', { x: cx, y, size: 30, weight: 'bold', color: accent, align: 'center' });
  y -= 22;
  const prov = type.fit(provider.name, 'regular', TEXT_WIDTH, { maxSize: 11, minSize: 7, maxLines: 2 });
  for (const line of prov.lines) {
    type.draw(page, line, { x: cx, y, size: prov.size, color: MUTED, align: 'center' });
    y -= prov.size + 3;
  }

  y -= 16;
  type.draw(page, 'This certifies that', { x: cx, y, size: 11, color: MUTED, align: 'center' });
  y -= 10;
  centredBlock(p.fullName, { weight: 'bold', maxSize: 26, minSize: 14, maxLines: 2, after: 4 });
  y -= 8;
  centredBlock(participantLine(p), { weight: 'regular', maxSize: 10.5, minSize: 8, maxLines: 2, after: 3 });

  y -= 20;
  type.draw(page, 'has completed the continuing-education course', { x: cx, y, size: 11, color: MUTED, align: 'center' });
  y -= 8;
  centredBlock(course.title, { weight: 'bold', color: accent, maxSize: 19, minSize: 11, maxLines: 3, after: 4 });
  return y;
}

type Rows = Array<[label: string, values: string[]]>;

/**
 * Details (two columns of label/value rows and the QR code), centred in the space between the
 * heading and the footer (verification line and statements), which sits on the bottom border.
 */
async function drawDetailsAndFooter(pen: Pen, snapshot: CertificateSnapshot, headingBottom: number, signer: CertificateBrand['signatory']): Promise<void> {
  const { page, type } = pen;
  const { course, provider } = snapshot;
  const qrSize = 92;
  const qrX = W - 60 - qrSize;
  const size = 9;
  const lead = 11.5;
  const leftRows: Rows = [
    ['Provider', [provider.name]],
    ...(provider.adaCerpId ? [['ADA CERP provider', [provider.adaCerpId]] as Rows[number]] : []),
    ...(provider.agdPaceId ? [['AGD PACE provider', [provider.agdPaceId]] as Rows[number]] : []),
    [snapshot.instructors.length === 1 ? 'Instructor' : 'Instructors', [snapshot.instructors.length ? snapshot.instructors.join(', ') : '—']],
    ['Completed on', [longDate(snapshot.completedOn)]],
  ];
  const rightRows: Rows = [
    ['CE hours', [formatHoursValue(course.ceHours, 'certificate')]],
    ['Format', [formatLabel(course.format)]],
    [course.agd.length === 1 ? 'AGD subject code' : 'AGD subject codes', course.agd.map((a) => `${a.code}: ${formatHoursValue(a.hours, 'certificate')} h`)],
    ['Course ID', [course.id]],
  ];
  const left = { x: 60, labelWidth: 104, valueWidth: 240 };
  const right = { x: 420, labelWidth: 96, valueWidth: qrX - 16 - (420 + 96) };
  /** Draws (or, with draw false, only measures) one column; returns its height. */
  const column = (c: typeof left, rows: Rows, top: number, draw: boolean): number => {
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
  const rightHeight = column(right, rightRows, 0, false);
  const signed = snapshot.signatory ? SIGNATURE_HEIGHT : 0;
  const detailsHeight = Math.max(column(left, leftRows, 0, false), rightHeight + signed, qrSize + 16);

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
  const room = headingBottom - 30 - detailsHeight - 14 - bottom;
  let stSize = 7.5;
  let blocks = layout(stSize);
  while (stSize > 4.5 && verifyHeight + heightOf(stSize, blocks) > room) {
    stSize -= 0.25;
    blocks = layout(stSize);
  }
  const footerTop = bottom + verifyHeight + heightOf(stSize, blocks);
  const spare = Math.max(0, room - (footerTop - bottom));

  const top = headingBottom - 30 - spare / 2;
  page.drawLine({ start: { x: 60, y: top + 12 }, end: { x: W - 60, y: top + 12 }, thickness: 0.5, color: RULE });
  column(left, leftRows, top, true);
  column(right, rightRows, top, true);
  if (snapshot.signatory) {
    // The signature image is today's signatory's: drawn only on certificates that person signed.
    const image = signer?.signature && signer.name === snapshot.signatory.name ? signer.signature : undefined;
    await drawSignature(pen, snapshot.signatory, image, right.x, top - rightHeight - SIGNATURE_HEIGHT);
  }
  const doc = page.doc;
  const qr = await doc.embedPng(await QRCode.toBuffer(snapshot.verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 0, scale: 6 }));
  page.drawImage(qr, { x: qrX, y: top - qrSize, width: qrSize, height: qrSize });
  const codeFit = type.fit(code, 'bold', qrSize + 20, { maxSize: 9.5, minSize: 6, maxLines: 1 });
  type.draw(page, code, { x: qrX + qrSize / 2, y: top - qrSize - 12, size: codeFit.size, weight: 'bold', align: 'center' });

  let y = Math.min(top - detailsHeight - 14, footerTop);
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
}

/** Room for the signature block: the picture, the line, the name and the title. */
const SIGNATURE_HEIGHT = 66;

/** The signatory's signature over a line, with their name and title under it; `bottom` is the block's lowest y. */
async function drawSignature({ page, type }: Pen, who: { name: string; title: string }, image: Uint8Array | undefined, x: number, bottom: number): Promise<void> {
  const width = 190;
  const lineY = bottom + 26;
  if (image) {
    const png = await page.doc.embedPng(image);
    const size = png.scaleToFit(width - 20, 34);
    page.drawImage(png, { x: x + 4, y: lineY + 2, width: size.width, height: size.height });
  }
  page.drawLine({ start: { x, y: lineY }, end: { x: x + width, y: lineY }, thickness: 0.6, color: MUTED });
  const name = type.fit(who.name, 'bold', width, { maxSize: 9, minSize: 6.5, maxLines: 1 });
  type.draw(page, name.lines[0] ?? who.name, { x, y: lineY - 11, size: name.size, weight: 'bold' });
  const title = type.fit(who.title, 'regular', width, { maxSize: 8, minSize: 6, maxLines: 1 });
  type.draw(page, title.lines[0] ?? who.title, { x, y: lineY - 22, size: title.size, color: MUTED });
}
