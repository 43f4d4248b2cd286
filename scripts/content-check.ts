/** `npm run content:check`: validates every file in content/ and the references between them. */
import { resolve } from 'node:path';
import { loadContentTree } from '../src/lib/content/tree';
import { settings } from '../src/lib/server/settings';

const root = resolve(settings.CONTENT_DIR);
const { tree, errors } = loadContentTree(root);
if (errors.length) {
  console.error(`${errors.length} problem${errors.length === 1 ? '' : 's'} in ${root}:`);
  for (const e of errors) console.error(`  - ${e}`);
  process.exit(1);
}
for (const sim of tree.extra.simulations) console.log(sim.report);
console.log(
  `content/ is valid: ${tree.courses.length} courses, ${tree.lessons.length} lessons, ${tree.extra.quizzes.length} question banks, ${tree.extra.simulations.length} simulations.`,
);
