/**
 * The TrueType fonts embedded in certificates and transcripts.
 *
 * DejaVu Sans (open license) comes from the `dejavu-fonts-ttf` npm package, so PDFs print the same
 * on Linux, macOS, Windows and slim containers. Overrides, in order: the caller's options, then
 * PDF_FONT_PATH / PDF_BOLD_FONT_PATH; Debian's fonts-dejavu-core paths are used when the package is
 * not installed. DejaVu has no Chinese, Japanese or Korean: for those, a fallback font is used for
 * exactly the characters DejaVu lacks (`fallbackFontPath`, else PDF_FALLBACK_FONT_PATH, else
 * Debian's fonts-droid-fallback if installed). It must be a single .ttf or .otf file: Debian's
 * fonts-noto-cjk ships only .ttc collections, which pdf-lib cannot embed.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { Font as FontkitFont } from '@pdf-lib/fontkit';
import { settings, type Settings } from '../settings';

export const DEBIAN_FONT_PATH = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
export const DEBIAN_BOLD_FONT_PATH = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';
/** Single-file CJK-capable fonts Debian installs at fixed paths, tried in order. */
export const FALLBACK_FONT_CANDIDATES = ['/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf'];

export interface FontOptions {
  /** Regular font (TTF/OTF). Default: PDF_FONT_PATH, else DejaVu Sans from dejavu-fonts-ttf. */
  fontPath?: string;
  /** Bold font. Default: PDF_BOLD_FONT_PATH, else DejaVu Sans Bold from dejavu-fonts-ttf. */
  boldFontPath?: string;
  /** Font for characters the main fonts lack (CJK); null turns the fallback off. */
  fallbackFontPath?: string | null;
}

/** A font file is missing or unreadable; the message names the path and how to fix it. */
export class PdfFontError extends Error {
  override name = 'PdfFontError';
}

export interface FontFile {
  bytes: Uint8Array;
  glyphs: FontkitFont;
}

const require = createRequire(import.meta.url);

/** A font file shipped by the dejavu-fonts-ttf package, or Debian's copy when the package is absent. */
function packagedFont(file: string, debianPath: string): string {
  try {
    return require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
  } catch {
    return debianPath;
  }
}

type FontSettings = Pick<Settings, 'PDF_FONT_PATH' | 'PDF_BOLD_FONT_PATH' | 'PDF_FALLBACK_FONT_PATH'>;

/** Where each font is read from, after the options and the PDF_* settings have had their say. */
export function fontPaths(options: FontOptions = {}, env: FontSettings = settings): { regular: string; bold: string; fallback: string | undefined } {
  const fallback =
    options.fallbackFontPath === null ? undefined : (options.fallbackFontPath ?? env.PDF_FALLBACK_FONT_PATH ?? FALLBACK_FONT_CANDIDATES.find((p) => existsSync(p)));
  return {
    regular: options.fontPath ?? env.PDF_FONT_PATH ?? packagedFont('DejaVuSans.ttf', DEBIAN_FONT_PATH),
    bold: options.boldFontPath ?? env.PDF_BOLD_FONT_PATH ?? packagedFont('DejaVuSans-Bold.ttf', DEBIAN_BOLD_FONT_PATH),
    fallback,
  };
}

// Fonts are read once per process: DejaVu Sans is 750 kB and every certificate needs it.
const fontFiles = new Map<string, Promise<FontFile>>();

/** Reads and opens a font file (cached per path); rejects with a PdfFontError naming the path. */
export function loadFontFile(path: string, role: 'regular' | 'bold' | 'fallback'): Promise<FontFile> {
  const envName = { regular: 'PDF_FONT_PATH', bold: 'PDF_BOLD_FONT_PATH', fallback: 'PDF_FALLBACK_FONT_PATH' }[role];
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
          path === DEBIAN_FONT_PATH || path === DEBIAN_BOLD_FONT_PATH
            ? `Run npm install (the dejavu-fonts-ttf package ships the fonts), install Debian's fonts-dejavu-core, or set ${envName} to another TTF font.`
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
