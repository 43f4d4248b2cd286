/**
 * Pictures named in content files (the provider's logo and signature, course covers). A path
 * starting with `/` is a file in public/ (like lesson figures); any other path is relative to the
 * folder of the file that names it, inside content/ (`brand/logo.png` in provider.yaml,
 * `cover.svg` in a course.yaml). The content check makes sure each file exists.
 */
import { z } from 'zod';
import { isHexColor } from '~/lib/domain/contrast';

const text = (what: string) =>
  z.string({ required_error: `${what} is required`, invalid_type_error: `${what} must be text` }).trim().min(1, `${what} cannot be empty`);

export const IMAGE_TYPES = ['png', 'jpg', 'jpeg', 'svg', 'webp'] as const;

/** A picture's path: plain letters, digits, dashes, dots and slashes, no `..`, with an image extension. */
export function imagePath(what: string, types: readonly string[] = IMAGE_TYPES) {
  const ext = new RegExp(`\\.(${types.join('|')})$`, 'i');
  return text(what)
    .refine((p) => /^\/?[A-Za-z0-9_\-./]+$/.test(p) && !p.split('/').includes('..'), `${what} must be a path like brand/logo.png (letters, digits, dashes; no ..)`)
    .refine((p) => ext.test(p), `${what} must be a ${types.map((t) => t.toUpperCase()).join(', ')} file`);
}

/** Alt text: what the picture shows, for people who cannot see it. */
export const altText = (what: string) => text(what).pipe(z.string().max(250, `${what} must be at most 250 characters: a sentence, not a caption`));

/** A picture with its alt text, both required. */
export const imageSchema = (what: string, types: readonly string[] = IMAGE_TYPES) =>
  z.object({ image: imagePath(`${what}.image`, types), alt: altText(`${what}.alt`) }).strict();

/**
 * A course card's cover. The alt text is required whenever there is an image: written as its own
 * rule so an author who leaves it out reads why, not only "required".
 */
export const coverSchema = z
  .object({
    /** The picture, relative to the course folder (`cover.svg`) or in public/ (`/images/x.png`). */
    image: imagePath('cover.image'),
    /** What the picture shows, in a sentence. */
    alt: altText('cover.alt').optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.alt === undefined) ctx.addIssue({ code: 'custom', path: ['alt'], message: 'cover.alt is required when cover.image is set: describe the picture in a sentence for people who cannot see it' });
  });

/** A colour like `#0e6b5c` (or `#0e6`). */
export const hexColor = (what: string) => text(what).refine(isHexColor, `${what} must be a hex colour like #0e6b5c`);

/**
 * Where a picture is on disk and on the site. `base` is the content-relative folder of the file
 * that names it ('' for provider.yaml, 'courses/x' for a course). Content pictures are served at
 * /media/<path in content/> (src/pages/media/[...path].ts); public ones at their own path.
 */
export function imageLocation(ref: string, base: string): { in: 'public' | 'content'; path: string; url: string } {
  if (ref.startsWith('/')) return { in: 'public', path: ref.slice(1), url: ref };
  const path = [base, ref].filter(Boolean).join('/');
  return { in: 'content', path, url: `/media/${path}` };
}
