/**
 * The provider's look and course covers: every picture named exists, and the primary colour reads
 * as text and on buttons (4.5:1, WCAG 2.1 AA) on the backgrounds the site draws it on. The maths
 * is src/lib/domain/contrast.ts; where pictures live, src/lib/shared/schemas/image.ts.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AA_TEXT, contrastShortfalls } from '~/lib/domain/contrast';
import { imageLocation } from '~/lib/shared/schemas/image';
import type { ContentTree } from '../reader';

export function checkBranding(tree: ContentTree): string[] {
  const errors: string[] = [];
  const missing = (file: string, field: string, ref: string, base: string) => {
    const at = imageLocation(ref, base);
    const path = join(at.in === 'public' ? tree.publicDir : tree.root, ...at.path.split('/'));
    if (!existsSync(path) || !statSync(path).isFile()) {
      errors.push(`${file}: ${field}: no picture at ${at.in === 'public' ? 'public' : 'content'}/${at.path}`);
    }
  };

  const p = tree.provider;
  if (p) {
    if (p.data.logo) missing(p.file, 'logo.image', p.data.logo.image, '');
    if (p.data.signatory?.signature) missing(p.file, 'signatory.signature.image', p.data.signatory.signature.image, '');
    const color = p.data.primaryColor;
    const short = color ? contrastShortfalls(color) : [];
    if (color && short.length) {
      errors.push(`${p.file}: primaryColor: ${color} is too light for text and buttons: it needs ${AA_TEXT}:1 against each background, and has ${short.join(', ')}. Choose a darker shade.`);
    }
  }
  for (const course of tree.courses) {
    if (course.data.cover) missing(course.file, 'cover.image', course.data.cover.image, `courses/${course.id}`);
  }
  return errors;
}
