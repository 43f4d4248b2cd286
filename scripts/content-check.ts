/** `npm run content:check`: reads every file in content/ and runs every check over the tree (src/lib/content/checks). */
import { resolve } from 'node:path';
import { checkContent } from '../src/lib/content/checks';
import { settings } from '../src/lib/server/settings';

const root = resolve(settings.CONTENT_DIR);
const { tree, errors } = checkContent(root, { publicDir: resolve('public') });
if (errors.length) {
  console.error(`${errors.length} problem${errors.length === 1 ? '' : 's'} in ${root}:`);
  for (const e of errors) console.error(`  - ${e}`);
  process.exit(1);
}
// Each case's weakest passing run, so an author sees how little a pass can take.
for (const { id, analysis } of tree.simulations) {
  const worst = analysis.worstPassing;
  console.log(worst ? `${id}: worst passing path scores ${worst.score} of ${analysis.maxScore} (${worst.percent}%): ${worst.path.join(' > ')}` : `${id}: no run passes`);
  // Steps no run can reach (conditions that never hold) do not stop the build, but an author must see them.
  for (const w of analysis.warnings) console.warn(`warning: ${w}`);
}
console.log(
  `content/ is valid: ${tree.courses.length} courses, ${tree.lessons.length} lessons, ${tree.quizzes.length} question banks, ${tree.simulations.length} simulations.`,
);
