/**
 * The content check: the reader's per-file problems, then each rule below over the whole parsed
 * tree. `npm run content:check`, the courses loader (so `astro build` and `astro check`) and the
 * tests all call checkContent().
 *
 * To add a rule: write it as its own module exporting `(tree: ContentTree) => string[]` (each
 * string "file: field: message", or "file:line: field: message" for a lesson body), keep its pure
 * logic in src/lib/domain if it has any, and add it to the list below in one line.
 */
import { readContentTree, type ContentTree, type ReadOptions, type ReadResult } from '../reader';
import { checkHours } from './hours';
import { checkFixedPositions } from './fixed-positions';
import { checkItemWriting } from './item-writing';
import { checkLessonComponents } from './lesson-components';
import { checkLicensureSources } from './licensure-sources';
import { checkReferences } from './references';
import { checkBranding } from './branding';

export type ContentCheck = (tree: ContentTree) => string[];

export const contentChecks: ContentCheck[] = [
  checkReferences,
  checkLessonComponents,
  checkHours,
  checkItemWriting,
  checkFixedPositions,
  checkLicensureSources,
  checkBranding,
];

/** Reads the tree at `root` and runs every check over it. */
export function checkContent(root: string, options: ReadOptions = {}): ReadResult {
  const { tree, errors } = readContentTree(root, options);
  return { tree, errors: [...errors, ...contentChecks.flatMap((check) => check(tree))] };
}
