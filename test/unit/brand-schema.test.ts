/** The branding fields of provider.yaml and course.yaml (issue 18, item 11), and picture sizes. */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { imageSize } from '~/lib/domain/image-size';
import { coverSchema, imageLocation } from '~/lib/shared/schemas/image';
import { providerSchema } from '~/lib/shared/schemas/provider';
import { filledProvider } from '../fixtures/provider';

const messages = (r: { success: boolean; error?: { issues: Array<{ path: (string | number)[]; message: string }> } }) => (r.success ? [] : r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`));

describe('course cover', () => {
  it('requires alt text whenever there is an image, saying why', () => {
    expect(messages(coverSchema.safeParse({ image: 'cover.svg' }))).toEqual(['alt: cover.alt is required when cover.image is set: describe the picture in a sentence for people who cannot see it']);
    expect(messages(coverSchema.safeParse({ image: 'cover.svg', alt: '   ' }))).toEqual(['alt: cover.alt cannot be empty']);
    expect(coverSchema.parse({ image: 'cover.svg', alt: 'A claim form.' })).toEqual({ image: 'cover.svg', alt: 'A claim form.' });
  });

  it('takes only picture files by a plain path', () => {
    expect(messages(coverSchema.safeParse({ image: 'notes.txt', alt: 'x' }))).toEqual(['image: cover.image must be a PNG, JPG, JPEG, SVG, WEBP file']);
    expect(messages(coverSchema.safeParse({ image: '../../secret.png', alt: 'x' }))).toEqual(['image: cover.image must be a path like brand/logo.png (letters, digits, dashes; no ..)']);
    expect(messages(coverSchema.safeParse({ image: 'cover.svg', alt: 'x', caption: 'y' }))[0]).toMatch(/Unrecognized key/);
  });
});

describe('provider branding', () => {
  it('is optional: a provider without it parses as before', () => {
    const p = providerSchema.parse({ ...filledProvider });
    expect([p.logo, p.primaryColor, p.signatory]).toEqual([undefined, undefined, undefined]);
  });

  it('takes a logo with alt text, a hex colour and a signatory with a PNG signature', () => {
    const p = providerSchema.parse({
      ...filledProvider,
      logo: { image: 'brand/logo.svg', alt: 'Ñandú cooperative' },
      primaryColor: '#0e6b5c',
      signatory: { name: 'Ana Ruiz, DDS', title: 'CE Director', signature: { image: 'brand/sig.png', alt: 'Signature of Ana Ruiz' } },
    });
    expect(p.signatory?.signature?.image).toBe('brand/sig.png');
  });

  it('names each bad branding field', () => {
    const r = providerSchema.safeParse({
      ...filledProvider,
      logo: { image: 'brand/logo.png' },
      primaryColor: 'teal',
      signatory: { name: 'Ana Ruiz', title: 'CE Director', signature: { image: 'brand/sig.jpg', alt: 'Signature' } },
    });
    expect(messages(r)).toEqual([
      'logo.alt: logo.alt is required',
      'primaryColor: primaryColor must be a hex colour like #0e6b5c',
      'signatory.signature.image: signatory.signature.image must be a PNG file',
    ]);
  });
});

describe('where a picture lives', () => {
  it('relative to the naming file inside content/, or in public/ when it starts with /', () => {
    expect(imageLocation('brand/logo.png', '')).toEqual({ in: 'content', path: 'brand/logo.png', url: '/media/brand/logo.png' });
    expect(imageLocation('cover.svg', 'courses/x')).toEqual({ in: 'content', path: 'courses/x/cover.svg', url: '/media/courses/x/cover.svg' });
    expect(imageLocation('/images/x/cover.png', 'courses/x')).toEqual({ in: 'public', path: 'images/x/cover.png', url: '/images/x/cover.png' });
  });
});

describe('picture sizes', () => {
  it('reads an SVG root width and height, or its viewBox', () => {
    const svg = (attrs: string) => new TextEncoder().encode(`<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" ${attrs}><rect/></svg>`);
    expect(imageSize(svg('width="640" height="320" viewBox="0 0 64 32"'), 'svg')).toEqual({ width: 640, height: 320 });
    expect(imageSize(svg('viewBox="0 0 300 150"'), 'svg')).toEqual({ width: 300, height: 150 });
    expect(imageSize(svg('width="100%" viewBox="0,0,80,40"'), 'svg')).toEqual({ width: 80, height: 40 });
    expect(imageSize(svg(''), 'svg')).toBeUndefined();
  });

  it('reads a PNG header: a 3 × 2 picture built here byte by byte', () => {
    const ihdr = [0, 0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0];
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...[...'IHDR'].map((c) => c.charCodeAt(0)), ...ihdr, 0, 0, 0, 0, ...deflateSync(Buffer.alloc(2 * 13))]);
    expect(imageSize(png, 'png')).toEqual({ width: 3, height: 2 });
    expect(imageSize(new Uint8Array([1, 2, 3]), 'png')).toBeUndefined();
  });

  it('reads a JPEG start-of-frame after other segments', () => {
    // SOI, an APP0 segment of length 4 (2 bytes of data), then SOF0: length 17, precision 8, height 0x01E0 (480), width 0x0280 (640).
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03]);
    expect(imageSize(jpeg, 'jpg')).toEqual({ width: 640, height: 480 });
  });
});
