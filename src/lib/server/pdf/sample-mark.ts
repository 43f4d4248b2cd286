/**
 * The diagonal "SAMPLE: not valid for CE credit" mark across a sample certificate: issued before the
 * provider was set up (or for a practice course), it must never pass for credit on paper either.
 */
import { degrees, rgb, StandardFonts, type PDFDocument, type PDFPage } from 'pdf-lib';

export const SAMPLE_MARK = 'SAMPLE: not valid for CE credit';

export async function drawSampleMark(doc: PDFDocument, page: PDFPage): Promise<void> {
  // Plain ASCII in a standard font: no font file needed, and text tools still read it.
  const font = await doc.embedFont(StandardFonts.HelveticaBold);
  const { width: W, height: H } = page.getSize();
  const angle = Math.atan2(H, W);
  const size = Math.min(60, (Math.hypot(W, H) * 0.8) / (font.widthOfTextAtSize(SAMPLE_MARK, 1) || 1));
  const textWidth = font.widthOfTextAtSize(SAMPLE_MARK, size);
  // Centre the rotated baseline on the page's centre.
  const x = W / 2 - (Math.cos(angle) * textWidth) / 2 + (Math.sin(angle) * size) / 3;
  const y = H / 2 - (Math.sin(angle) * textWidth) / 2 - (Math.cos(angle) * size) / 3;
  page.drawText(SAMPLE_MARK, { x, y, size, font, color: rgb(0.75, 0.1, 0.1), opacity: 0.35, rotate: degrees((angle * 180) / Math.PI) });
  // The same words, small and level at the top, for screen readers and text extraction.
  page.drawText(SAMPLE_MARK, { x: 40, y: H - 22, size: 9, font, color: rgb(0.6, 0.1, 0.1) });
}
