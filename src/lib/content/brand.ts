/**
 * The provider's look (content/provider.yaml: logo, primaryColor, signatory) and course covers, as
 * the pages, the certificate PDF and the emails use them. Pictures are read from content/ (or
 * public/) once per process: the data store is fixed at build time, and a picture changes only
 * with a new build and start. The site serves them from /media/ (src/pages/media/[...path].ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { brandPalette, type BrandPalette } from '~/lib/domain/contrast';
import { imageSize } from '~/lib/domain/image-size';
import { imageLocation } from '~/lib/shared/schemas/image';
import { PLACEHOLDER, type Provider } from '~/lib/shared/schemas/provider';
import { SITE_NAME } from '~/lib/shared/site';
import { settings } from '~/lib/server/settings';
import { provider } from './provider';
import type { Course } from './courses';

/** A picture as a page shows it. */
export interface Picture {
  url: string;
  alt: string;
  width?: number;
  height?: number;
}

export interface SiteBrand {
  /** The name beside the logo: the provider's, once it is filled in; the site's until then. */
  name: string;
  logo?: Picture;
  palette?: BrandPalette;
  /** The palette as CSS custom properties for the layout's <html style>, or undefined: the neutral look. */
  style?: string;
  /** Today's signatory's signature, shown on the certificates that person signed (`signer`). */
  signature?: Picture & { signer: string };
}

/** A picture's bytes on disk (content/ or public/), or undefined when the file is gone. */
export function pictureBytes(ref: string, base = ''): { bytes: Uint8Array; ext: string; path: string } | undefined {
  const at = imageLocation(ref, base);
  const path = join(resolve(at.in === 'public' ? 'public' : settings.CONTENT_DIR), ...at.path.split('/'));
  if (!existsSync(path)) return undefined;
  return { bytes: readFileSync(path), ext: extname(path).slice(1).toLowerCase(), path: at.path };
}

function picture(ref: { image: string; alt?: string | undefined }, base: string): Picture {
  const file = pictureBytes(ref.image, base);
  const size = file ? imageSize(file.bytes, file.ext) : undefined;
  return { url: imageLocation(ref.image, base).url, alt: ref.alt ?? '', ...(size ?? {}) };
}

/** The custom properties src/styles/global.css reads (--brand*, each with the neutral colour as its fallback). */
export function brandStyle(p: BrandPalette): string {
  return [
    ['--brand', p.accent],
    ['--brand-text', p.accentText],
    ['--brand-soft', p.accentSoft],
    ['--brand-dark', p.dark.accent],
    ['--brand-dark-text', p.dark.accentText],
    ['--brand-dark-soft', p.dark.accentSoft],
  ]
    .map(([k, v]) => `${k}:${v}`)
    .join(';');
}

/** The site's look from a provider's data (pure apart from reading the logo's size). */
export function siteBrandOf(p: Provider): SiteBrand {
  const palette = p.primaryColor ? brandPalette(p.primaryColor) : undefined;
  return {
    name: PLACEHOLDER.test(p.name) ? SITE_NAME : p.name,
    ...(p.logo ? { logo: picture(p.logo, '') } : {}),
    ...(palette ? { palette, style: brandStyle(palette) } : {}),
    ...(p.signatory?.signature ? { signature: { ...picture(p.signatory.signature, ''), signer: p.signatory.name } } : {}),
  };
}

let site: Promise<SiteBrand> | undefined;
/** The header's logo and name and the page colours; once per process (fresh each time under astro dev). */
export function siteBrand(): Promise<SiteBrand> {
  if (import.meta.env.DEV) return provider().then(siteBrandOf);
  return (site ??= provider().then(siteBrandOf));
}

const covers = new Map<string, Picture | undefined>();
/** A course card's cover, or undefined; read once per process (each time under astro dev). */
export function coverOf(course: Pick<Course, 'id' | 'data'>): Picture | undefined {
  if (!import.meta.env.DEV && covers.has(course.id)) return covers.get(course.id);
  const out = course.data.cover ? picture(course.data.cover, `courses/${course.id}`) : undefined;
  covers.set(course.id, out);
  return out;
}

/** Every picture in content/ the site shows (logo, signature, covers), as paths inside content/. */
export function contentPictures(p: Provider | undefined, courses: Array<Pick<Course, 'id' | 'data'>>): string[] {
  const refs: Array<[string, string]> = [
    ...(p?.logo ? [[p.logo.image, ''] as [string, string]] : []),
    ...(p?.signatory?.signature ? [[p.signatory.signature.image, ''] as [string, string]] : []),
    ...courses.flatMap((c) => (c.data.cover ? [[c.data.cover.image, `courses/${c.id}`] as [string, string]] : [])),
  ];
  return [...new Set(refs.map(([ref, base]) => imageLocation(ref, base)).filter((at) => at.in === 'content').map((at) => at.path))];
}

/** What the certificate PDF draws beyond its snapshot: the logo, the colour, the signature. */
export interface CertificateBrand {
  /** Changes whenever anything below does: part of the PDF cache key. */
  key: string;
  /** `#rrggbb` of the accents, or undefined for the neutral blue. */
  color?: string;
  /** PNG or JPEG logo (an SVG logo is left off the PDF: pdf-lib draws raster pictures only). */
  logo?: { bytes: Uint8Array; type: 'png' | 'jpg' };
  /** Today's signatory and their signature, drawn when the certificate's own signatory is this person. */
  signatory?: { name: string; title: string; signature?: Uint8Array };
}

export function certificateBrandOf(p: Provider): CertificateBrand {
  const logo = p.logo ? pictureBytes(p.logo.image) : undefined;
  const signature = p.signatory?.signature ? pictureBytes(p.signatory.signature.image) : undefined;
  const out: Omit<CertificateBrand, 'key'> = {
    ...(p.primaryColor ? { color: brandPalette(p.primaryColor).accent } : {}),
    ...(logo && (logo.ext === 'png' || logo.ext === 'jpg' || logo.ext === 'jpeg') ? { logo: { bytes: logo.bytes, type: logo.ext === 'png' ? 'png' : 'jpg' } } : {}),
    ...(p.signatory ? { signatory: { name: p.signatory.name, title: p.signatory.title, ...(signature ? { signature: signature.bytes } : {}) } } : {}),
  };
  const hash = createHash('sha256');
  hash.update(JSON.stringify([out.color, out.signatory?.name, out.signatory?.title]));
  for (const bytes of [out.logo?.bytes, out.signatory?.signature]) hash.update(bytes ?? new Uint8Array()).update('|');
  return { key: hash.digest('hex').slice(0, 16), ...out };
}

let cert: Promise<CertificateBrand> | undefined;
export function certificateBrand(): Promise<CertificateBrand> {
  if (import.meta.env.DEV) return provider().then(certificateBrandOf);
  return (cert ??= provider().then(certificateBrandOf));
}
