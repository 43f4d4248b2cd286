import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aliasFor, rewrite } from '../../scripts/alias-imports';

const ROOT = resolve(import.meta.dirname, '../..');
const at = (rel: string) => resolve(ROOT, rel);

describe('alias-imports codemod', () => {
  it('rewrites imports that climb two folders or more into src/, in every import form', () => {
    const file = at('src/pages/me/ce/index.astro');
    const before = [
      "import { db } from '../../../lib/server/db';",
      'import type { Course } from "../../../lib/content/courses";',
      "const m = await import('../../../lib/server/pdf/transcript');",
      "export { x } from '../../../lib/shared/hours';",
    ].join('\n');
    expect(rewrite(file, before)).toBe(
      [
        "import { db } from '~/lib/server/db';",
        'import type { Course } from "~/lib/content/courses";',
        "const m = await import('~/lib/server/pdf/transcript');",
        "export { x } from '~/lib/shared/hours';",
      ].join('\n'),
    );
  });

  it('leaves ./ and ../ neighbours, packages and paths outside src/ alone', () => {
    const file = at('src/lib/server/pdf/certificate.ts');
    const text = ["import { a } from './format';", "import { b } from '../db';", "import { z } from 'zod';", "import { c } from '../../../../db/schema';"].join('\n');
    expect(rewrite(file, text)).toBe(text);
  });

  it('maps test files and vi.mock paths into src/ too', () => {
    const file = at('test/unit/x.test.ts');
    expect(aliasFor(file, '../../src/lib/domain/credit')).toBe('~/lib/domain/credit');
    expect(aliasFor(file, '../../db/schema')).toBeNull();
    expect(rewrite(file, "vi.mock('~/lib/server/db');")).toBe("vi.mock('~/lib/server/db');");
  });
});
